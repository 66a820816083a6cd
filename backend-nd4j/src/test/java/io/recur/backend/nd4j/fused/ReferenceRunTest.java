package io.recur.backend.nd4j.fused;

import io.recur.backend.nd4j.fused.Problem.Kind;
import io.recur.core.cell.State;
import io.recur.core.cell.Step;
import io.recur.core.tensor.Tensor;
import io.recur.core.check.ReferenceOps;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Proves the test reference itself: its forward pass is the core cell's own {@code step} run by
 * core's {@code UnrolledRecurrence} (through {@link ReferenceOps}), and its backward pass equals
 * float64 central differences of the loss {@code Σ dOutput·output + Σ dFinal·finalState}.
 */
class ReferenceRunTest {
  @ParameterizedTest
  @EnumSource(Kind.class)
  void forwardIsTheCoreCellRunOverTime(Kind kind) {
    Problem p = new Problem(kind, 4, 3, 5, 4, 11);
    ReferenceRun run = p.referenceRun();
    List<Tensor> state = new ArrayList<>();
    p.initialState.forEach(s -> state.add(ReferenceOps.of(s, p.batch, p.hidden)));
    Map<String, int[]> shapes = new java.util.HashMap<>();
    p.cell.params().forEach(spec -> shapes.put(spec.name(), spec.shape()));
    Step step = new ReferenceOps().recurrent("layer0", p.cell, name -> ReferenceOps.of(p.params.get(name), shapes.get(name)),
        ReferenceOps.of(p.x, p.steps, p.batch, p.inputSize), new State(state));
    Compare.assertClose("output", ReferenceOps.values(step.output()), run.output(), 1e-14);
    for (int s = 0; s < state.size(); s++) {
      Compare.assertClose("final state " + s, ReferenceOps.values(step.state().get(s)), run.finalState().get(s), 1e-14);
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void backwardEqualsCentralDifferences(Kind kind) {
    Problem p = new Problem(kind, 3, 2, 3, 3, 5);
    ReferenceRun.Gradients g = p.referenceRun().backward(p.dOutput, p.dFinalState);
    Compare.assertClose("dx", numericGradient(p, p.x), g.dx(), 1e-7);
    p.params.forEach((name, value) -> Compare.assertClose("d" + name, numericGradient(p, value), g.dParams().get(name), 1e-7));
    for (int s = 0; s < p.initialState.size(); s++) {
      Compare.assertClose("d state " + s, numericGradient(p, p.initialState.get(s)), g.dInitialState().get(s), 1e-7);
    }
  }

  /** Central differences of the loss w.r.t. each entry of {@code v}, which is one of {@code p}'s arrays. */
  private static double[] numericGradient(Problem p, double[] v) {
    double eps = 1e-6;
    double[] grad = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      double keep = v[i];
      v[i] = keep + eps;
      double up = loss(p);
      v[i] = keep - eps;
      double down = loss(p);
      v[i] = keep;
      grad[i] = (up - down) / (2 * eps);
    }
    return grad;
  }

  private static double loss(Problem p) {
    ReferenceRun run = p.referenceRun();
    double l = dot(p.dOutput, run.output());
    for (int s = 0; s < p.dFinalState.size(); s++) {
      l += dot(p.dFinalState.get(s), run.finalState().get(s));
    }
    return l;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
