package io.recur.backend.nd4j.fused;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recur.backend.nd4j.fused.Problem.Kind;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Every kernel's outputs, final state and gradients (input, each parameter, each initial state)
 * equal the float64 {@link ReferenceRun} within 1e-5 whole-array relative error
 * ({@link Compare}), with non-zero gradients flowing in through both the outputs and the final
 * state.
 */
class FusedKernelParityTest {
  private static final double TOLERANCE = 1e-5;

  static Stream<Arguments> problems() {
    return Arrays.stream(Kind.values()).flatMap(kind -> Stream.of(
        Arguments.of(kind, 5, 3, 7, 6),
        Arguments.of(kind, 1, 3, 7, 6),
        Arguments.of(kind, 5, 1, 7, 6),
        Arguments.of(kind, 2, 2, 1, 1),
        Arguments.of(kind, 35, 4, 28, 64)));
  }

  @ParameterizedTest(name = "{0} T={1} B={2} I={3} H={4}")
  @MethodSource("problems")
  void outputsAndEveryGradientEqualTheFloat64Reference(Kind kind, int steps, int batch, int inputSize, int hidden) {
    Problem p = new Problem(kind, steps, batch, inputSize, hidden, 42 + steps * 7L + batch);
    FusedKernel.Pass pass = kernel(p).forward(p.cell, p.xArray(), p.paramArrays(), p.stateArrays(), true);
    ReferenceRun ref = p.referenceRun();
    assertForwardEquals(p, ref, pass);
    assertGradientsEqual(p, ref.backward(p.dOutput, p.dFinalState), pass.backward(p.dOutputArray(), p.dFinalStateArrays()));
  }

