package io.recur.core.check;

import io.recur.core.util.Rng;
import java.util.Locale;
import java.util.Map;

/**
 * Central-difference gradient checking in float64, for any backend: perturbs each element of
 * the named arrays by ±ε, evaluates the loss, and compares {@code (L(+ε) − L(−ε)) / 2ε} with the
 * analytic gradient by relative error {@code |a − n| / max(|a|, |n|, floor)} (the floor keeps
 * round-off on near-zero gradients from counting as error). Arrays with more than
 * {@code perArray} elements are checked on a random sample that always includes the first and
 * last element. The report names the worst element.
 */
public final class GradientCheck {
  /** The loss at the given values; the checker perturbs the arrays in place and restores them. */
  @FunctionalInterface
  public interface Loss {
    double at(Map<String, double[]> values);
  }

  /** The element with the largest relative error. */
  public record Worst(String name, int index, double analytic, double numeric, double relativeError) {
    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%s[%d]: analytic %.10g, numeric %.10g, relative error %.3g",
          name, index, analytic, numeric, relativeError);
    }
  }

  /** What a check found: the worst element and how many were checked. */
  public record Report(Worst worst, int checked) {}

  private final double epsilon;
  private final double floor;
  private final int perArray;
  private final long seed;

  public GradientCheck(double epsilon, double floor, int perArray, long seed) {
    if (!(epsilon > 0) || !(floor > 0) || perArray < 2) {
      throw new IllegalArgumentException("need epsilon > 0, floor > 0, perArray >= 2");
    }
    this.epsilon = epsilon;
    this.floor = floor;
    this.perArray = perArray;
    this.seed = seed;
  }

  /**
   * ε = 1e-5, floor = 1e-5, up to 24 elements per array, sample seed 0. In float64 with losses
   * of order 1, the central difference is then good to about 1e-10 absolute (round-off
   * ~1e-16/ε, truncation ~ε²), so relative errors above ~1e-5 mean a wrong gradient.
   */
  public static GradientCheck defaults() {
    return new GradientCheck(1e-5, 1e-5, 24, 0);
  }

  /** Compares {@code analytic} (same names and sizes as {@code values}) with central differences of {@code loss}. */
  public Report run(Map<String, double[]> values, Map<String, double[]> analytic, Loss loss) {
    Worst worst = null;
    int checked = 0;
    Rng rng = new Rng(seed);
    for (Map.Entry<String, double[]> e : values.entrySet()) {
      double[] v = e.getValue();
      double[] a = analytic.get(e.getKey());
      if (a == null || a.length != v.length) {
        throw new IllegalArgumentException("analytic gradient for '" + e.getKey() + "' is missing or has the wrong size");
      }
      for (int i : indices(v.length, rng)) {
        double keep = v[i];
        v[i] = keep + epsilon;
        double plus = loss.at(values);
        v[i] = keep - epsilon;
        double minus = loss.at(values);
        v[i] = keep;
        double numeric = (plus - minus) / (2 * epsilon);
        double rel = Math.abs(a[i] - numeric) / Math.max(floor, Math.max(Math.abs(a[i]), Math.abs(numeric)));
        if (Double.isNaN(rel)) {
          rel = Double.POSITIVE_INFINITY;
        }
        checked++;
        if (worst == null || rel > worst.relativeError()) {
          worst = new Worst(e.getKey(), i, a[i], numeric, rel);
        }
      }
    }
    if (worst == null) {
      throw new IllegalArgumentException("nothing to check: no values given");
    }
    return new Report(worst, checked);
  }

  /** As {@link #run}, failing with the worst element when its relative error exceeds {@code tolerance}. */
  public Report assertWithin(double tolerance, Map<String, double[]> values, Map<String, double[]> analytic, Loss loss) {
    Report r = run(values, analytic, loss);
    if (!(r.worst().relativeError() <= tolerance)) {
      throw new AssertionError("gradient check failed (tolerance " + tolerance + ", " + r.checked()
          + " elements checked); worst " + r.worst());
    }
    return r;
  }

  private int[] indices(int n, Rng rng) {
    if (n <= perArray) {
      int[] all = new int[n];
      for (int i = 0; i < n; i++) {
        all[i] = i;
      }
      return all;
    }
    int[] pick = new int[perArray];
    pick[0] = 0;
    pick[1] = n - 1;
    for (int i = 2; i < perArray; i++) {
      pick[i] = rng.nextInt(n);
    }
    return pick;
  }
}
