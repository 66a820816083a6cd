package io.recur.core.checkpoint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/** Test edits of a checkpoint's manifest that keep its checksum valid: what a deliberate (not a damaging) change looks like. */
final class ManifestFiles {
  private static final String OPEN = "{\n  \"sha256\": \"";

  private ManifestFiles() {}

  /** Applies {@code edit} to the manifest body (the JSON without its checksum line) and stamps the new checksum. */
  static void edit(Path dir, UnaryOperator<String> edit) throws IOException {
    Path f = dir.resolve(CheckpointStore.MANIFEST);
    String text = Files.readString(f, StandardCharsets.UTF_8);
    String body = "{\n" + text.substring(text.indexOf('\n', OPEN.length()) + 1);
    String edited = edit.apply(body);
    Files.writeString(f, OPEN + Manifest.sha256(edited) + "\",\n" + edited.substring(2), StandardCharsets.UTF_8);
  }
}
