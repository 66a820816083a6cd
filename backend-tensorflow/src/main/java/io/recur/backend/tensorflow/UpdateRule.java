package io.recur.backend.tensorflow;

import io.recur.core.optim.Adam;
import io.recur.core.optim.Optimizer;
import io.recur.core.optim.Sgd;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;

/**
 * Core's optimizers ({@link Sgd}, {@link Adam}) as graph ops, operation for operation the float
 * arithmetic of their Java reference {@code update}, so that an update in the graph equals the
 * reference's. Per-step values are fed: the learning rate and gradient scale in double (cast to
 * float where the reference casts), Adam's bias corrections as the reference computes them.
 */
abstract sealed class UpdateRule {
  /** The rule of {@code optimizer} ({@link Optimizer} is sealed: {@link Sgd} or {@link Adam}). */
  static UpdateRule of(Optimizer optimizer) {
    return optimizer instanceof Adam adam ? new AdamRule(adam) : new SgdRule();
  }

  /**
   * The updated parameter, then the updated slots (in {@link Optimizer#slots()} order).
   *
   * @param lr the learning rate (double)
   * @param scale the factor every gradient is multiplied by first (double)
   * @param corrections this step's {@link #corrections} (float {@code [2]})
   */
  abstract List<Operand<TFloat32>> apply(Ops tf, Operand<TFloat32> param, Operand<TFloat32> grad, List<Operand<TFloat32>> slots,
      Operand<TFloat64> lr, Operand<TFloat64> scale, Operand<TFloat32> corrections);

  /** Per-step constants of the {@code step}-th update (1-based), as the reference computes them. */
  abstract float[] corrections(long step);

  /** {@code p ← p − (float) (lr · scale) · g}. */
  static final class SgdRule extends UpdateRule {
    @Override
    List<Operand<TFloat32>> apply(Ops tf, Operand<TFloat32> param, Operand<TFloat32> grad, List<Operand<TFloat32>> slots,
        Operand<TFloat64> lr, Operand<TFloat64> scale, Operand<TFloat32> corrections) {
      Operand<TFloat32> k = tf.dtypes.cast(tf.math.mul(lr, scale), TFloat32.class);
      return List.of(tf.math.sub(param, tf.math.mul(k, grad)));
    }

    @Override
    float[] corrections(long step) {
      return new float[] {1, 1};
    }
  }

  /**
   * With {@code g = (float) scale · grad}: {@code m ← β1·m + (1−β1)·g}, {@code v ← β2·v + (1−β2)·g·g},
   * {@code p ← p − lr·(m·c1) / (√(v·c2) + ε)}, {@code c1 = 1/(1−β1^t)}, {@code c2 = 1/(1−β2^t)}.
   */
  static final class AdamRule extends UpdateRule {
    private final float beta1;
    private final float beta2;
    private final float epsilon;
    private final Adam adam;

    AdamRule(Adam adam) {
      this.adam = adam;
      this.beta1 = (float) adam.beta1();
      this.beta2 = (float) adam.beta2();
      this.epsilon = (float) adam.epsilon();
    }

    @Override
    List<Operand<TFloat32>> apply(Ops tf, Operand<TFloat32> param, Operand<TFloat32> grad, List<Operand<TFloat32>> slots,
        Operand<TFloat64> lr, Operand<TFloat64> scale, Operand<TFloat32> corrections) {
      Operand<TFloat32> g = tf.math.mul(tf.dtypes.cast(scale, TFloat32.class), grad);
      Operand<TFloat32> c1 = tf.gather(corrections, tf.constant(0), tf.constant(0));
      Operand<TFloat32> c2 = tf.gather(corrections, tf.constant(1), tf.constant(0));
      Operand<TFloat32> m = tf.math.add(tf.math.mul(tf.constant(beta1), slots.get(0)), tf.math.mul(tf.constant(1 - beta1), g));
      Operand<TFloat32> v = tf.math.add(tf.math.mul(tf.constant(beta2), slots.get(1)),
          tf.math.mul(tf.math.mul(tf.constant(1 - beta2), g), g));
      Operand<TFloat32> step = tf.math.div(tf.math.mul(tf.dtypes.cast(lr, TFloat32.class), tf.math.mul(m, c1)),
          tf.math.add(tf.math.sqrt(tf.math.mul(v, c2)), tf.constant(epsilon)));
      return List.of(tf.math.sub(param, step), m, v);
    }

    @Override
    float[] corrections(long step) {
      return new float[] {(float) (1 / (1 - Math.pow(adam.beta1(), step))), (float) (1 / (1 - Math.pow(adam.beta2(), step)))};
    }
  }
}
