package io.recur.backend.tensorflow;

import io.recur.core.cell.State;
import io.recur.core.cell.StateSpec;
import io.recur.core.model.ModelSpec;
import io.recur.core.model.SequenceModel;
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
 * The model's pass over {@code steps} time steps as graph nodes, for any batch size: the model's
 * one definition ({@link SequenceModel#forward}, then {@link SequenceModel#head} or
 * {@link SequenceModel#loss}) run on {@link TfOps}. A run fetches the outputs or the loss (or
 * the gradients built on it) and TensorFlow computes only what that needs.
 *
 * @param inputs token ids {@code [T, B]} (int32, language) or values {@code [T, B, F]} (float32, series)
 * @param targets what the loss compares with, shaped like the model's targets (fed only when the loss is fetched)
 * @param states the initial state, one {@code [B, size]} placeholder per layer and state vector, in order
 * @param outputs the head's predictions, logits {@code [T, B, V]} or values {@code [T, B, D]}
 * @param loss the mean loss, a scalar
 * @param finalStates the state after the last step, in the order of {@code states} (each its own node, so
 *     that fetching them never fetches one output twice)
 */
record Pass(int steps, Placeholder<?> inputs, Placeholder<?> targets, List<Placeholder<TFloat32>> states,
    Operand<TFloat32> outputs, Operand<TFloat32> loss, List<Operand<TFloat32>> finalStates) {

  /**
   * @param seed the dropout seed for a training pass, or null for evaluation and inference (no dropout)
   */
  static Pass build(Ops tf, ModelGraph graph, int steps, Operand<TInt64> seed) {
    SequenceModel model = graph.model();
    ModelSpec spec = model.spec();
    boolean language = spec.task() == ModelSpec.Task.LANGUAGE;
    Placeholder<?> inputs = language ? ids(tf, "inputs", steps) : values(tf, "inputs", steps, spec.features());
    Placeholder<?> targets = language ? ids(tf, "targets", steps) : values(tf, "targets", steps, spec.outputs());
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
    SequenceModel.Output out = model.forward(ops, graph.paramTensors(), new TfTensor(inputs), initial, seed != null);
    TfOps head = new TfOps(tf.withSubScope("head"), TFloat32.class, null);
    Tensor outputs = model.head(head, graph.paramTensors(), out.features());
    TfOps lossOps = new TfOps(tf.withSubScope("loss"), TFloat32.class, null);
    Tensor loss = model.loss(lossOps, graph.paramTensors(), out.features(), new TfTensor(targets));
    List<Operand<TFloat32>> finals = new ArrayList<>();
    for (State s : out.states()) {
      for (Tensor t : s.values()) {
        finals.add(tf.identity(float32(t)));
      }
    }
    return new Pass(steps, inputs, targets, List.copyOf(statePlaceholders), float32(outputs), float32(loss), List.copyOf(finals));
  }

  private static Placeholder<TInt32> ids(Ops tf, String name, int steps) {
    return tf.withName(name).placeholder(TInt32.class, Placeholder.shape(Shape.of(steps, -1)));
  }

  private static Placeholder<TFloat32> values(Ops tf, String name, int steps, int width) {
    return tf.withName(name).placeholder(TFloat32.class, Placeholder.shape(Shape.of(steps, -1, width)));
  }

  @SuppressWarnings("unchecked")
  private static Operand<TFloat32> float32(Tensor t) {
    return (Operand<TFloat32>) TfTensor.t(t).operand();
  }

}
