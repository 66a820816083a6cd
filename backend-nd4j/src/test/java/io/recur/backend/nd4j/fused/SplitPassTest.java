package io.recur.backend.nd4j.fused;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.recur.backend.nd4j.fused.Problem.Kind;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Passes whose hidden units are divided among workers: equal to the float64 reference for uneven
 * divisions, and bit for bit the same whether the workers run on a {@link Team} or one after
 * another on the calling thread.
 */
class SplitPassTest {
  static Stream<Arguments> splits() {
    return Arrays.stream(Kind.values()).flatMap(kind -> Stream.of(Arguments.of(kind, 2), Arguments.of(kind, 3)));
  }

  @ParameterizedTest(name = "{0}, {1} workers")
  @MethodSource("splits")
  void dividedUnitsGiveTheReferenceResults(Kind kind, int workers) {
    assertReferenceResults(new Problem(kind, 5, 3, 4, 7, 21), workers);
  }

  @ParameterizedTest(name = "{0}, {1} workers")
  @MethodSource("splits")
  void dividedUnitsWithOneHotInputGiveTheReferenceResults(Kind kind, int workers) {
    assertReferenceResults(new Problem(kind, 5, 3, 4, 7, 24).oneHot(), workers);
  }

  private static void assertReferenceResults(Problem p, int workers) {
    FusedKernel.Pass pass = Passes.open(p, true, null, workers);
    ReferenceRun ref = p.referenceRun();
    Compare.assertClose("output", ref.output(), Problem.values(pass.output()), 1e-5);
    for (int s = 0; s < ref.finalState().size(); s++) {
      Compare.assertClose("final state " + s, ref.finalState().get(s), Problem.values(pass.finalState().get(s)), 1e-5);
    }
    ReferenceRun.Gradients expected = ref.backward(p.dOutput, p.dFinalState);
    FusedKernel.Gradients actual = pass.backward(p.dOutputArray(), p.dFinalStateArrays());
    Compare.assertClose("dx", expected.dx(), Problem.values(actual.dx()), 1e-5);
    expected.dParams().forEach((name, d) -> Compare.assertClose("d" + name, d, Problem.values(actual.dParams().get(name)), 1e-5));
    for (int s = 0; s < expected.dInitialState().size(); s++) {
      Compare.assertClose("d initial state " + s, expected.dInitialState().get(s), Problem.values(actual.dInitialState().get(s)), 1e-5);
    }
  }

  /** The team is primed to look fast, so that every run of these passes (fewer than a probe period) goes to it. */
  @ParameterizedTest(name = "{0}, {1} workers")
  @MethodSource("splits")
  void aTeamComputesExactlyWhatTheCallingThreadComputes(Kind kind, int workers) {
    Problem p = new Problem(kind, 9, 5, 6, 11, 22);
    Team team = new Team(workers);
    team.choice().record(true, 1, 1_000_000);
    team.choice().record(false, 1_000_000, 1);
    try {
      for (int round = 0; round < 3; round++) {
        FusedKernel.Pass serial = Passes.open(p, true, null, workers);
        FusedKernel.Pass parallel = Passes.open(p, true, team, workers);
        assertBitwiseEqual(serial.output(), parallel.output());
        assertEquals(serial.finalState().size(), parallel.finalState().size());
        for (int s = 0; s < serial.finalState().size(); s++) {
          assertBitwiseEqual(serial.finalState().get(s), parallel.finalState().get(s));
        }
        FusedKernel.Gradients gs = serial.backward(p.dOutputArray(), p.dFinalStateArrays());
        FusedKernel.Gradients gp = parallel.backward(p.dOutputArray(), p.dFinalStateArrays());
        assertBitwiseEqual(gs.dx(), gp.dx());
        gs.dParams().forEach((name, d) -> assertBitwiseEqual(d, gp.dParams().get(name)));
        for (int s = 0; s < gs.dInitialState().size(); s++) {
          assertBitwiseEqual(gs.dInitialState().get(s), gp.dInitialState().get(s));
        }
      }
    } finally {
      team.shutdown();
    }
  }

  @Test
  void configuredThreadsAreUsedForLargePassesAndTheResultIsUnchanged() {
    Problem p = new Problem(Kind.LSTM, 35, 32, 28, 64, 23);
    FusedKernel kernel = FusedKernels.find(p.cell).orElseThrow();
    FusedKernel.Gradients one = kernel.forward(p.cell, p.xArray(), p.paramArrays(), p.stateArrays(), true)
        .backward(p.dOutputArray(), p.dFinalStateArrays());
    FusedKernels.setThreads(2);
    try {
      assertEquals(2, FusedKernels.threads());
      assertEquals(2, FusedKernels.workers(FusedKernels.team(), new io.recur.backend.nd4j.fused.Arguments(p.cell, p.xArray(),
          p.paramArrays(), p.stateArrays()), 4));
      FusedKernel.Gradients two = kernel.forward(p.cell, p.xArray(), p.paramArrays(), p.stateArrays(), true)
          .backward(p.dOutputArray(), p.dFinalStateArrays());
      one.dParams().forEach((name, d) -> Compare.assertClose("d" + name, Problem.values(d), Problem.values(two.dParams().get(name)), 1e-6));
      Compare.assertClose("dx", Problem.values(one.dx()), Problem.values(two.dx()), 1e-6);
    } finally {
      FusedKernels.setThreads(1);
    }
    assertEquals(1, FusedKernels.threads());
  }

  @Test
  void concurrentPassesShareTheTeamOrRunAloneWithTheSameResults() throws Exception {
    Problem p = new Problem(Kind.GRU, 35, 16, 28, 48, 25);
    FusedKernel kernel = FusedKernels.find(p.cell).orElseThrow();
    FusedKernels.setThreads(2);
    java.util.concurrent.ExecutorService callers = java.util.concurrent.Executors.newFixedThreadPool(3);
    try {
      FusedKernel.Pass first = kernel.forward(p.cell, p.xArray(), p.paramArrays(), p.stateArrays(), true);
      FusedKernel.Gradients expected = first.backward(p.dOutputArray(), p.dFinalStateArrays());
      java.util.List<java.util.concurrent.Future<FusedKernel.Gradients>> runs = new java.util.ArrayList<>();
      for (int i = 0; i < 12; i++) {
        runs.add(callers.submit(() -> kernel.forward(p.cell, p.xArray(), p.paramArrays(), p.stateArrays(), true)
            .backward(p.dOutputArray(), p.dFinalStateArrays())));
      }
      for (java.util.concurrent.Future<FusedKernel.Gradients> run : runs) {
        FusedKernel.Gradients g = run.get();
        assertBitwiseEqual(expected.dx(), g.dx());
        expected.dParams().forEach((name, d) -> assertBitwiseEqual(d, g.dParams().get(name)));
      }
    } finally {
      callers.shutdown();
      FusedKernels.setThreads(1);
    }
  }

  private static void assertBitwiseEqual(INDArray expected, INDArray actual) {
    assertArrayEquals(expected.shape(), actual.shape());
    assertArrayEquals(expected.data().asFloat(), actual.data().asFloat());
  }
}
