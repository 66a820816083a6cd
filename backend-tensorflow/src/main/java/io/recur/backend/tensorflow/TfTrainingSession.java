package io.recur.backend.tensorflow;

import io.recur.core.backend.StepLoss;
import io.recur.core.backend.StepResult;
import io.recur.core.backend.TrainingSession;
import io.recur.core.model.FloatArray;
import io.recur.core.model.ParamKey;
import io.recur.core.model.ParameterSet;
import io.recur.core.model.SequenceModel;
import io.recur.core.optim.Optimizer;
import io.recur.core.optim.OptimizerState;
import io.recur.core.sequence.Minibatch;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Result;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt64;

/**
 * Trains a {@link SequenceModel} on TensorFlow in float32. Parameters, gradients, optimizer slots
 * and carried state are tensors this session holds and feeds to the graph's placeholders; a run
 * returns new ones. The graph has one training part per sequence length (built on first use): the
 * forward pass, gradients, their norm and — for {@link #step} — clipping and the update, so that a
 * whole step is one {@code session.run}; the separate {@link #applyUpdate} runs the update alone.
 * Evaluation has its own forward part and its own carried state. Not thread-safe.
 */
final class TfTrainingSession implements TrainingSession {
  private final SequenceModel model;
  private final Optimizer optimizer;
  private final ModelGraph graph;
  private final Update update;
  private final Map<Integer, StepGraph> steps = new HashMap<>();
  private ApplyGraph apply;
  private final Held<ParamKey> params = new Held<>();
  private final Held<ParamKey> grads = new Held<>();
  private final Map<String, Held<ParamKey>> slots = new LinkedHashMap<>();
  private final CarriedState trainState;
  private final CarriedState evalState;
  private long step;
  private double gradientNorm = Double.NaN;
  private boolean closed;

  TfTrainingSession(SequenceModel model, ParameterSet initial, Optimizer optimizer, Placement placement, int threads) {
    model.checkCompatible(initial, "the initial parameters");
    this.model = model;
    this.optimizer = optimizer;
    this.graph = new ModelGraph(model, placement, threads);
    this.update = graph.build(tf -> new Update(tf, graph, optimizer));
    Tensors.load(initial, params);
    Tensors.load(zeros(), grads);
    for (String slot : optimizer.slots()) {
      Held<ParamKey> h = new Held<>();
      Tensors.load(zeros(), h);
      slots.put(slot, h);
    }
    this.trainState = new CarriedState(model.stateSpecs());
    this.evalState = new CarriedState(model.stateSpecs());
  }

  private ParameterSet zeros() {
    Map<ParamKey, FloatArray> m = new LinkedHashMap<>();
    model.parameters().forEach((k, p) -> m.put(k, FloatArray.zeros(p.shape())));
    return new ParameterSet(m);
  }

  private StepGraph stepGraph(int length) {
    return graph.cached(steps, length, () -> graph.build(tf -> StepGraph.build(tf, graph, update, length)));
  }

  @Override
  public StepLoss computeGradients(Minibatch batch, long dropoutSeed) {
    return train(batch, dropoutSeed, false, 0, 0).loss();
  }

  /**
   * The whole step as one run: gradients, global-norm clipping at {@code clip} (0 = none) and the
   * update, which is skipped (parameters and optimizer state unchanged) when the loss or the
   * gradient norm is not finite. Gradients, norm and carried state are kept as by
   * {@link #computeGradients}.
   */
  @Override
  public StepResult step(Minibatch batch, long dropoutSeed, double learningRate, double clip) {
    return train(batch, dropoutSeed, true, learningRate, clip);
  }

  private StepResult train(Minibatch batch, long dropoutSeed, boolean andUpdate, double learningRate, double clip) {
    open();
    try (Feeds feeds = Feeds.of(model.spec(), batch); TInt64 seed = Tensors.seed(dropoutSeed);
        TFloat64 clipValue = Tensors.scalar(clip); TFloat64 lr = Tensors.scalar(learningRate);
        TFloat32 corrections = corrections(step + 1)) {
      StepGraph g = stepGraph(batch.steps());
      Pass pass = g.pass();
      List<TFloat32> initial = trainState.enter(batch.batchSize(), batch.resetState());
      Run run = new Run(graph.runner(params)).feed(pass.inputs(), feeds.inputs()).feed(pass.targets(), feeds.targets())
          .feed(g.seed(), seed).feed(pass.states(), initial);
      int loss = run.fetch(pass.loss());
      int norm = run.fetch(g.normSquared());
      int gradients = run.fetchAll(g.grads().values());
      int states = run.fetchAll(pass.finalStates());
      int newParams = -1;
      int newSlots = -1;
      if (andUpdate) {
        feedSlots(run).feed(g.clip(), clipValue).feed(update.learningRate(), lr).feed(update.corrections(), corrections);
        newParams = run.fetchAll(g.updated().params().values());
        newSlots = fetchSlots(run, g.updated());
      }
      Result result = run.run();
      try (Owner owner = Owner.of(result)) {
        double mean = ((TFloat32) result.get(loss)).getFloat();
        gradientNorm = Math.sqrt(((TFloat64) result.get(norm)).getDouble());
        grads.replace(named(g.grads().keySet(), Run.floats(result, gradients, g.grads().size())), owner);
        trainState.keep(Run.floats(result, states, pass.finalStates().size()), owner, batch.batchSize());
        StepResult done = new StepResult(new StepLoss(mean * batch.count(), batch.count()), gradientNorm);
        if (andUpdate && done.finite()) {
          adopt(result, g.updated(), newParams, newSlots, owner);
        }
        return done;
      }
    }
  }

