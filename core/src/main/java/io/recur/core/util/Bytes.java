package io.recur.core.util;

import java.util.Locale;

/** Byte counts in words for messages: {@code 512 B}, {@code 3.0 MiB}, {@code 6.4 GiB}. */
public final class Bytes {
  private Bytes() {}

  public static String format(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    double v = bytes;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }
}
