package io.recur.core.util;

/**
 * A small, fast, deterministic random number generator (SplitMix64) whose whole state is one
 * {@code long}. Recur never uses a global seed: every consumer (initialisation, partitioning,
 * dropout, sampling) receives its own {@code Rng} derived with {@link #fork} from the run's seed
 * and a stable label, so results are reproducible and independent of call order, and a
 * checkpoint can restore any of them from the seed alone.
 */
public final class Rng {
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;
  private long state;
  private double spareGaussian = Double.NaN;

  public Rng(long seed) {
    this.state = seed;
  }

  /** An independent generator for the given label; this generator's state is not advanced. */
  public Rng fork(long label) {
    return new Rng(mix(state ^ mix(label + GOLDEN)));
  }

  /** An independent generator for the given label, hashed from the string. */
  public Rng fork(String label) {
    long h = 1125899906842597L;
    for (int i = 0; i < label.length(); i++) {
      h = 31 * h + label.charAt(i);
    }
    return fork(h);
  }

  public long nextLong() {
    state += GOLDEN;
    return mix(state);
  }

  /** Uniform in [0, 1) with 53 random bits. */
  public double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /** Uniform in [0, 1) with 24 random bits. */
  public float nextFloat() {
    return (nextLong() >>> 40) * 0x1.0p-24f;
  }

  /** Uniform in [0, bound). */
  public int nextInt(int bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound must be > 0 (got " + bound + ")");
    }
    long r = nextLong() >>> 1;
    long limit = Long.MAX_VALUE - Long.MAX_VALUE % bound;
    while (r >= limit) {
      r = nextLong() >>> 1;
    }
    return (int) (r % bound);
  }

  /** Uniform in [lo, hi], both inclusive. */
  public int nextInt(int lo, int hi) {
    return lo + nextInt(hi - lo + 1);
  }

  /** Standard normal (Marsaglia's polar method; deterministic for a given state). */
  public double nextGaussian() {
    if (!Double.isNaN(spareGaussian)) {
      double g = spareGaussian;
      spareGaussian = Double.NaN;
      return g;
    }
    double u;
    double v;
    double s;
    do {
      u = 2 * nextDouble() - 1;
      v = 2 * nextDouble() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s == 0);
    double m = Math.sqrt(-2 * Math.log(s) / s);
    spareGaussian = v * m;
    return u * m;
  }

  /** Fisher–Yates shuffle in place. */
  public void shuffle(int[] a) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