  @Override
  public double gradientNorm() {
    return gradientNorm;
  }

  @Override
  public void applyUpdate(double learningRate, double gradientScale) {
    open();
    ApplyGraph a = apply == null ? apply = graph.build(tf -> ApplyGraph.build(tf, graph, update)) : apply;
    try (TFloat64 lr = Tensors.scalar(learningRate); TFloat64 scale = Tensors.scalar(gradientScale);
        TFloat32 corrections = corrections(step + 1)) {
      Run run = feedSlots(new Run(graph.runner(params))).feed(a.scale(), scale).feed(update.learningRate(), lr)
          .feed(update.corrections(), corrections);
      a.grads().forEach((k, p) -> run.feed(p, grads.get(k)));
      int newParams = run.fetchAll(a.updated().params().values());
      int newSlots = fetchSlots(run, a.updated());
      Result result = run.run();
      try (Owner owner = Owner.of(result)) {
        adopt(result, a.updated(), newParams, newSlots, owner);
      }
    }
  }

  private TFloat32 corrections(long forStep) {
    float[] c = update.rule().corrections(forStep);
    return TFloat32.vectorOf(c);
  }

  private Run feedSlots(Run run) {
    slots.forEach((name, h) -> update.slot(name).forEach((k, p) -> run.feed(p, h.get(k))));
    return run;
  }

  /** Fetches every new slot, slot by slot in key order; returns the first index. */
  private int fetchSlots(Run run, Update.Outputs out) {
    int first = -1;
    for (String name : update.slotNames()) {
      int i = run.fetchAll(out.slots().get(name).values());
      first = first < 0 ? i : first;
    }
    return first;
  }

  /** Takes the updated parameters and slots from {@code result} and counts the step. */
  private void adopt(Result result, Update.Outputs out, int newParams, int newSlots, Owner owner) {
    params.replace(named(out.params().keySet(), Run.floats(result, newParams, out.params().size())), owner);
    int at = newSlots;
    for (String name : update.slotNames()) {
      Map<ParamKey, ?> keys = out.slots().get(name);
      slots.get(name).replace(named(keys.keySet(), Run.floats(result, at, keys.size())), owner);
      at += keys.size();
    }
    step++;
  }

  private static Map<ParamKey, TFloat32> named(Iterable<ParamKey> keys, List<TFloat32> values) {
    Map<ParamKey, TFloat32> m = new LinkedHashMap<>();
    int i = 0;
    for (ParamKey k : keys) {
      m.put(k, values.get(i++));
    }
    return m;
  }

  @Override
  public StepLoss evaluate(Minibatch batch) {
    open();
    try (Feeds feeds = Feeds.of(model.spec(), batch)) {
      Pass pass = graph.forward(batch.steps());
      List<TFloat32> initial = evalState.enter(batch.batchSize(), batch.resetState());
      Run run = new Run(graph.runner(params)).feed(pass.inputs(), feeds.inputs()).feed(pass.targets(), feeds.targets())
          .feed(pass.states(), initial);
      int loss = run.fetch(pass.loss());
      int states = run.fetchAll(pass.finalStates());
      Result result = run.run();
      try (Owner owner = Owner.of(result)) {
        double mean = ((TFloat32) result.get(loss)).getFloat();
        evalState.keep(Run.floats(result, states, pass.finalStates().size()), owner, batch.batchSize());
        return new StepLoss(mean * batch.count(), batch.count());
      }
    }
  }

  @Override
  public ParameterSet parameters() {
    open();
    return Tensors.toParameterSet(ordered(params));
  }

  /** The held tensors in the model's parameter order. */
  private Map<ParamKey, TFloat32> ordered(Held<ParamKey> held) {
    Map<ParamKey, TFloat32> m = new LinkedHashMap<>();
    model.parameters().keySet().forEach(k -> m.put(k, held.get(k)));
    return m;
  }

  @Override
  public void setParameters(ParameterSet values) {
    open();
    model.checkCompatible(values, "the new parameters");
    Tensors.load(values, params);
  }

  @Override
  public ParameterSet gradients() {
    open();
    return Tensors.toParameterSet(ordered(grads));
  }

  @Override
  public OptimizerState optimizerState() {
    open();
    Map<String, ParameterSet> m = new LinkedHashMap<>();
    slots.forEach((name, h) -> m.put(name, Tensors.toParameterSet(ordered(h))));
    return new OptimizerState(optimizer.name(), step, m);
  }

  @Override
  public void setOptimizerState(OptimizerState state) {
    open();
    state.slotsFor(optimizer, model::checkCompatible).forEach((slot, values) ->
        Tensors.load(values.orElseGet(this::zeros), slots.get(slot)));
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
      grads.close();
      slots.values().forEach(Held::close);
      trainState.close();
      evalState.close();
      graph.close();
    }
  }
}