  @ParameterizedTest(name = "{0} T={1} B={2} I={3} H={4}")
  @MethodSource("problems")
  void oneHotInputsGiveTheSameResults(Kind kind, int steps, int batch, int inputSize, int hidden) {
    Problem p = new Problem(kind, steps, batch, inputSize, hidden, 51 + steps).oneHot();
    FusedKernel.Pass pass = kernel(p).forward(p.cell, p.xArray(), p.paramArrays(), p.stateArrays(), true);
    ReferenceRun ref = p.referenceRun();
    assertForwardEquals(p, ref, pass);
    assertGradientsEqual(p, ref.backward(p.dOutput, p.dFinalState), pass.backward(p.dOutputArray(), p.dFinalStateArrays()));
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void absentIncomingGradientsMeanZero(Kind kind) {
    Problem p = new Problem(kind, 4, 3, 5, 6, 7);
    ReferenceRun ref = p.referenceRun();
    FusedKernel.Pass pass = kernel(p).forward(p.cell, p.xArray(), p.paramArrays(), p.stateArrays(), true);
    assertGradientsEqual(p, ref.backward(p.dOutput, null), pass.backward(p.dOutputArray(), null));
    FusedKernel.Pass again = kernel(p).forward(p.cell, p.xArray(), p.paramArrays(), p.stateArrays(), true);
    List<double[]> lastOnly = new java.util.ArrayList<>(p.dFinalState);
    lastOnly.set(0, null);
    List<INDArray> lastOnlyArrays = new java.util.ArrayList<>(p.dFinalStateArrays());
    lastOnlyArrays.set(0, null);
    assertGradientsEqual(p, ref.backward(null, lastOnly), again.backward(null, lastOnlyArrays));
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void theInputGradientCanBeSkipped(Kind kind) {
    Problem p = new Problem(kind, 4, 3, 5, 6, 15);
    FusedKernel.Pass pass = kernel(p).forward(p.cell, p.xArray(), p.paramArrays(), p.stateArrays(), true);
    FusedKernel.Gradients g = pass.backward(p.dOutputArray(), p.dFinalStateArrays(), false);
    assertNull(g.dx());
    ReferenceRun.Gradients expected = p.referenceRun().backward(p.dOutput, p.dFinalState);
    expected.dParams().forEach((name, d) -> Compare.assertClose("d" + name, d, Problem.values(g.dParams().get(name)), TOLERANCE));
    for (int s = 0; s < expected.dInitialState().size(); s++) {
      Compare.assertClose("d initial state " + s, expected.dInitialState().get(s), Problem.values(g.dInitialState().get(s)), TOLERANCE);
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void backwardRunsOnce(Kind kind) {
    Problem p = new Problem(kind, 3, 2, 4, 5, 8);
    FusedKernel.Pass pass = kernel(p).forward(p.cell, p.xArray(), p.paramArrays(), p.stateArrays(), true);
    pass.backward(p.dOutputArray(), p.dFinalStateArrays());
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> pass.backward(p.dOutputArray(), null));
    assertEquals("backward already ran for this pass (its memory is reused); run forward again", e.getMessage());
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void passesAliveAtTheSameTimeKeepTheirOwnMemory(Kind kind) {
    Problem p = new Problem(kind, 6, 3, 5, 7, 12);
    Problem q = new Problem(kind, 6, 3, 5, 7, 13);
    FusedKernel k = kernel(p);
    for (int round = 0; round < 3; round++) {
      FusedKernel.Pass first = k.forward(p.cell, p.xArray(), p.paramArrays(), p.stateArrays(), true);
      FusedKernel.Pass second = k.forward(q.cell, q.xArray(), q.paramArrays(), q.stateArrays(), true);
      k.forward(q.cell, q.xArray(), q.paramArrays(), q.stateArrays(), false);
      assertGradientsEqual(q, q.referenceRun().backward(q.dOutput, q.dFinalState), second.backward(q.dOutputArray(), q.dFinalStateArrays()));
      assertGradientsEqual(p, p.referenceRun().backward(p.dOutput, p.dFinalState), first.backward(p.dOutputArray(), p.dFinalStateArrays()));
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void threadsShareAKernel(Kind kind) throws Exception {
    Problem p = new Problem(kind, 8, 4, 6, 16, 14);
    ReferenceRun ref = p.referenceRun();
    ReferenceRun.Gradients expected = ref.backward(p.dOutput, p.dFinalState);
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      List<java.util.concurrent.Future<?>> runs = new java.util.ArrayList<>();
      for (int i = 0; i < 8; i++) {
        runs.add(pool.submit(() -> {
          for (int round = 0; round < 10; round++) {
            FusedKernel.Pass pass = kernel(p).forward(p.cell, p.xArray(), p.paramArrays(), p.stateArrays(), true);
            assertForwardEquals(p, ref, pass);
            assertGradientsEqual(p, expected, pass.backward(p.dOutputArray(), p.dFinalStateArrays()));
          }
          return null;
        }));
      }
      for (java.util.concurrent.Future<?> run : runs) {
        run.get();
      }
    } finally {
      pool.shutdown();
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void inferencePassComputesTheSameForwardAndRefusesBackward(Kind kind) {
    Problem p = new Problem(kind, 5, 3, 7, 6, 9);
    FusedKernel.Pass pass = kernel(p).forward(p.cell, p.xArray(), p.paramArrays(), p.stateArrays(), false);
    assertForwardEquals(p, p.referenceRun(), pass);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> pass.backward(p.dOutputArray(), null));
    assertEquals("backward needs a forward pass run with training = true", e.getMessage());
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void viewsAndNonFloatArraysAreAccepted(Kind kind) {
    Problem p = new Problem(kind, 4, 3, 5, 6, 10);
    INDArray wide = Nd4j.zeros(p.steps, p.batch, p.inputSize + 3);
    wide.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(2, 2 + p.inputSize)).assign(p.xArray());
    INDArray xView = wide.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(2, 2 + p.inputSize));
    List<INDArray> doubleState = p.stateArrays().stream().map(s -> s.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE)).toList();
    FusedKernel.Pass pass = kernel(p).forward(p.cell, xView, p.paramArrays(), doubleState, true);
    assertForwardEquals(p, p.referenceRun(), pass);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void parametersMayBeContiguousViewsOfOneFlatBuffer(Kind kind) {
    Problem p = new Problem(kind, 4, 3, 5, 6, 11);
    long total = p.cell.params().stream().mapToLong(spec -> spec.size()).sum();
    INDArray flat = Nd4j.create(org.nd4j.linalg.api.buffer.DataType.FLOAT, total + 7);
    java.util.Map<String, INDArray> views = new java.util.LinkedHashMap<>();
    long offset = 7;
    for (var e : p.paramArrays().entrySet()) {
      INDArray v = flat.get(NDArrayIndex.interval(offset, offset + e.getValue().length())).reshape('c', e.getValue().shape());
      v.assign(e.getValue());
      views.put(e.getKey(), v);
      offset += e.getValue().length();
    }
    assertTrue(FloatBlock.of(views.get("W_h")).array() == views.get("W_h"), "a contiguous view is used in place, not copied");
    FusedKernel.Pass pass = kernel(p).forward(p.cell, p.xArray(), views, p.stateArrays(), true);
    assertForwardEquals(p, p.referenceRun(), pass);
    assertGradientsEqual(p, p.referenceRun().backward(p.dOutput, p.dFinalState), pass.backward(p.dOutputArray(), p.dFinalStateArrays()));
  }

  private static FusedKernel kernel(Problem p) {
    return FusedKernels.find(p.cell).orElseThrow();
  }

  private static void assertForwardEquals(Problem p, ReferenceRun ref, FusedKernel.Pass pass) {
    assertEquals(List.of((long) p.steps, (long) p.batch, (long) p.hidden), boxed(pass.output().shape()));
    Compare.assertClose(p + " output", ref.output(), Problem.values(pass.output()), TOLERANCE);
    assertEquals(ref.finalState().size(), pass.finalState().size());
    for (int s = 0; s < pass.finalState().size(); s++) {
      assertEquals(List.of((long) p.batch, (long) p.hidden), boxed(pass.finalState().get(s).shape()));
      Compare.assertClose(p + " final state " + s, ref.finalState().get(s), Problem.values(pass.finalState().get(s)), TOLERANCE);
    }
  }

  private static void assertGradientsEqual(Problem p, ReferenceRun.Gradients expected, FusedKernel.Gradients actual) {
    assertEquals(List.of((long) p.steps, (long) p.batch, (long) p.inputSize), boxed(actual.dx().shape()));
    Compare.assertClose(p + " dx", expected.dx(), Problem.values(actual.dx()), TOLERANCE);
    assertEquals(List.copyOf(expected.dParams().keySet()), List.copyOf(actual.dParams().keySet()));
    p.cell.params().forEach(spec -> {
      INDArray d = actual.dParams().get(spec.name());
      assertEquals(boxed(Arrays.stream(spec.shape()).asLongStream().toArray()), boxed(d.shape()), spec.name() + " gradient shape");
      Compare.assertClose(p + " d" + spec.name(), expected.dParams().get(spec.name()), Problem.values(d), TOLERANCE);
    });
    assertEquals(expected.dInitialState().size(), actual.dInitialState().size());
    for (int s = 0; s < expected.dInitialState().size(); s++) {
      Compare.assertClose(p + " d initial state " + s, expected.dInitialState().get(s), Problem.values(actual.dInitialState().get(s)), TOLERANCE);
    }
  }

  private static List<Long> boxed(long[] shape) {
    return Arrays.stream(shape).boxed().toList();
  }
}
