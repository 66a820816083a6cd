package io.recur.core.train;

import io.recur.core.backend.StepLoss;
import io.recur.core.backend.TrainingSession;
import io.recur.core.model.FloatArray;
import io.recur.core.model.ParamKey;
import io.recur.core.model.ParameterSet;
import io.recur.core.optim.Optimizer;
import io.recur.core.optim.OptimizerState;
import io.recur.core.sequence.Batch;
import io.recur.core.sequence.Minibatch;
import io.recur.core.util.Rng;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A real, tiny training session for testing the loop: a unigram model (logits θ [V], next token
 * ~ softmax(θ)) with exact gradients, trained by core's optimizers. It records what the loop
 * asked of it.
 */
final class UnigramSession implements TrainingSession {
  static final ParamKey THETA = ParamKey.of("output", "bias");
  private final float[] theta;
  private final float[] grad;
  private final Optimizer optimizer;
  private Map<String, float[]> slots = new HashMap<>();
  private long step;
  final List<double[]> updates = new ArrayList<>();
  final List<Boolean> resets = new ArrayList<>();
  final List<Long> rngDraws = new ArrayList<>();
  double poison = 0;

  UnigramSession(int vocab, Optimizer optimizer) {
    this.theta = new float[vocab];
    this.grad = new float[vocab];
    this.optimizer = optimizer;
    for (String s : optimizer.slots()) {
      slots.put(s, new float[vocab]);
    }
  }

  private double[] softmax() {
    double max = Double.NEGATIVE_INFINITY;
    for (float t : theta) {
      max = Math.max(max, t);
    }
    double[] p = new double[theta.length];
    double s = 0;
    for (int i = 0; i < p.length; i++) {
      p[i] = Math.exp(theta[i] - max);
      s += p[i];
    }
    for (int i = 0; i < p.length; i++) {
      p[i] /= s;
    }
    return p;
  }

  private StepLoss loss(Batch b, boolean keepGrad) {
    double[] p = softmax();
    double sum = 0;
    double[] g = new double[theta.length];
    for (int t : b.targetsTimeMajor()) {
      sum -= Math.log(p[t]);
      g[t] -= 1;
      for (int i = 0; i < g.length; i++) {
        g[i] += p[i];
      }
    }
    if (keepGrad) {
      for (int i = 0; i < g.length; i++) {
        grad[i] = (float) (g[i] / b.tokens());
      }
    }
    return new StepLoss(sum + poison, b.tokens());
  }

  @Override
  public StepLoss computeGradients(Minibatch batch, long dropoutSeed) {
    resets.add(batch.resetState());
    rngDraws.add(dropoutSeed);
    return loss((Batch) batch, true);
  }

  @Override
  public double gradientNorm() {
    double s = 0;
    for (float g : grad) {
      s += g * g;
    }
    return Math.sqrt(s);
  }

  @Override
  public void applyUpdate(double learningRate, double gradientScale) {
    updates.add(new double[] {learningRate, gradientScale});
    step++;
    FloatBuffer[] s = optimizer.slots().stream().map(n -> FloatBuffer.wrap(slots.get(n))).toArray(FloatBuffer[]::new);
    optimizer.update(FloatBuffer.wrap(theta), FloatBuffer.wrap(grad), s, step, learningRate, gradientScale);
  }

  @Override
  public StepLoss evaluate(Minibatch batch) {
    return loss((Batch) batch, false);
  }

  @Override
  public ParameterSet parameters() {
    return new ParameterSet(Map.of(THETA, new FloatArray(new int[] {theta.length}, theta.clone())));
  }

  @Override
  public void setParameters(ParameterSet params) {
    System.arraycopy(params.get(THETA).data(), 0, theta, 0, theta.length);
  }

  @Override
  public ParameterSet gradients() {
    return new ParameterSet(Map.of(THETA, new FloatArray(new int[] {grad.length}, grad.clone())));
  }

  @Override
  public OptimizerState optimizerState() {
    Map<String, ParameterSet> m = new HashMap<>();
    slots.forEach((k, v) -> m.put(k, new ParameterSet(Map.of(THETA, new FloatArray(new int[] {v.length}, v.clone())))));
    return new OptimizerState(optimizer.name(), step, m);
  }

  @Override
  public void setOptimizerState(OptimizerState state) {
    step = state.step();
    slots = new HashMap<>();
    state.slots().forEach((k, v) -> slots.put(k, v.get(THETA).data().clone()));
  }

  @Override
  public void close() {}
}
