package io.recur.examples.parity;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recur.core.backend.Backend;
import io.recur.core.backend.StepLoss;
import io.recur.core.backend.TrainingSession;
import io.recur.core.cell.CellRegistry;
import io.recur.core.model.FloatArray;
import io.recur.core.model.LanguageModel;
import io.recur.core.model.ModelSpec;
import io.recur.core.model.ParameterSet;
import io.recur.core.ops.Initializers;
import io.recur.core.optim.Optimizer;
import io.recur.core.sequence.Batch;
import io.recur.core.util.Rng;
import io.recur.data.partition.SequentialPartitioner;
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
 * minibatches (Time Machine characters, state carried between them, global-norm clipping at 1),
 * the first step's gradients agree within 1e-5 relative and the losses of 20 steps within 1e-4
 * relative, with SGD and with Adam, for every built-in cell, one-hot and embedding input, one and
 * two layers. The largest differences are printed as a table after the run.
 */
class TensorFlowParityTest {
  static final int HIDDEN = 24;
  static final int EMBED = 8;
  static final int BATCH = 8;
  static final int STEPS = 12;
  static final int UPDATES = 20;
  static final double CLIP = 1.0;
  static final double GRADIENT_TOLERANCE = 1e-5;
  static final double LOSS_TOLERANCE = 1e-4;

  private static final ParityWorld WORLD = new ParityWorld();
  private static final List<Batch> BATCHES = SequentialPartitioner.training()
      .epoch(WORLD.train.slice(0, UPDATES * BATCH * STEPS + STEPS + 1), BATCH, STEPS, new Rng(1)).subList(0, UPDATES);
  private static final Map<String, String> REPORT = new TreeMap<>();

  static Stream<Arguments> models() {
    List<Arguments> cases = new ArrayList<>();
    for (String optimizer : List.of("sgd", "adam")) {
      for (String cell : List.of("rnn", "rnn-relu", "lstm", "gru")) {
        for (int embed : new int[] {0, EMBED}) {
          for (int layers = 1; layers <= 2; layers++) {
            cases.add(Arguments.of(optimizer, cell, embed, layers));
          }
        }
      }
    }
    return cases.stream();
  }

  /** SGD at the textbook's character-level rate; Adam at its usual one. */
  static double learningRate(String optimizer) {
    return optimizer.equals("sgd") ? 1.0 : 0.01;
  }

  @ParameterizedTest(name = "{0}: {1}, embed {2}, {3} layer(s)")
  @MethodSource("models")
  void nd4jAndTensorFlowComputeTheSameGradientsAndLosses(String optimizer, String cell, int embed, int layers) {
    ModelSpec spec = ModelSpec.builder().cell(cell).vocabSize(WORLD.corpus.vocab().size()).embed(embed).hidden(HIDDEN)
        .layers(layers).build();
    ParameterSet initial = new LanguageModel(spec, WORLD.injector.getInstance(CellRegistry.class))
        .initialize(Initializers.Scheme.XAVIER, 11);
    Backend nd4j = WORLD.backend("nd4j");
    Backend tensorflow = WORLD.backend("tensorflow");
    double worstGradient = 0;
    double worstLoss = 0;
    try (TrainingSession a = nd4j.openTraining(spec, initial, Optimizer.named(optimizer));
        TrainingSession b = tensorflow.openTraining(spec, initial, Optimizer.named(optimizer))) {
      for (int i = 0; i < UPDATES; i++) {
        StepLoss la = step(a, BATCHES.get(i), i, learningRate(optimizer));
        StepLoss lb = step(b, BATCHES.get(i), i, learningRate(optimizer));
        if (i == 0) {
          worstGradient = gradientDifference(a.gradients(), b.gradients());
        }
        worstLoss = Math.max(worstLoss, Math.abs(la.mean() - lb.mean()) / la.mean());
      }
    }
    String name = String.format(Locale.ROOT, "%-4s %-8s %-8s %d", optimizer, cell, embed == 0 ? "one-hot" : "embed " + embed, layers);
    REPORT.put(name, String.format(Locale.ROOT, "%.2e  %.2e", worstGradient, worstLoss));
    assertTrue(worstGradient <= GRADIENT_TOLERANCE, name + ": first-step gradients differ by " + worstGradient + " relative");
    assertTrue(worstLoss <= LOSS_TOLERANCE, name + ": losses differ by " + worstLoss + " relative");
  }

  /** One training step as core's loop takes it: gradients, clipping to the global norm, the update. */
  private static StepLoss step(TrainingSession s, Batch batch, int i, double lr) {
    StepLoss loss = s.computeGradients(batch, new Rng(i));
    double norm = s.gradientNorm();
    s.applyUpdate(lr, norm > CLIP ? CLIP / norm : 1);
    return loss;
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
    System.out.println("optimizer cell, input, layers     gradients  losses (relative)");
    REPORT.forEach((k, v) -> System.out.println(k + "      " + v));
  }
}
