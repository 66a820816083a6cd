package io.recur.data.series;

import io.recur.core.InvalidInputException;
import java.util.List;

/**
 * Standardisation {@code z = (x − mean) / std}, fitted on a training part only so that no
 * held-out value leaks into a model's inputs. Two doubles, so a checkpoint stores and restores
 * it exactly. {@code std} is the population standard deviation; a constant training part gets
 * {@code std = 1} (a pure shift).
 */
public record Scaler(double mean, double std) {
  public Scaler {
    if (!Double.isFinite(mean) || !(std > 0 && Double.isFinite(std))) {
      throw new InvalidInputException("a scaler needs a finite mean and a finite std > 0 (got mean " + mean + ", std " + std
          + "); fit it on finite values");
    }
  }

  /** Mean and population standard deviation of {@code train}. */
  public static Scaler fit(double[] train) {
    if (train.length == 0) {
      throw new InvalidInputException("cannot fit a scaler on no values; pass a training part with values");
    }
    double mean = 0;
    for (double x : train) {
      mean += x;
    }
    mean /= train.length;
    double squares = 0;
    for (double x : train) {
      squares += (x - mean) * (x - mean);
    }
    double std = Math.sqrt(squares / train.length);
    return new Scaler(mean, std > 1e-12 * Math.max(1, Math.abs(mean)) ? std : 1);
  }

  public double transform(double x) {
    return (x - mean) / std;
  }

  public double inverse(double z) {
    return z * std + mean;
  }

  public double[] transform(double[] x) {
    double[] z = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      z[i] = transform(x[i]);
    }
    return z;
  }

  public double[] inverse(double[] z) {
    double[] x = new double[z.length];
    for (int i = 0; i < z.length; i++) {
      x[i] = inverse(z[i]);
    }
    return x;
  }

  /**
   * A predictor of original values made from one of scaled values: it reads the history
   * transformed and returns its prediction inverted, so forecasts and their scores are in the
   * series' own units.
   */
  public OneStepPredictor inOriginalUnits(OneStepPredictor scaled) {
    return new OneStepPredictor() {
      @Override
      public double next(History history) {
        return inverse(scaled.next(history.map(Scaler.this::transform)));
      }

      @Override
      public double[] next(List<History> histories) {
        return inverse(scaled.next(histories.stream().map(h -> h.map(Scaler.this::transform)).toList()));
      }
    };
  }
}
