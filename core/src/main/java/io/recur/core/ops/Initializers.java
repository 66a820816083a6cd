package io.recur.core.ops;

import io.recur.core.InvalidInputException;
import java.util.Arrays;
import java.util.Locale;

/** The initialisers Recur ships: the classic schemes for weights, and constants for biases. */
public final class Initializers {
  private Initializers() {}

  /** Weight schemes selectable by name ({@code --init}). */
  public enum Scheme {
    /** Normal with σ = 0.01 (the textbook's from-scratch RNN). */
    NORMAL,
    /** Uniform in ±1/√fan_in, fan_in being the weight's last dimension (PyTorch's RNN default scale). */
    XAVIER,
    /** Uniform in ±0.1 (Zaremba et al.'s word language model). */
    UNIFORM;

    public Initializer initializer() {
      return switch (this) {
        case NORMAL -> normal(0.01);
        case XAVIER -> xavier();
        case UNIFORM -> uniform(0.1);
      };
    }

    public static Scheme parse(String name) {
      for (Scheme s : values()) {
        if (s.name().equalsIgnoreCase(name)) {
          return s;
        }
      }
      throw new InvalidInputException("unknown initialiser '" + name + "'; available: "
          + Arrays.stream(values()).map(s -> s.name().toLowerCase(Locale.ROOT)).toList() + "; set --init");
    }

    public String configName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public static Initializer normal(double sigma) {
    return (shape, rng) -> {
      float[] v = new float[size(shape)];
      for (int i = 0; i < v.length; i++) {
        v[i] = (float) (sigma * rng.nextGaussian());
      }
      return v;
    };
  }

  public static Initializer uniform(double limit) {
    return (shape, rng) -> {
      float[] v = new float[size(shape)];
      for (int i = 0; i < v.length; i++) {
        v[i] = (float) ((2 * rng.nextDouble() - 1) * limit);
      }
      return v;
    };
  }

  /** Uniform in ±1/√fan_in. */
  public static Initializer xavier() {
    return (shape, rng) -> uniform(1 / Math.sqrt(shape[shape.length - 1])).initialize(shape, rng);
  }

  public static Initializer constant(float value) {
    return (shape, rng) -> {
      float[] v = new float[size(shape)];
      Arrays.fill(v, value);
      return v;
    };
  }

  public static Initializer zeros() {
    return constant(0f);
  }

  /**
   * A bias of {@code gates} equal blocks, all zero except block {@code block}, set to {@code value}
   * (the LSTM forget-gate bias).
   */
  public static Initializer blockConstant(int gates, int block, float value) {
    return (shape, rng) -> {
      float[] v = new float[size(shape)];
      int width = v.length / gates;
      Arrays.fill(v, block * width, (block + 1) * width, value);
      return v;
    };
  }

  static int size(int[] shape) {
    long n = 1;
    for (int d : shape) {
      n *= d;
    }
    return Math.toIntExact(n);
  }
}
