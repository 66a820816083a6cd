package io.recur.backend.nd4j;

import io.recur.core.backend.StepLoss;
import io.recur.core.backend.TrainingSession;
import io.recur.core.model.FloatArray;
import io.recur.core.model.SequenceModel;
import io.recur.core.model.ParamKey;
import io.recur.core.model.ParameterSet;
import io.recur.core.optim.Optimizer;
import io.recur.core.optim.OptimizerState;
import io.recur.core.sequence.Minibatch;
import io.recur.core.tensor.DType;
import io.recur.core.tensor.Tensor;
import io.recur.core.util.Rng;
import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Trains a {@link SequenceModel} on ND4J in float32. Each minibatch runs the model's one forward
 * definition on {@link Nd4jOps} with a fresh {@link Tape} and {@link Arena}; gradients are copied
 * into persistent arrays and everything else the pass allocated is freed before returning. The
 * update is core's {@link Optimizer} over {@link FloatBuffer} views of the parameter, gradient
 * and slot buffers. Training and evaluation carry separate recurrent state.
 */
final class Nd4jTrainingSession implements TrainingSession {
  private final SequenceModel model;
  private final Optimizer optimizer;
  private final Recurrence recurrence;
  private final ParameterArrays params;
  private final Map<ParamKey, ParamGradient> grads = new LinkedHashMap<>();
  private final FusedOutput output;
  private final Map<String, ParameterArrays> slots = new LinkedHashMap<>();
  private final CarriedState trainState;
  private final CarriedState evalState;
  private long step;
  private double gradientNorm = Double.NaN;
  private boolean closed;

  Nd4jTrainingSession(SequenceModel model, ParameterSet initial, Optimizer optimizer, Recurrence recurrence) {
    model.checkCompatible(initial, "the initial parameters");
    this.model = model;
    this.optimizer = optimizer;
    this.recurrence = recurrence;
    this.params = ParameterArrays.copyOf(initial);
    params.keys().forEach(k -> grads.put(k, new ParamGradient(params.get(k).shape())));
    this.output = new FusedOutput(recurrence.mode());
    for (String slot : optimizer.slots()) {
      slots.put(slot, ParameterArrays.zerosLike(params));
    }
    this.trainState = new CarriedState(model.stateSpecs(), DataType.FLOAT);
    this.evalState = new CarriedState(model.stateSpecs(), DataType.FLOAT);
  }

  @Override
  public StepLoss computeGradients(Minibatch batch, long dropoutSeed) {
    open();
    try (Arena arena = new Arena()) {
      Tape tape = new Tape(arena);
      Nd4jOps ops = new Nd4jOps(DType.FLOAT32, tape, arena, new Rng(dropoutSeed), recurrence, output);
      Feeds feeds = Feeds.of(ops, model.spec(), batch);
      Map<ParamKey, Nd4jTensor> vars = new HashMap<>();
      grads.values().forEach(ParamGradient::clear);
      params.keys().forEach(k -> vars.put(k, ops.variable(params.get(k), grads.get(k))));
      SequenceModel.Output out = model.forward(ops, vars::get, feeds.inputs(),
          trainState.enter(ops, batch.batchSize(), batch.resetState()), true);
      Nd4jTensor loss = Nd4jOps.t(model.loss(ops, vars::get, out.features(), feeds.targets()));
      double mean = loss.value().getDouble(0);
      tape.backward(loss, arena.track(Nd4j.scalar(DataType.FLOAT, 1f)));
      trainState.keep(out.states(), batch.batchSize());
      gradientNorm = Math.sqrt(grads.values().stream().mapToDouble(ParamGradient::sumOfSquares).sum());
      return new StepLoss(mean * batch.count(), batch.count());
    }
  }

  @Override
  public double gradientNorm() {
    return gradientNorm;
  }

  @Override
  public void applyUpdate(double learningRate, double gradientScale) {
    open();
    step++;
    FloatBuffer[] slotBuffers = new FloatBuffer[slots.size()];
    for (ParamKey k : params.keys()) {
      int i = 0;
      for (ParameterArrays s : slots.values()) {
        slotBuffers[i++] = s.buffer(k);
      }
      grads.get(k).update(optimizer, params.buffer(k), slotBuffers, step, learningRate, gradientScale);
    }
  }

  @Override
  public StepLoss evaluate(Minibatch batch) {
    open();
    try (Arena arena = new Arena()) {
      Nd4jOps ops = new Nd4jOps(DType.FLOAT32, null, arena, null, recurrence, output);
      Feeds feeds = Feeds.of(ops, model.spec(), batch);
      Function<ParamKey, Tensor> constants = k -> ops.constant(params.get(k));
      SequenceModel.Output out = model.forward(ops, constants, feeds.inputs(),
          evalState.enter(ops, batch.batchSize(), batch.resetState()), false);
      double mean = Nd4jOps.t(model.loss(ops, constants, out.features(), feeds.targets())).value().getDouble(0);
      evalState.keep(out.states(), batch.batchSize());
      return new StepLoss(mean * batch.count(), batch.count());
    }
  }

  @Override
  public ParameterSet parameters() {
    open();
    return params.toParameterSet();
  }

  @Override
  public void setParameters(ParameterSet values) {
    open();
    model.checkCompatible(values, "the new parameters");
    params.assign(values);
  }

  @Override
  public ParameterSet gradients() {
    open();
    Map<ParamKey, FloatArray> m = new LinkedHashMap<>();
    grads.forEach((k, g) -> m.put(k, g.copy()));
    return new ParameterSet(m);
  }

  @Override
  public OptimizerState optimizerState() {
    open();
    Map<String, ParameterSet> m = new LinkedHashMap<>();
    slots.forEach((name, s) -> m.put(name, s.toParameterSet()));
    return new OptimizerState(optimizer.name(), step, m);
  }

  @Override
  public void setOptimizerState(OptimizerState state) {
    open();
    state.slotsFor(optimizer, model::checkCompatible).forEach((slot, values) ->
        values.ifPresentOrElse(slots.get(slot)::assign, () -> slots.get(slot).fill(0)));
    step = state.step();
  }

  private void open() {
    if (closed) {
      throw new IllegalStateException("this training session is closed");
    }
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      params.close();
      grads.values().forEach(ParamGradient::close);
      output.close();
      slots.values().forEach(ParameterArrays::close);
      trainState.close();
      evalState.close();
    }
  }
}
