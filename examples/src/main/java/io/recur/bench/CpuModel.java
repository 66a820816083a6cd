package io.recur.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Names the processor a benchmark ran on, from {@code /proc/cpuinfo}: the model name plus family
 * and model numbers (cloud CPUs often report only "AMD EPYC", which does not tell Zen 3 from
 * Zen 5), and the logical CPU count.
 */
public final class CpuModel {
  private static final Path CPUINFO = Path.of("/proc/cpuinfo");

  private CpuModel() {}

  /** For example "AMD EPYC (family 25, model 1), 2 CPUs". */
  public static String describe() {
    int cpus = Runtime.getRuntime().availableProcessors();
    try {
      return parse(Files.readString(CPUINFO, StandardCharsets.UTF_8), cpus);
    } catch (IOException e) {
      return System.getProperty("os.arch") + " (no " + CPUINFO + "), " + cpus + " CPUs";
    }
  }

  /** Describes the first processor listed in the text of {@code /proc/cpuinfo}. */
  static String parse(String cpuinfo, int cpus) {
    Map<String, String> first = new LinkedHashMap<>();
    for (String line : cpuinfo.split("\n")) {
      if (line.isBlank() && !first.isEmpty()) {
        break;
      }
      int colon = line.indexOf(':');
      if (colon > 0) {
        first.putIfAbsent(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
      }
    }
    String name = first.getOrDefault("model name", System.getProperty("os.arch"));
    String family = first.get("cpu family");
    String model = first.get("model");
    String numbers = family != null && model != null ? " (family " + family + ", model " + model + ")" : "";
    return name + numbers + ", " + cpus + (cpus == 1 ? " CPU" : " CPUs");
  }
}
