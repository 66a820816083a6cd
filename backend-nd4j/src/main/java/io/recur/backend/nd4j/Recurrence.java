package io.recur.backend.nd4j;

import io.recur.backend.nd4j.fused.FusedKernel;
import io.recur.backend.nd4j.fused.FusedKernels;
import io.recur.core.InvalidInputException;
import io.recur.core.cell.ParamSpec;
import io.recur.core.cell.Params;
import io.recur.core.cell.RecurrentCell;
import io.recur.core.cell.State;
import io.recur.core.cell.Step;
import io.recur.core.config.FusedMode;
import io.recur.core.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Decides how {@link Nd4jOps#recurrent} runs a cell: through a fused kernel, as one tape entry
 * whose backward is the kernel's, when the mode allows, a kernel computes exactly this cell and
 * the values are float32; otherwise the caller unrolls the cell step by step. Mode {@code on}
 * without a kernel is an error.
 *
 * <p>Ownership: the kernel receives c-order arrays it must not write to (parameters, input,
 * initial state), and the arrays it returns (output, final state, gradients) become the pass's:
 * the pass's {@link Arena} frees them when the pass ends, so a kernel must not hand out a
 * buffer it reuses later, except as a view.
 */
final class Recurrence {
  private final FusedMode mode;
  private final Function<RecurrentCell, Optional<FusedKernel>> kernels;

  Recurrence(FusedMode mode) {
    this(mode, FusedKernels::find);
  }

  Recurrence(FusedMode mode, Function<RecurrentCell, Optional<FusedKernel>> kernels) {
    this.mode = mode;
    this.kernels = kernels;
  }

  FusedMode mode() {
    return mode;
  }

  /** The layer's output and final state from a fused kernel, or empty when the cell is to be unrolled. */
  Optional<Step> run(Nd4jOps ops, RecurrentCell cell, Params w, Nd4jTensor x, State initial) {
    if (mode == FusedMode.OFF) {
      return Optional.empty();
    }
    Optional<FusedKernel> kernel = ops.dtype() == DataType.FLOAT ? kernels.apply(cell) : Optional.empty();
    if (kernel.isEmpty()) {
      if (mode == FusedMode.ON) {
        throw new InvalidInputException("fused = on, but there is no fused kernel for " + cell
            + (ops.dtype() == DataType.FLOAT ? "" : " in " + ops.dtype())
            + "; use --fused auto (a fused kernel where one exists, the generic path otherwise) or --fused off");
      }
      return Optional.empty();
    }
    return Optional.of(fused(ops, kernel.get(), cell, w, x, initial));
  }

  private static Step fused(Nd4jOps ops, FusedKernel kernel, RecurrentCell cell, Params w, Nd4jTensor x, State initial) {
    Map<String, Nd4jTensor> params = new LinkedHashMap<>();
    Map<String, INDArray> values = new LinkedHashMap<>();
    boolean tracked = x.tracked();
    for (ParamSpec p : cell.params()) {
      Nd4jTensor t = Nd4jOps.t(w.get(p.name()));
      params.put(p.name(), t);
      values.put(p.name(), contiguous(ops, t.value()));
      tracked |= t.tracked();
    }
    List<Nd4jTensor> s0 = new ArrayList<>();
    List<INDArray> s0Values = new ArrayList<>();
    for (Tensor s : initial.values()) {
      Nd4jTensor t = Nd4jOps.t(s);
      s0.add(t);
      s0Values.add(contiguous(ops, t.value()));
      tracked |= t.tracked();
    }
    boolean training = ops.tape() != null && tracked;
    FusedKernel.Pass pass = kernel.forward(cell, contiguous(ops, x.value()), values, s0Values, training);
    ops.arena().track(pass.output());
    pass.finalState().forEach(ops.arena()::track);
    if (!training) {
      return new Step(Nd4jTensor.constant(pass.output()),
          new State(pass.finalState().stream().<Tensor>map(Nd4jTensor::constant).toList()));
    }
    int[] ids = ops.tape().recordGroup(1 + s0.size(), (gs, into) -> {
      FusedKernel.Gradients g = pass.backward(gs.get(0), gs.subList(1, gs.size()), x.tracked());
      into.add(x, g.dx());
      params.forEach((name, t) -> into.add(t, g.dParams().get(name)));
      for (int i = 0; i < s0.size(); i++) {
        into.add(s0.get(i), g.dInitialState().get(i));
      }
    });
    List<Tensor> state = new ArrayList<>();
    for (int i = 0; i < s0.size(); i++) {
      state.add(new Nd4jTensor(pass.finalState().get(i), ids[i + 1]));
    }
    return new Step(new Nd4jTensor(pass.output(), ids[0]), new State(state));
  }

  /** {@code a} itself when it owns a c-order buffer, else a c-order copy (kernels read raw buffers). */
  private static INDArray contiguous(Nd4jOps ops, INDArray a) {
    return !a.isView() && a.ordering() == 'c' ? a : ops.arena().track(a.dup('c'));
  }
}
