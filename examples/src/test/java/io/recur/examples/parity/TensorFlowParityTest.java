package io.recur.examples.parity;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recur.core.backend.StepLoss;
import io.recur.core.backend.TrainingSession;
import io.recur.core.cell.CellRegistry;
import io.recur.core.model.FloatArray;
import io.recur.core.model.ModelSpec;
import io.recur.core.model.ParameterSet;
import io.recur.core.model.SequenceModel;
import io.recur.core.ops.Initializers;
import io.recur.core.optim.Optimizer;
import io.recur.core.sequence.Minibatch;
import io.recur.core.sequence.SeriesStream;
import io.recur.core.sequence.TokenStream;
import io.recur.core.util.Rng;
import io.recur.data.partition.SequentialPartitioner;
import io.recur.data.series.SineSeries;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ND4J and TensorFlow train the same model the same way: from the same initial weights on the same
 * minibatches (state carried between them, global-norm clipping at 1, each backend's
 * {@link TrainingSession#step}), the first step's gradients agree within 1e-5 relative and the
 * losses of 20 steps within 1e-4 relative, with SGD and with Adam — for every built-in cell,
 * one-hot and embedding input, one and two layers (Time Machine characters), and for series
 * models (a noisy sine, recurrent and linear). The largest differences are printed as a table
 * after the run.
 */
class TensorFlowParityTest {
  static final int HIDDEN = 24;
  static final int EMBED = 8;
  static final int BATCH = 8;
  static final int STEPS = 12;
  static final int UPDATES = 20;
  static final int TAU = 4;
  static final double CLIP = 1.0;
  static final double GRADIENT_TOLERANCE = 1e-5;
  static final double LOSS_TOLERANCE = 1e-4;

  private static final ParityWorld WORLD = new ParityWorld();
  private static final int NEEDED = UPDATES * BATCH * STEPS + STEPS + 1;
  private static final List<? extends Minibatch> TEXT = new TokenStream(WORLD.train.slice(0, NEEDED),
      SequentialPartitioner.training(), SequentialPartitioner.evaluation()).epoch(BATCH, STEPS, new Rng(1)).subList(0, UPDATES);
  private static final List<? extends Minibatch> SERIES = new SeriesStream(sine(NEEDED + TAU), TAU,
      SequentialPartitioner.training(), SequentialPartitioner.evaluation()).epoch(BATCH, STEPS, new Rng(1)).subList(0, UPDATES);
  private static final Map<String, String> REPORT = new TreeMap<>();

  private static float[][] sine(int length) {
    double[] x = SineSeries.generate(length, new Rng(2));
    float[][] values = new float[length][1];
    for (int i = 0; i < length; i++) {
      values[i][0] = (float) x[i];
    }
    return values;
  }

  static Stream<Arguments> models() {
    List<Arguments> cases = new ArrayList<>();
    for (String optimizer : List.of("sgd", "adam")) {
      for (String cell : List.of("rnn", "rnn-relu", "lstm", "gru")) {
        for (int embed : new int[] {0, EMBED}) {
          for (int layers = 1; layers <= 2; layers++) {
            cases.add(Arguments.of(optimizer, "text", cell, embed, layers));
          }
        }
      }
      cases.add(Arguments.of(optimizer, "series", "lstm", 0, 2));
      cases.add(Arguments.of(optimizer, "series", "gru", 0, 1));
      cases.add(Arguments.of(optimizer, "series", ModelSpec.LINEAR, 0, 0));
    }
    return cases.stream();
  }

  /** SGD at the textbook's character-level rate (a tenth of it for series); Adam at its usual one. */
  static double learningRate(String optimizer, boolean text) {
    return optimizer.equals("adam") ? 0.01 : text ? 1.0 : 0.1;
  }

  @ParameterizedTest(name = "{0}: {1}, {2}, embed {3}, {4} layer(s)")
  @MethodSource("models")
  void nd4jAndTensorFlowComputeTheSameGradientsAndLosses(String optimizer, String data, String cell, int embed, int layers) {
    boolean text = data.equals("text");
    ModelSpec spec = (text ? ModelSpec.builder().vocabSize(WORLD.corpus.vocab().size()).embed(embed)
        : ModelSpec.builder().series(TAU, 1)).cell(cell).hidden(HIDDEN).layers(layers).build();
    ParameterSet initial = SequenceModel.of(spec, WORLD.injector.getInstance(CellRegistry.class))
        .initialize(Initializers.Scheme.XAVIER, 11);
    List<? extends Minibatch> batches = text ? TEXT : SERIES;
    double lr = learningRate(optimizer, text);
    double worstGradient = 0;
    double worstLoss = 0;
    try (TrainingSession a = WORLD.backend("nd4j").openTraining(spec, initial, Optimizer.named(optimizer));
        TrainingSession b = WORLD.backend("tensorflow").openTraining(spec, initial, Optimizer.named(optimizer))) {
      for (int i = 0; i < UPDATES; i++) {
        StepLoss la = a.step(batches.get(i), i, lr, CLIP).loss();
        StepLoss lb = b.step(batches.get(i), i, lr, CLIP).loss();
        if (i == 0) {
          worstGradient = gradientDifference(a.gradients(), b.gradients());
        }
        worstLoss = Math.max(worstLoss, Math.abs(la.mean() - lb.mean()) / la.mean());
      }
    }
    String name = String.format(Locale.ROOT, "%-4s %-6s %-8s %-8s %d", optimizer, data, cell, text ? embed == 0 ? "one-hot" : "embed " + embed : "",
        layers);
    REPORT.put(name, String.format(Locale.ROOT, "%.2e  %.2e", worstGradient, worstLoss));
    assertTrue(worstGradient <= GRADIENT_TOLERANCE, name + ": first-step gradients differ by " + worstGradient + " relative");
    assertTrue(worstLoss <= LOSS_TOLERANCE, name + ": losses differ by " + worstLoss + " relative");
  }

  /** The largest difference of any gradient element, relative to the largest element of its array. */
  static double gradientDifference(ParameterSet expected, ParameterSet actual) {
    double worst = 0;
    for (var e : expected.asMap().entrySet()) {
      FloatArray x = e.getValue();
      FloatArray y = actual.get(e.getKey());
      double scale = 0;
      double diff = 0;
      for (int i = 0; i < x.size(); i++) {
        scale = Math.max(scale, Math.abs(x.data()[i]));
        diff = Math.max(diff, Math.abs((double) x.data()[i] - y.data()[i]));
      }
      worst = Math.max(worst, scale == 0 ? diff : diff / scale);
    }
    return worst;
  }

  @AfterAll
  static void printTheLargestDifferences() {
    System.out.println("ND4J vs TensorFlow, " + UPDATES + " steps of " + BATCH + " x " + STEPS + ", H " + HIDDEN + ", clip " + CLIP);
    System.out.println("optimizer data cell input layers   gradients  losses (relative)");
    REPORT.forEach((k, v) -> System.out.println(k + "      " + v));
  }
}
