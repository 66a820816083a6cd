package io.recur.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.recur.core.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A damaged, incomplete or foreign manifest is refused with one {@link InvalidInputException} that
 * names the manifest — never loaded with another meaning, never another exception. The sweeps
 * cover every byte of a real manifest.
 */
class ManifestIntegrityTest {
  @TempDir
  Path dir;

  private Path manifest;
  private byte[] original;
  private Checkpoint expected;

  @BeforeEach
  void writeOne() throws IOException {
    CheckpointStore.write(dir, FormatFixtures.lstmV3());
    manifest = dir.resolve(CheckpointStore.MANIFEST);
    original = Files.readAllBytes(manifest);
    expected = CheckpointStore.read(dir);
  }

  /** Reads the checkpoint with {@code bytes} as its manifest: null if refused as bad input, else what loaded. */
  private Checkpoint readWith(byte[] bytes) throws IOException {
    Files.write(manifest, bytes);
    try {
      return CheckpointStore.read(dir);
    } catch (InvalidInputException e) {
      assertTrue(e.getMessage().contains(manifest.toString()) || e.getMessage().contains(dir.toString()), e.getMessage());
      assertEquals(1, e.getMessage().lines().count(), e.getMessage());
      return null;
    }
  }

  private void assertSameMeaning(Checkpoint c, String what) {
    assertEquals(expected.spec(), c.spec(), what);
    assertEquals(expected.data(), c.data(), what);
    assertEquals(expected.training(), c.training(), what);
    assertEquals(expected.history(), c.history(), what);
    assertEquals(expected.provenance(), c.provenance(), what);
    assertEquals(expected.optimizer().step(), c.optimizer().step(), what);
    assertEquals(expected.optimizer().slots().keySet(), c.optimizer().slots().keySet(), what);
  }

  @Test
  void everyOneBitFlipIsRefusedOrChangesNothing() throws IOException {
    int refused = 0;
    List<String> loaded = new ArrayList<>();
    for (int i = 0; i < original.length; i++) {
      for (int bit = 0; bit < 8; bit++) {
        byte[] flipped = original.clone();
        flipped[i] ^= (byte) (1 << bit);
        Checkpoint c = readWith(flipped);
        if (c == null) {
          refused++;
        } else {
          assertSameMeaning(c, "flip of bit " + bit + " at byte " + i);
          loaded.add(i + ":" + bit);
        }
      }
    }
    assertEquals(original.length * 8, refused + loaded.size());
    assertEquals(List.of(), loaded, "a checksummed manifest refuses every flip");
  }

  @Test
  void everyTruncationIsRefused() throws IOException {
    for (int n = 0; n < original.length; n++) {
      assertEquals(null, readWith(Arrays.copyOf(original, n)), "truncated to " + n + " bytes");
    }
  }

  @Test
  void foreignManifestsAreRefused() throws IOException {
    assertEquals(null, readWith(new byte[] {0x50, 0x4b, 3, 4, 0, 0}));
    assertEquals(null, readWith("{\"name\": \"my-package\", \"version\": \"1.0.0\"}\n".getBytes(StandardCharsets.UTF_8)));
    assertEquals(null, readWith("[1, 2, 3]".getBytes(StandardCharsets.UTF_8)));
    assertEquals(null, readWith("caf\u00e9".getBytes(StandardCharsets.ISO_8859_1)));
    assertEquals(null, readWith(new byte[0]));
    Files.delete(manifest);
    Files.createDirectory(manifest);
    var e = assertThrows(InvalidInputException.class, () -> CheckpointStore.read(dir));
    assertTrue(e.getMessage().contains(manifest + " is a directory"), e.getMessage());
  }

  @Test
  void anUnreadableManifestIsRefusedWithTheReason() throws IOException {
    assumeTrue(!"root".equals(System.getProperty("user.name")), "root reads any file");
    Files.setPosixFilePermissions(manifest, PosixFilePermissions.fromString("---------"));
    var e = assertThrows(InvalidInputException.class, () -> CheckpointStore.read(dir));
    assertTrue(e.getMessage().contains("permission denied"), e.getMessage());
  }

  @Test
  void aLegacyManifestIsReadStrictly() throws IOException {
    String body = new String(original, StandardCharsets.UTF_8);
    String legacy = "{\n" + body.substring(body.indexOf('\n', 3) + 1);
    var noChecksum = assertThrows(InvalidInputException.class,
        () -> readWithText(legacy));
    assertTrue(noChecksum.getMessage().contains("lacks its checksum line"), noChecksum.getMessage());
    String v2 = legacy.replace("\"version\": 3", "\"version\": 2").replace(",\n    \"threads\": 1,\n    \"fused\": \"auto\"", "");
    assertEquals(expected.spec(), readWithText(v2).spec());
    for (String damaged : List.of(v2.replace("\"epochs\": 3,", "\"epochs\": 3, # three\n"),
        v2.replace("\"dropout\": 0.0", "\"dropout\": '0.5'"), v2.replace("\"seed\": 0", "\"seed\": 0, \"seed\": 7"),
        v2.replace("\"tokenizer\": \"char\"", "tokenizer: \"char\""), v2.replace("\"training\": {", "\"trainin\": {"),
        v2.replace("\"clip\": 1.0", "\"clip\": \"1.0\""), v2.replace("\"seed\": 0", "\"seed\": 0.5"),
        v2.replace("\"step\": 7", "\"step\": -7"), v2.replace("\"file\": \"params-000001.bin\"", "\"file\": \"../x.bin\""),
        v2.replace("\"init\": \"XAVIER\"", "\"init\": \"FANCY\""), v2.substring(0, v2.indexOf("\"text\"")) + "\"x\": 1\n}",
        v2 + "{}")) {
      var e = assertThrows(InvalidInputException.class, () -> readWithText(damaged), damaged);
      assertTrue(e.getMessage().contains("is damaged or incomplete"), e.getMessage());
    }
  }

  private Checkpoint readWithText(String text) throws IOException {
    Files.writeString(manifest, text, StandardCharsets.UTF_8);
    return CheckpointStore.read(dir);
  }
}
