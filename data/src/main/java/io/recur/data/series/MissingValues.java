package io.recur.data.series;

import io.recur.core.InvalidInputException;
import java.util.Arrays;
import java.util.Locale;

/**
 * What a series reader does with a missing value (an empty CSV cell): never read it as 0.
 * {@link #INTERPOLATE} fills each gap linearly between its neighbours by position (a gap at the
 * start or the end takes the nearest value) and counts the filled values; {@link #ERROR} refuses
 * the file, naming the first line with a gap.
 */
public enum MissingValues {
  INTERPOLATE,
  ERROR;

  /** The lower-case name, as {@code --missing} takes it. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** @throws InvalidInputException for a name that is not {@code interpolate} or {@code error} */
  public static MissingValues of(String id) {
    for (MissingValues m : values()) {
      if (m.id().equals(id)) {
        return m;
      }
    }
    throw new InvalidInputException("unknown missing-value policy '" + id + "'; valid: "
        + Arrays.stream(values()).map(MissingValues::id).toList() + "; pass --missing interpolate or --missing error");
  }

  /**
   * Fills the NaN entries of {@code values} in place, linearly between the nearest known values
   * on either side; a leading or trailing gap takes the nearest known value.
   *
   * @return how many values were filled, or −1 if every value is missing (nothing was changed)
   */
  static int interpolate(double[] values) {
    int filled = 0;
    int previous = -1; // index of the last known value
    for (int t = 0; t <= values.length; t++) {
      if (t < values.length && Double.isNaN(values[t])) {
        continue;
      }
      int gap = t - previous - 1;
      if (gap > 0) {
        if (previous < 0 && t == values.length) {
          return -1;
        }
        for (int i = previous + 1; i < t; i++) {
          values[i] = previous < 0 ? values[t]
              : t == values.length ? values[previous]
              : values[previous] + (values[t] - values[previous]) * (i - previous) / (t - previous);
        }
        filled += gap;
      }
      previous = t;
    }
    return filled;
  }
}
