package io.recur.backend.nd4j.fused;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.recur.core.check.GradientCheck;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The fused output kernel against the float64 {@link ReferenceCrossEntropy} (whose gradients are
 * checked by central differences): the loss, each row's log-probability and every gradient within
 * 1e-5 whole-array relative error ({@link Compare}), over odd sizes, one row, blocks that do not
 * divide the rows, accumulation into existing gradients, and a team of two threads.
 */
class ProjectedCrossEntropyTest {
  private static final double TOLERANCE = 1e-5;

  @AfterAll
  static void oneThreadAgain() {
    FusedKernels.setThreads(1);
  }

  @Test
  void theReferenceGradientsEqualCentralDifferences() {
    ReferenceCrossEntropy ref = new ReferenceCrossEntropy(5, 4, 7, 0.8, 3);
    double[][] g = ref.gradients();
    Map<String, double[]> values = new LinkedHashMap<>();
    values.put("h", ref.h);
    values.put("W", ref.w);
    values.put("b", ref.b);
    Map<String, double[]> analytic = Map.of("h", g[0], "W", g[1], "b", g[2]);
    new GradientCheck(1e-6, 1e-7, 40, 0).assertWithin(1e-7, values, analytic, v -> ref.meanLoss());
  }

  @ParameterizedTest(name = "N={0} H={1} V={2} block={3} threads={4}")
  @CsvSource({
      "7, 5, 13, 4194304, 1",
      "1, 6, 11, 4194304, 1",
      "1, 6, 11, 4194304, 2",
      "23, 9, 37, 100, 1",
      "23, 9, 37, 100, 2",
      "140, 32, 1001, 4194304, 1",
      "140, 32, 1001, 30000, 2",
      "64, 48, 3001, 4194304, 2"})
  void lossLogProbabilitiesAndGradientsEqualTheFloat64Reference(int n, int hidden, int vocab, int block, int threads) {
    FusedKernels.setThreads(threads);
    ReferenceCrossEntropy ref = new ReferenceCrossEntropy(n, hidden, vocab, 3 / Math.sqrt(hidden), n * 31L + vocab);
    ProjectedCrossEntropy kernel = new ProjectedCrossEntropy(block);
    double[] logProbs = new double[n];
    double sum = kernel.score(h(ref), w(ref), b(ref), ref.targets, logProbs);
    Compare.assertClose("log-probabilities", ref.logProbs(), logProbs, TOLERANCE);
    assertEquals(ref.meanLoss() * n, sum, TOLERANCE * ref.meanLoss() * n, "summed loss");

    INDArray dh = Nd4j.createUninitialized(DataType.FLOAT, n, hidden);
    INDArray dw = Nd4j.createUninitialized(DataType.FLOAT, vocab, hidden);
    INDArray db = Nd4j.createUninitialized(DataType.FLOAT, vocab);
    double mean = kernel.train(h(ref), w(ref), b(ref), ref.targets, new ProjectedCrossEntropy.Gradients(dh, dw, db), false);
    assertEquals(ref.meanLoss(), mean, TOLERANCE * ref.meanLoss(), "mean loss");
    double[][] g = ref.gradients();
    Compare.assertClose("dh", g[0], Problem.values(dh), TOLERANCE);
    Compare.assertClose("dW", g[1], Problem.values(dw), TOLERANCE);
    Compare.assertClose("db", g[2], Problem.values(db), TOLERANCE);
  }

  @Test
  void gradientsAreAddedToWhatTheArraysHeldWhenAccumulating() {
    ReferenceCrossEntropy ref = new ReferenceCrossEntropy(9, 5, 17, 1, 8);
    double[][] g = ref.gradients();
    INDArray dh = Problem.array(ones(9 * 5), 9, 5);
    INDArray dw = Problem.array(ones(17 * 5), 17, 5);
    INDArray db = Problem.array(ones(17), 17);
    new ProjectedCrossEntropy(40).train(h(ref), w(ref), b(ref), ref.targets, new ProjectedCrossEntropy.Gradients(dh, dw, db), true);
    Compare.assertClose("dh", plusOne(g[0]), Problem.values(dh), TOLERANCE);
    Compare.assertClose("dW", plusOne(g[1]), Problem.values(dw), TOLERANCE);
    Compare.assertClose("db", plusOne(g[2]), Problem.values(db), TOLERANCE);
  }

  @Test
  void resultsDependOnTheThreadCountOnly() {
    FusedKernels.setThreads(2);
    ReferenceCrossEntropy ref = new ReferenceCrossEntropy(96, 64, 2003, 0.3, 5);
    ProjectedCrossEntropy kernel = new ProjectedCrossEntropy();
    float[] first = null;
    for (int run = 0; run < 2 * ModeChoice.FIRST_PROBE + 2; run++) {
      INDArray dw = Nd4j.createUninitialized(DataType.FLOAT, 2003, 64);
      kernel.train(h(ref), w(ref), b(ref), ref.targets, new ProjectedCrossEntropy.Gradients(
          Nd4j.createUninitialized(DataType.FLOAT, 96, 64), dw, Nd4j.createUninitialized(DataType.FLOAT, 2003)), false);
      float[] now = dw.data().asFloat();
      if (first == null) {
        first = now;
      } else {
        assertArrayEquals(first, now, "run " + run);
      }
    }
  }

  @Test
  void refusesTargetsOutsideTheVocabularyAndArraysItCannotWriteInPlace() {
    ReferenceCrossEntropy ref = new ReferenceCrossEntropy(3, 4, 5, 1, 1);
    ProjectedCrossEntropy kernel = new ProjectedCrossEntropy();
    assertThrows(IllegalArgumentException.class, () -> kernel.score(h(ref), w(ref), b(ref), new int[] {0, 5, 1}, null));
    INDArray strided = Nd4j.zeros(DataType.FLOAT, 4, 3).transpose();
    assertThrows(IllegalArgumentException.class, () -> kernel.train(h(ref), w(ref), b(ref), ref.targets,
        new ProjectedCrossEntropy.Gradients(strided, Nd4j.zeros(DataType.FLOAT, 5, 4), Nd4j.zeros(DataType.FLOAT, 5)), false));
  }

  private static INDArray h(ReferenceCrossEntropy r) {
    return Problem.array(r.h, r.rows, r.hidden);
  }

  private static INDArray w(ReferenceCrossEntropy r) {
    return Problem.array(r.w, r.vocab, r.hidden);
  }

  private static INDArray b(ReferenceCrossEntropy r) {
    return Problem.array(r.b, r.vocab);
  }

  private static double[] ones(int n) {
    double[] v = new double[n];
    java.util.Arrays.fill(v, 1);
    return v;
  }

  private static double[] plusOne(double[] v) {
    double[] out = v.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] += 1;
    }
    return out;
  }
}
