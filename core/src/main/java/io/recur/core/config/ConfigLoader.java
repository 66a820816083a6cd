package io.recur.core.config;

import io.recur.core.InvalidInputException;
import io.recur.core.cell.CellOptions;
import io.recur.core.util.TextFiles;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads a {@link RecurConfig}: defaults, then a properties file ({@code backend = nd4j},
 * {@code threads = 1}, {@code fused = auto}, {@code device = auto}; UTF-8, a byte-order mark dropped, read by
 * {@link TextFiles}), then {@code recur.*} system properties. Command-line options are applied by
 * the caller with the {@code with*} methods. Unknown keys, keys given twice and lines that are
 * not {@code key = value} are errors, so a typo does not silently fall back to a default. The same
 * file may hold a cell's options as {@code cell_opt.NAME = VALUE} lines ({@link #cellOptions}).
 */
public final class ConfigLoader {
  private static final Set<String> KEYS = Set.of("backend", "threads", "fused", "device");
  private static final String CELL_OPTION = "cell_opt.";

  private ConfigLoader() {}

  /** The largest config file read. */
  static final long MAX_BYTES = 1 << 20;

  public static RecurConfig load(Path file) {
    Map<String, String> p = file == null ? new HashMap<>() : read(file);
    for (String k : KEYS) {
      String v = System.getProperty("recur." + k);
      if (v != null) {
        p.put(k, v);
      }
    }
    RecurConfig c = RecurConfig.defaults();
    if (p.containsKey("backend")) {
      c = c.withBackend(p.get("backend").trim());
    }
    if (p.containsKey("threads")) {
      String v = p.get("threads").trim();
      try {
        c = c.withThreads(Integer.parseInt(v));
      } catch (NumberFormatException e) {
        throw new InvalidInputException("threads must be a whole number (got '" + v + "')");
      }
    }
    if (p.containsKey("fused")) {
      c = c.withFused(FusedMode.parse(p.get("fused").trim()));
    }
    if (p.containsKey("device")) {
      c = c.withDevice(Device.parse(p.get("device")));
    }
    return c;
  }

  /** The {@code cell_opt.NAME = VALUE} lines of the config file (none without a file). */
  public static CellOptions cellOptions(Path file) {
    Map<String, String> m = new TreeMap<>();
    if (file != null) {
      read(file).forEach((k, v) -> {
        if (k.startsWith(CELL_OPTION)) {
          m.put(k.substring(CELL_OPTION.length()), v);
        }
      });
    }
    return new CellOptions(m);
  }

  /**
   * Parses {@code key = value} lines strictly: blank lines and {@code #} or {@code !} comments are
   * skipped; every other line needs an {@code =} and a known key, given once.
   */
  private static Map<String, String> read(Path file) {
    String fix = "pass --config FILE with lines such as 'threads = 1'";
    String text = TextFiles.readUtf8(file, MAX_BYTES, "config file", fix);
    Map<String, String> p = new HashMap<>();
    int number = 0;
    for (String line : text.split("\\R", -1)) {
      number++;
      String t = line.strip();
      if (t.isEmpty() || t.startsWith("#") || t.startsWith("!")) {
        continue;
      }
      int eq = t.indexOf('=');
      if (eq < 0) {
        throw new InvalidInputException("config file " + file + " line " + number + " is not 'key = value': '" + t + "'; " + fix);
      }
      String k = t.substring(0, eq).strip();
      if (!KEYS.contains(k) && !k.startsWith(CELL_OPTION)) {
        throw new InvalidInputException("unknown key '" + k + "' in config file " + file + " line " + number + "; known keys: "
            + new TreeSet<>(KEYS) + " and cell_opt.NAME for a cell's options");
      }
      if (p.put(k, t.substring(eq + 1).strip()) != null) {
        throw new InvalidInputException("config file " + file + " sets '" + k + "' twice (line " + number + "); keep one");
      }
    }
    return p;
  }
}
