package io.recur.backend.tensorflow;

import io.recur.core.cell.State;
import io.recur.core.cell.StateSpec;
import io.recur.core.model.LanguageModel;
import io.recur.core.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * The model's forward pass over {@code steps} time steps as graph nodes, for any batch size: the
 * model's one definition ({@link LanguageModel#forward}) run on {@link TfOps}.
 *
 * @param tokens input ids {@code [T, B]}
 * @param targets target ids {@code [T, B]} (fed only when the loss is fetched)
 * @param states the initial state, one {@code [B, size]} placeholder per layer and state vector, in order
 * @param logits {@code [T, B, V]}
 * @param loss the mean cross-entropy, a scalar
 * @param finalStates the state after the last step, in the order of {@code states} (each its own node, so
 *     that fetching them never fetches one output twice)
 */
record Pass(int steps, Placeholder<TInt32> tokens, Placeholder<TInt32> targets, List<Placeholder<TFloat32>> states,
    Operand<TFloat32> logits, Operand<TFloat32> loss, List<Operand<TFloat32>> finalStates) {

  /**
   * @param seed the dropout seed for a training pass, or null for evaluation and inference (no dropout)
   */
  static Pass build(Ops tf, ModelGraph graph, int steps, Operand<TInt64> seed) {
    LanguageModel model = graph.model();
    Placeholder<TInt32> tokens = tf.withName("tokens").placeholder(TInt32.class, Placeholder.shape(Shape.of(steps, -1)));
    Placeholder<TInt32> targets = tf.withName("targets").placeholder(TInt32.class, Placeholder.shape(Shape.of(steps, -1)));
    List<Placeholder<TFloat32>> statePlaceholders = new ArrayList<>();
    List<State> initial = new ArrayList<>();
    for (int l = 0; l < model.layers().size(); l++) {
      List<Tensor> layer = new ArrayList<>();
      for (StateSpec s : model.stateSpecs().get(l)) {
        Placeholder<TFloat32> p = tf.withName(ModelGraph.opName("state" + l + "." + s.name()))
            .placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, s.size())));
        statePlaceholders.add(p);
        layer.add(new TfTensor(p));
      }
      initial.add(new State(layer));
    }
    TfOps ops = new TfOps(tf, TFloat32.class, seed);
    LanguageModel.Output out = model.forward(ops, graph.paramTensors(), new TfTensor(tokens), initial, seed != null);
    Tensor loss = model.loss(ops, out.logits(), new TfTensor(targets));
    List<Operand<TFloat32>> finals = new ArrayList<>();
    for (State s : out.states()) {
      for (Tensor t : s.values()) {
        finals.add(tf.identity(float32(t)));
      }
    }
    return new Pass(steps, tokens, targets, List.copyOf(statePlaceholders), float32(out.logits()), float32(loss),
        List.copyOf(finals));
  }

  @SuppressWarnings("unchecked")
  private static Operand<TFloat32> float32(Tensor t) {
    return (Operand<TFloat32>) TfTensor.t(t).operand();
  }
}
