package io.recur.data.series;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;

/**
 * What a one-step predictor may see at a forecast origin: the values observed before the origin
 * and, after them, the predictions already fed back — never a value observed at or after the
 * origin. Read-only for predictors; {@link Forecasts} appends the fed-back predictions.
 */
public final class History {
  private final double[] series;
  private final int origin;
  private final double[] fed;
  private int fedCount;
  private final DoubleUnaryOperator view;

  private History(double[] series, int origin, double[] fed, int fedCount, DoubleUnaryOperator view) {
    this.series = series;
    this.origin = origin;
    this.fed = fed;
    this.fedCount = fedCount;
    this.view = view;
  }

  /** A history of observed values only (a copy of {@code observed}). */
  public static History of(double[] observed) {
    return new History(observed.clone(), observed.length, new double[0], 0, DoubleUnaryOperator.identity());
  }

  /** The first {@code origin} values of {@code series}, with room for {@code room} fed-back predictions; shares {@code series}. */
  static History at(double[] series, int origin, int room) {
    return new History(series, origin, new double[room], 0, DoubleUnaryOperator.identity());
  }

  /** Values seen: the observed ones, then the fed-back predictions. */
  public int length() {
    return origin + fedCount;
  }

  /** How many leading values are observed; those at {@code t ≥ origin()} are fed-back predictions. */
  public int origin() {
    return origin;
  }

  /** The value at {@code t}, {@code 0 ≤ t < length()}. */
  public double get(int t) {
    if (t < 0 || t >= length()) {
      throw new IndexOutOfBoundsException("a history of " + length() + " values has no value at " + t);
    }
    return view.applyAsDouble(t < origin ? series[t] : fed[t - origin]);
  }

  /** The last {@code n} values, oldest first, {@code n ≤ length()}. */
  public double[] tail(int n) {
    if (n < 0 || n > length()) {
      throw new IndexOutOfBoundsException("a history of " + length() + " values has no tail of " + n);
    }
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = get(length() - n + i);
    }
    return out;
  }

  /** This history seen through {@code f}: every value {@code v} reads as {@code f(v)}; shares the values seen now. */
  public History map(DoubleUnaryOperator f) {
    return new History(series, origin, fed, fedCount, view.andThen(f));
  }

  void append(double prediction) {
    fed[fedCount++] = prediction;
  }

  @Override
  public String toString() {
    return "History(" + origin + " observed + " + fedCount + " fed back: " + Arrays.toString(tail(Math.min(4, length())))
        + " last)";
  }
}
