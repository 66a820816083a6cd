package io.recur.core.checkpoint;

import com.google.gson.JsonParseException;
import io.recur.core.InvalidInputException;
import io.recur.core.model.FloatArray;
import io.recur.core.model.ParamKey;
import io.recur.core.model.ParameterSet;
import io.recur.core.optim.OptimizerState;
import io.recur.core.util.AtomicFiles;
import io.recur.core.util.TextFiles;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes checkpoint directories. Layout: {@code checkpoint.json} (the {@link Manifest},
 * which carries a SHA-256 of itself and the size and CRC32 of every data file) and
 * {@code params-N.bin}, {@code optimizer-N-SLOT.bin} (see {@link ArrayFile}), N increasing with
 * each save. A save first removes what an interrupted earlier save left (temporary files, data
 * files no manifest names), writes the new data files, replaces the manifest by an atomic rename,
 * then deletes the data files the manifest no longer names; if it fails half-way, it deletes what
 * it wrote. At every instant the directory holds one complete, loadable checkpoint. A reader that
 * races a save (the data files it was about to read were just replaced) reads the new manifest
 * again. One writer at a time: {@link OutputLock}.
 */
public final class CheckpointStore {
  public static final String MANIFEST = "checkpoint.json";
  /** The largest manifest read (a vocabulary of millions of tokens fits). */
  static final long MAX_MANIFEST_BYTES = 256L << 20;
  private static final int READ_ATTEMPTS = 3;
  private static final Pattern SERIAL = Pattern.compile("(?:params|optimizer)-([0-9]{6,})(?:-[A-Za-z0-9_]+)?\\.bin");
  private static final String FIX = "use an intact copy of the checkpoint, or train again";

  private CheckpointStore() {}

  /** Whether {@code dir} looks like a checkpoint directory. */
  public static boolean isCheckpoint(Path dir) {
    return Files.isRegularFile(dir.resolve(MANIFEST));
  }

  public static void write(Path dir, Checkpoint c) throws IOException {
    write(dir, c, step -> {});
  }

