package io.recur.testkit;

import io.recur.core.cell.CellFactory;
import io.recur.core.cell.CellOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * Everything a custom cell should pass, in one call from the cell author's own tests:
 * <pre>{@code
 * @Test void mguIsACorrectCell() { CellTestKit.check(new MguCell.Factory()); }
 * }</pre>
 * or, one JUnit test per check, {@code @TestFactory Stream<DynamicTest> mgu() { return
 * CellTestKit.tests(new MguCell.Factory(), CellOptions.none()); }}. The checks:
 * <ol>
 *   <li><b>declarations</b> — the step against {@code params()} and {@code state()} at two pairs of
 *       sizes: shapes of output and state, every parameter used, ops on fitting shapes, finite
 *       values at initialisation (what building a model checks);
 *   <li><b>purity</b> — the same inputs give the same outputs, bit for bit;
 *   <li><b>gradients</b> — every parameter, initial state and the input, ND4J's float64 tape
 *       against central differences over three steps;
 *   <li><b>parity</b> — on every training backend on the class path (ND4J; TensorFlow when
 *       present), logits and one training step's loss and gradients in a small two-layer
 *       language model, against the float64 reference;
 *   <li><b>ONNX</b> — that model exported and run on ONNX Runtime, logits within 1e-4.
 * </ol>
 * A failure is an {@link AssertionError} naming the cell, the parameter or state, and the shapes.
 */
public final class CellTestKit {
  private CellTestKit() {}

  /** Runs every check on the cell {@code factory} makes without options; throws the first failure. */
  public static void check(CellFactory factory) {
    check(factory, CellOptions.none());
  }

  /** Runs every check on the cell {@code factory} makes with {@code options}; throws the first failure. */
  public static void check(CellFactory factory, CellOptions options) {
    for (DynamicTest t : checks(factory, options)) {
      try {
        t.getExecutable().execute();
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Throwable e) {
        throw new AssertionError(t.getDisplayName() + ": " + e, e);
      }
    }
  }

  /** The same checks as JUnit 5 dynamic tests, one per check and per backend, for a {@code @TestFactory}. */
  public static Stream<DynamicTest> tests(CellFactory factory, CellOptions options) {
    return checks(factory, options).stream();
  }

  private static List<DynamicTest> checks(CellFactory factory, CellOptions options) {
    CellUnderTest c = CellUnderTest.of(factory, options);
    List<DynamicTest> tests = new ArrayList<>();
    tests.add(DynamicTest.dynamicTest(c.name() + ": declarations against a dry run of the step", () -> DeclarationCheck.run(c)));
    tests.add(DynamicTest.dynamicTest(c.name() + ": step is pure", () -> PurityCheck.run(c)));
    tests.add(DynamicTest.dynamicTest(c.name() + ": float64 gradients of every parameter and state",
        () -> TapeGradientCheck.run(c)));
    BackendParity parity = new BackendParity(c);
    for (String backend : parity.backends()) {
      tests.add(DynamicTest.dynamicTest(c.name() + ": parity on " + backend, () -> parity.run(backend)));
    }
    tests.add(DynamicTest.dynamicTest(c.name() + ": ONNX export on ONNX Runtime", () -> OnnxRoundTrip.run(c)));
    return tests;
  }
}
