package io.recur.core.model;

import io.recur.core.InvalidInputException;
import io.recur.core.cell.CellConfig;
import io.recur.core.cell.CellFactory;
import io.recur.core.cell.CellRegistry;
import io.recur.core.cell.ParamSpec;
import io.recur.core.cell.RecurrentCell;
import io.recur.core.cell.StateSpec;
import io.recur.core.util.Bytes;

/**
 * How big a model is, estimated from its spec in {@code long} arithmetic (saturating, never
 * overflowing) without building it: {@code parameters} (float32 values) and {@code activations}
 * (values a training step keeps per minibatch for the backward pass: per layer and time step, the
 * cell's widest weight's rows plus its state, plus the input and the output per step). Building a
 * model with {@code --layers 99999999} or training one of {@code --hidden 40000} would exhaust
 * memory or overflow an {@code int}; {@link #checkTrainable} refuses them up front.
 */
public record ModelSize(long parameters, long largestArray, long activations) {
  /** The most values one Java array holds. */
  static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

  /**
   * Estimates {@code spec} trained in minibatches of {@code batch} rows × {@code steps} steps.
   *
   * @throws InvalidInputException if the spec's cell is unknown or refuses its sizes
   */
  public static ModelSize of(ModelSpec spec, CellRegistry cells, int batch, int steps) {
    long params = 0;
    long largest = 0;
    long perStep = spec.inputSize() + (long) spec.outputSize();
    if (spec.task() == ModelSpec.Task.LANGUAGE) {
      long embed = times(spec.vocabSize(), spec.embed());
      long output = spec.tied() ? 0 : times(spec.vocabSize(), spec.hidden());
      params = plus(plus(embed, output), spec.vocabSize());
      largest = Math.max(embed, output);
    } else {
      long width = spec.layers() == 0 ? spec.features() : spec.hidden();
      params = plus(times(spec.outputs(), width), spec.outputs());
      largest = times(spec.outputs(), width);
    }
    if (spec.layers() > 0) {
      CellFactory factory = cells.resolve(spec.cell());
      try {
        RecurrentCell first = factory.create(new CellConfig(spec.inputSize(), spec.hidden(), spec.cellOptions()));
        RecurrentCell deeper = spec.layers() > 1
            ? factory.create(new CellConfig(spec.hidden(), spec.hidden(), spec.cellOptions())) : first;
        params = plus(params, plus(sum(first), times(spec.layers() - 1, sum(deeper))));
        largest = Math.max(largest, Math.max(widest(first, true), widest(deeper, true)));
        perStep = plus(perStep, times(spec.layers(), plus(widest(deeper, false), states(deeper))));
      } catch (ArithmeticException | IllegalArgumentException e) {
        if (e instanceof InvalidInputException iie) {
          throw iie;
        }
        throw new InvalidInputException("cell '" + spec.cell() + "' cannot be built with hidden " + spec.hidden() + " ("
            + e.getMessage() + "); pass a smaller --hidden or --embed", e);
      }
    }
    return new ModelSize(params, largest, times(times(batch, steps), perStep));
  }

  /** Bytes training needs: parameters, gradients and {@code slots} optimizer slots, and activations with their gradients. */
  public long trainingBytes(int slots) {
    return times(4, plus(times(parameters, 2 + slots), times(2, activations)));
  }

  /**
   * Refuses a model that cannot be trained within {@code limitBytes} (or whose largest parameter
   * exceeds a Java array), naming its size, the limit and the fix.
   */
  public void checkTrainable(int slots, long limitBytes) {
    if (largestArray > MAX_ARRAY) {
      throw new InvalidInputException("the model has a parameter of " + largestArray + " values, more than the "
          + MAX_ARRAY + " one array can hold; pass a smaller --hidden, --embed or vocabulary (--min-freq)");
    }
    long need = trainingBytes(slots);
    if (need > limitBytes) {
      throw new InvalidInputException("the model needs about " + Bytes.format(need) + " to train (" + parameters
          + " parameters, " + activations + " activation values per minibatch) but " + Bytes.format(limitBytes)
          + " is the limit of this JVM; pass a smaller --hidden, --layers, --embed, --batch or --steps, or give Java more "
          + "memory (JAVA_OPTS=-Xmx...)");
    }
  }

  private static long sum(RecurrentCell cell) {
    long n = 0;
    for (ParamSpec p : cell.params()) {
      n = plus(n, values(p));
    }
    return n;
  }

  /** The values of the cell's largest parameter, or (rows only) the rows of its widest weight. */
  private static long widest(RecurrentCell cell, boolean values) {
    long w = 0;
    for (ParamSpec p : cell.params()) {
      w = Math.max(w, values ? values(p) : p.shape()[0]);
    }
    return w;
  }

  private static long states(RecurrentCell cell) {
    long n = 0;
    for (StateSpec s : cell.state()) {
      n = plus(n, s.size());
    }
    return n;
  }

  private static long values(ParamSpec p) {
    long n = 1;
    for (int d : p.shape()) {
      n = times(n, d);
    }
    return n;
  }

  /** {@code a·b} for {@code a, b >= 0}, saturating at {@link Long#MAX_VALUE}. */
  private static long times(long a, long b) {
    long r = a * b;
    return Math.multiplyHigh(a, b) != 0 || r < 0 ? Long.MAX_VALUE : r;
  }

  private static long plus(long a, long b) {
    long r = a + b;
    return r < 0 ? Long.MAX_VALUE : r;
  }
}