  /**
   * {@link #write(Path, Checkpoint)}, telling {@code steps} each step as it is reached:
   * {@code FILE:written} (the file's bytes are in its temporary file, not yet renamed),
   * {@code FILE:renamed}, and {@code cleaned} at the end. Tests inject faults there.
   */
  static void write(Path dir, Checkpoint c, Consumer<String> steps) throws IOException {
    Files.createDirectories(dir);
    removeLeftovers(dir);
    long n = nextSerial(dir);
    List<Path> written = new ArrayList<>();
    try {
      String paramsFile = String.format("params-%06d.bin", n);
      Manifest.FileRef params = writeArrays(dir, paramsFile, c.params(), written, steps);
      Map<String, Manifest.FileRef> slots = new LinkedHashMap<>();
      for (Map.Entry<String, ParameterSet> e : new java.util.TreeMap<>(c.optimizer().slots()).entrySet()) {
        String f = String.format("optimizer-%06d-%s.bin", n, e.getKey());
        slots.put(e.getKey(), writeArrays(dir, f, e.getValue(), written, steps));
      }
      String manifest = Manifest.encode(n, c, params, slots);
      AtomicFiles.write(dir.resolve(MANIFEST), out -> {
        out.write(manifest.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        out.flush();
        steps.accept(MANIFEST + ":written");
      });
    } catch (IOException | RuntimeException | Error e) {
      for (Path p : written) {
        Files.deleteIfExists(p);
      }
      throw e;
    }
    steps.accept(MANIFEST + ":renamed");
    removeLeftovers(dir);
    steps.accept("cleaned");
  }

  private static Manifest.FileRef writeArrays(Path dir, String name, ParameterSet set, List<Path> written,
      Consumer<String> steps) throws IOException {
    byte[] bytes = ArrayFile.encode(set);
    Path target = dir.resolve(name);
    written.add(target);
    AtomicFiles.write(target, out -> {
      out.write(bytes, 0, bytes.length / 2);
      out.flush();
      steps.accept(name + ":half");
      out.write(bytes, bytes.length / 2, bytes.length - bytes.length / 2);
      out.flush();
      steps.accept(name + ":written");
    });
    steps.accept(name + ":renamed");
    return Manifest.fileRef(name, bytes);
  }

  /**
   * Deletes temporary files and the data files the current manifest does not name (all data files
   * are kept when the manifest cannot be read).
   */
  private static void removeLeftovers(Path dir) throws IOException {
    Set<String> keep;
    try {
      keep = Manifest.decode(manifestText(dir)).files();
    } catch (RuntimeException e) {
      keep = null;
    }
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      for (Path p : ds) {
        String name = p.getFileName().toString();
        boolean temporary = name.startsWith(".") && name.endsWith(AtomicFiles.TEMPORARY_SUFFIX);
        boolean orphan = keep != null && SERIAL.matcher(name).matches() && !keep.contains(name);
        if ((temporary || orphan) && Files.isRegularFile(p)) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  /** One past the highest serial in use, by the manifest or by any data file. */
  private static long nextSerial(Path dir) throws IOException {
    long max = 0;
    try {
      max = Manifest.decode(manifestText(dir)).serial();
    } catch (RuntimeException e) {
      // no readable manifest: the data files decide
    }
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      for (Path p : ds) {
        Matcher m = SERIAL.matcher(p.getFileName().toString());
        if (m.matches()) {
          max = Math.max(max, Long.parseLong(m.group(1)));
        }
      }
    }
    return max + 1;
  }

  /**
   * Reads the checkpoint in {@code dir}.
   *
   * @throws InvalidInputException if {@code dir} is not a checkpoint directory, or anything in it is
   *     missing, damaged, incomplete, foreign or inconsistent; the message names the file and what to do
   */
  public static Checkpoint read(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new InvalidInputException(dir + " is not a directory; pass the checkpoint directory written by 'recur train --out'");
    }
    if (!Files.exists(dir.resolve(MANIFEST))) {
      throw new InvalidInputException(dir + " is not a Recur checkpoint (no " + MANIFEST + "); pass a directory written by 'recur train --out'");
    }
    for (int attempt = 1; ; attempt++) {
      String text = manifestText(dir);
      try {
        return load(dir, text);
      } catch (InvalidInputException e) {
        if (attempt == READ_ATTEMPTS || text.equals(manifestTextOrNull(dir))) {
          throw e;
        }
        // a save replaced the checkpoint while it was being read: read the new one
      }
    }
  }

  private static String manifestText(Path dir) {
    return TextFiles.readUtf8(dir.resolve(MANIFEST), MAX_MANIFEST_BYTES, "checkpoint manifest", FIX);
  }

  private static String manifestTextOrNull(Path dir) {
    try {
      return manifestText(dir);
    } catch (InvalidInputException e) {
      return null;
    }
  }

  private static Checkpoint load(Path dir, String text) throws IOException {
    Path manifest = dir.resolve(MANIFEST);
    Manifest.Parsed m;
    try {
      m = Manifest.decode(text);
    } catch (Manifest.NewerFormatException e) {
      throw new InvalidInputException("checkpoint " + dir + " has format version " + e.version + "; this Recur reads up to "
          + Manifest.VERSION + "; upgrade Recur", e);
    } catch (JsonParseException | IllegalArgumentException | IllegalStateException | UnsupportedOperationException
        | ClassCastException | NullPointerException | ArithmeticException e) {
      throw new InvalidInputException("checkpoint manifest " + manifest + " is damaged or incomplete: " + e.getMessage()
          + "; " + FIX, e);
    }
    ParameterSet params = readArrays(dir, m.params());
    Map<String, ParameterSet> slots = new LinkedHashMap<>();
    for (Map.Entry<String, Manifest.FileRef> e : m.slots().entrySet()) {
      ParameterSet slot = readArrays(dir, e.getValue());
      checkSameLayout(params, slot, dir.resolve(e.getValue().file()));
      slots.put(e.getKey(), slot);
    }
    try {
      return new Checkpoint(m.spec(), m.data(), params, m.training(), new OptimizerState(m.optimizer(), m.step(), slots),
          m.history(), m.provenance());
    } catch (IllegalArgumentException e) {
      if (e instanceof InvalidInputException iie) {
        throw iie;
      }
      throw new InvalidInputException("checkpoint manifest " + manifest + " is inconsistent: " + e.getMessage() + "; " + FIX, e);
    }
  }

  private static ParameterSet readArrays(Path dir, Manifest.FileRef ref) throws IOException {
    Path f = dir.resolve(ref.file());
    if (!Files.isRegularFile(f)) {
      throw new InvalidInputException("checkpoint " + dir + " is missing " + ref.file() + "; the checkpoint is incomplete — " + FIX);
    }
    byte[] bytes;
    try {
      if (Files.size(f) != ref.bytes()) {
        throw new InvalidInputException("checkpoint file " + f + " has " + Files.size(f) + " bytes, not the " + ref.bytes()
            + " its manifest records; it was truncated or damaged — " + FIX);
      }
      bytes = Files.readAllBytes(f);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException("checkpoint " + dir + " is missing " + ref.file() + "; the checkpoint is incomplete — " + FIX, e);
    } catch (IOException e) {
      throw new InvalidInputException("cannot read checkpoint file " + f + ": " + TextFiles.reason(e) + "; " + FIX, e);
    }
    if (bytes.length != ref.bytes() || ArrayFile.crc(bytes) != ref.crc32()) {
      throw new InvalidInputException("checkpoint file " + f + " is corrupt (CRC32 mismatch); it was damaged after writing — " + FIX);
    }
    return ArrayFile.decode(bytes, f.toString());
  }

  private static void checkSameLayout(ParameterSet params, ParameterSet slot, Path file) {
    if (!params.keys().equals(slot.keys())) {
      throw new InvalidInputException("checkpoint file " + file + " holds other parameters than the model's; " + FIX);
    }
    for (ParamKey k : params.keys()) {
      FloatArray a = slot.get(k);
      if (!a.sameShape(params.get(k).shape())) {
        throw new InvalidInputException("checkpoint file " + file + " holds " + k + " in another shape than the model's; " + FIX);
      }
    }
  }
}
