package io.recur.testkit;

import io.recur.backend.nd4j.Float64Gradients;
import io.recur.core.backend.Logits;
import io.recur.core.cell.ParamSpec;
import io.recur.core.cell.State;
import io.recur.core.cell.StateSpec;
import io.recur.core.check.ReferenceOps;
import io.recur.core.model.FloatArray;
import io.recur.core.model.LanguageModel;
import io.recur.core.model.ModelSpec;
import io.recur.core.model.ParamKey;
import io.recur.core.model.ParameterSet;
import io.recur.core.model.SequenceModel;
import io.recur.core.sequence.Vocab;
import io.recur.core.tensor.Tensor;
import io.recur.core.util.Rng;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A small language model around the cell — {@value #VOCAB} tokens one-hot, two layers of
 * {@value #HIDDEN} (so the cell runs with input ≠ hidden and input = hidden) — with random
 * non-zero parameters, a batch of tokens, and its float64 answers: logits and loss on
 * {@link ReferenceOps}, gradients on ND4J's float64 tape.
 */
final class TinyModel {
  static final int VOCAB = 7;
  static final int HIDDEN = 4;
  static final int BATCH = 3;
  static final int STEPS = 5;

  final ModelSpec spec;
  final LanguageModel model;
  final ParameterSet params;
  final int[][] inputs;
  final int[][] targets;

  TinyModel(CellUnderTest c) {
    spec = ModelSpec.builder().cell(c.name()).vocabSize(VOCAB).hidden(HIDDEN).layers(2).cellOptions(c.options()).build();
    model = new LanguageModel(spec, c.registry());
    Rng rng = new Rng(31);
    Map<ParamKey, FloatArray> values = new LinkedHashMap<>();
    model.parameters().forEach((key, p) -> {
      int[] shape = p.shape();
      double limit = p.role() == ParamSpec.Role.WEIGHT && shape.length == 2 ? 1.2 / Math.sqrt(shape[1]) : 0.5;
      double[] d = Values.uniform(rng.fork(key.toString()), p.size(), limit);
      float[] f = new float[d.length];
      for (int i = 0; i < f.length; i++) {
        f[i] = (float) d[i];
      }
      values.put(key, new FloatArray(shape, f));
    });
    params = new ParameterSet(values);
    inputs = tokens(rng, BATCH, STEPS);
    targets = tokens(rng, BATCH, STEPS);
  }

  static int[][] tokens(Rng rng, int batch, int steps) {
    int[][] t = new int[batch][steps];
    for (int[] row : t) {
      for (int s = 0; s < steps; s++) {
        row[s] = rng.nextInt(VOCAB);
      }
    }
    return t;
  }

  /** {@code <unk>} and one letter per other token. */
  Vocab vocab() {
    List<String> tokens = new ArrayList<>(List.of(Vocab.UNK));
    for (int i = 1; i < VOCAB; i++) {
      tokens.add(String.valueOf((char) ('a' + i - 1)));
    }
    long[] counts = new long[VOCAB];
    Arrays.fill(counts, 1);
    return new Vocab(tokens, counts);
  }

  /** The float64 logits {@code [T, B, V]} of {@code tokens [B][T]} from zero state, as float32. */
  Logits referenceLogits(int[][] tokens) {
    ReferenceOps ops = new ReferenceOps();
    Function<ParamKey, Tensor> p = reference();
    SequenceModel.Output out = model.forward(ops, p, ReferenceOps.tokens(tokens), zeroStates(tokens.length), false);
    double[] logits = ReferenceOps.values(model.head(ops, p, out.features()));
    float[] f = new float[logits.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) logits[i];
    }
    return new Logits(tokens[0].length, tokens.length, VOCAB, f);
  }

  /** The float64 mean cross-entropy of {@link #targets} after {@link #inputs}, from zero state. */
  double referenceLoss() {
    ReferenceOps ops = new ReferenceOps();
    Function<ParamKey, Tensor> p = reference();
    SequenceModel.Output out = model.forward(ops, p, ReferenceOps.tokens(inputs), zeroStates(BATCH), false);
    return ReferenceOps.values(model.loss(ops, p, out.features(), ReferenceOps.tokens(targets)))[0];
  }

  /** The gradient of {@link #referenceLoss()} for every parameter, on ND4J's float64 tape. */
  Map<ParamKey, double[]> referenceGradients() {
    Map<String, long[]> shapes = new HashMap<>();
    Map<String, double[]> values = new LinkedHashMap<>();
    params.forEach((k, a) -> {
      shapes.put(k.toString(), Values.longs(a.shape()));
      double[] d = new double[a.data().length];
      for (int i = 0; i < d.length; i++) {
        d[i] = a.data()[i];
      }
      values.put(k.toString(), d);
    });
    addZeroStates(shapes, values);
    Float64Gradients tape = new Float64Gradients(ctx -> {
      Function<ParamKey, Tensor> p = k -> ctx.array(k.toString());
      List<State> states = new ArrayList<>();
      for (List<StateSpec> layer : model.stateSpecs()) {
        List<Tensor> s = new ArrayList<>();
        for (StateSpec st : layer) {
          s.add(ctx.array("zero." + st.name() + "." + states.size()));
        }
        states.add(new State(s));
      }
      SequenceModel.Output out = model.forward(ctx.ops(), p, ctx.tokens(inputs), states, false);
      return model.loss(ctx.ops(), p, out.features(), ctx.tokens(targets));
    }, shapes, 0);
    Map<String, double[]> g = tape.gradients(values);
    Map<ParamKey, double[]> out = new LinkedHashMap<>();
    params.forEach((k, a) -> out.put(k, g.get(k.toString())));
    return out;
  }

  /** The zero initial states as named arrays too (the tape takes every input by name). */
  private void addZeroStates(Map<String, long[]> shapes, Map<String, double[]> values) {
    for (int l = 0; l < model.stateSpecs().size(); l++) {
      for (StateSpec st : model.stateSpecs().get(l)) {
        String name = "zero." + st.name() + "." + l;
        shapes.put(name, new long[] {BATCH, st.size()});
        values.put(name, new double[BATCH * st.size()]);
      }
    }
  }

  private Function<ParamKey, Tensor> reference() {
    Map<ParamKey, Tensor> m = new HashMap<>();
    params.forEach((k, a) -> m.put(k, ReferenceOps.of(a.data(), a.shape())));
    return m::get;
  }

  private List<State> zeroStates(int batch) {
    List<State> states = new ArrayList<>();
    for (List<StateSpec> layer : model.stateSpecs()) {
      List<Tensor> s = new ArrayList<>();
      for (StateSpec st : layer) {
        s.add(ReferenceOps.zeros(batch, st.size()));
      }
      states.add(new State(s));
    }
    return states;
  }
}
