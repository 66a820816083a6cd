package io.recur.core.config;

import io.recur.core.InvalidInputException;
import io.recur.core.cell.CellOptions;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads a {@link RecurConfig}: defaults, then a properties file ({@code backend = nd4j},
 * {@code threads = 1}, {@code fused = auto}, {@code device = auto}), then {@code recur.*} system properties. Command-line
 * options are applied by the caller with the {@code with*} methods. Unknown keys are errors, so
 * a typo does not silently fall back to a default. The same file may hold a cell's options as
 * {@code cell_opt.NAME = VALUE} lines ({@link #cellOptions}).
 */
public final class ConfigLoader {
  private static final Set<String> KEYS = Set.of("backend", "threads", "fused", "device");
  private static final String CELL_OPTION = "cell_opt.";

  private ConfigLoader() {}

  public static RecurConfig load(Path file) {
    Properties p = read(file);
    for (String k : KEYS) {
      String v = System.getProperty("recur." + k);
      if (v != null) {
        p.setProperty(k, v);
      }
    }
    RecurConfig c = RecurConfig.defaults();
    if (p.containsKey("backend")) {
      c = c.withBackend(p.getProperty("backend").trim());
    }
    if (p.containsKey("threads")) {
      String v = p.getProperty("threads").trim();
      try {
        c = c.withThreads(Integer.parseInt(v));
      } catch (NumberFormatException e) {
        throw new InvalidInputException("threads must be a whole number (got '" + v + "')");
      }
    }
    if (p.containsKey("fused")) {
      c = c.withFused(FusedMode.parse(p.getProperty("fused").trim()));
    }
    if (p.containsKey("device")) {
      c = c.withDevice(Device.parse(p.getProperty("device")));
    }
    return c;
  }

  /** The {@code cell_opt.NAME = VALUE} lines of the config file (none without a file). */
  public static CellOptions cellOptions(Path file) {
    Properties p = read(file);
    Map<String, String> m = new TreeMap<>();
    for (String k : p.stringPropertyNames()) {
      if (k.startsWith(CELL_OPTION)) {
        m.put(k.substring(CELL_OPTION.length()), p.getProperty(k).trim());
      }
    }
    return new CellOptions(m);
  }

  private static Properties read(Path file) {
    Properties p = new Properties();
    if (file == null) {
      return p;
    }
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException("config file " + file + " does not exist; check --config");
    } catch (IOException | IllegalArgumentException e) {
      throw new InvalidInputException("cannot read config file " + file + ": " + e.getMessage());
    }
    for (String k : p.stringPropertyNames()) {
      if (!KEYS.contains(k) && !k.startsWith(CELL_OPTION)) {
        throw new InvalidInputException("unknown key '" + k + "' in config file " + file + "; known keys: " + new TreeSet<>(KEYS)
            + " and cell_opt.NAME for a cell's options");
      }
    }
    return p;
  }
}
