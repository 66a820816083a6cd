package io.recur.data.series;

import io.recur.core.InvalidInputException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One real-valued series {@code x[0 … T−1]} with a name and, optionally, one label per value
 * (the time of a row, as read, for a plot's x axis). Immutable: the values are copied in and
 * {@link #values()} returns a copy.
 *
 * @param name what the values are (a column's header, {@code "sine"}, …)
 * @param values {@code [T]}, finite, T ≥ 1
 * @param labels empty, or {@code [T]}
 */
public record Series(String name, double[] values, List<String> labels) {
  public Series {
    Objects.requireNonNull(name, "name");
    values = values.clone();
    labels = List.copyOf(labels);
    if (values.length == 0) {
      throw new InvalidInputException("series " + name + " has no values; pass a series with at least one value");
    }
    for (int t = 0; t < values.length; t++) {
      if (!Double.isFinite(values[t])) {
        throw new InvalidInputException("series " + name + " has a non-finite value " + values[t] + " at index " + t
            + "; pass finite values (mark a missing one as an empty CSV cell)");
      }
    }
    if (!labels.isEmpty() && labels.size() != values.length) {
      throw new IllegalArgumentException(values.length + " values but " + labels.size() + " labels");
    }
  }

  /** A series without labels. */
  public Series(String name, double[] values) {
    this(name, values, List.of());
  }

  /** The two parts of a series cut at one index: {@code train = x[0 … n−1]}, {@code test = x[n … T−1]}. */
  public record Split(Series train, Series test) {
    /** {@code n}: the length of the training part, the first forecast origin. */
    public int index() {
      return train.length();
    }
  }

  /** {@code T}. */
  public int length() {
    return values.length;
  }

  @Override
  public double[] values() {
    return values.clone();
  }

  public boolean hasLabels() {
    return !labels.isEmpty();
  }

  /**
   * Holds out the last {@code round(T·fraction)} values.
   *
   * @throws InvalidInputException unless both parts get at least one value
   */
  public Split splitTail(double fraction) {
    if (!(fraction > 0 && fraction < 1)) {
      throw new InvalidInputException("held-out fraction must be in (0, 1) (got " + fraction + "); pass --val-fraction F");
    }
    long held = Math.round(values.length * fraction);
    if (held < 1 || held > values.length - 1) {
      throw new InvalidInputException("held-out fraction " + fraction + " of a series of " + values.length + " values holds out "
          + held + "; both parts need at least one value; pass a " + (held < 1 ? "larger" : "smaller") + " --val-fraction");
    }
    return splitAt(values.length - (int) held);
  }

  /** @throws InvalidInputException unless {@code 1 ≤ index ≤ T − 1} */
  public Split splitAt(int index) {
    if (index < 1 || index > values.length - 1) {
      throw new InvalidInputException("cannot split a series of " + values.length + " values at " + index
          + "; the training part needs 1 to " + (values.length - 1) + " values");
    }
    return new Split(slice(0, index), slice(index, values.length));
  }

  private Series slice(int from, int to) {
    return new Series(name, Arrays.copyOfRange(values, from, to), labels.isEmpty() ? labels : labels.subList(from, to));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Series s && name.equals(s.name) && Arrays.equals(values, s.values) && labels.equals(s.labels);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, Arrays.hashCode(values), labels);
  }

  @Override
  public String toString() {
    return "Series(" + name + ", " + values.length + " values" + (labels.isEmpty() ? "" : ", labelled") + ")";
  }
}
