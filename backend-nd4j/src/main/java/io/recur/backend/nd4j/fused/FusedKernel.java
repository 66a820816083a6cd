package io.recur.backend.nd4j.fused;

import io.recur.core.cell.RecurrentCell;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A hand-written forward and backward pass of one built-in cell over a whole sequence, on
 * float32 INDArrays (contiguous c-order arrays and views are used in place, others are copied
 * first; results are new arrays outside any ND4J workspace). The generic path
 * ({@code UnrolledRecurrence} on the tape) is the reference; a kernel must equal it on the same
 * weights.
 */
public interface FusedKernel {
  /** Whether this kernel computes exactly {@code cell} (its class and its configuration). */
  boolean supports(RecurrentCell cell);

  /**
   * Runs {@code cell} over {@code x [T, B, I]} from {@code initialState} (each {@code [B, H]},
   * in {@code cell.state()} order).
   *
   * @param params the cell's parameters by declared name
   * @param training whether {@link Pass#backward} will be called (keep the activations)
   */
  Pass forward(RecurrentCell cell, INDArray x, Map<String, INDArray> params, List<INDArray> initialState, boolean training);

  /** The result of a forward pass, and the way back through it. */
  interface Pass {
    /** Outputs of all steps, {@code [T, B, H]}. */
    INDArray output();

    /** The state after the last step, in {@code cell.state()} order. */
    List<INDArray> finalState();

    /**
     * Back-propagates, once: the pass's working memory goes back to its kernel afterwards, and a
     * second call throws {@link IllegalStateException}. Either argument may be {@code null}, and
     * so may entries of {@code dFinalState}, meaning zero.
     *
     * @param dOutput the loss gradient w.r.t. {@link #output()}
     * @param dFinalState the loss gradient w.r.t. {@link #finalState()}
     */
    default Gradients backward(INDArray dOutput, List<INDArray> dFinalState) {
      return backward(dOutput, dFinalState, true);
    }

    /**
     * {@link #backward(INDArray, List)}, computing {@code dx} only if {@code inputGradient}: an
     * input that needs no gradient (one-hot tokens) saves one GEMM over all steps, and
     * {@link Gradients#dx()} is then {@code null}.
     */
    Gradients backward(INDArray dOutput, List<INDArray> dFinalState, boolean inputGradient);
  }

  /** Gradients w.r.t. the input ({@code null} if not asked for), each parameter (by name), and the initial state. */
  record Gradients(INDArray dx, Map<String, INDArray> dParams, List<INDArray> dInitialState) {}
}
