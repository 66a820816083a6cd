package io.recur.testkit;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.util.Modules;
import io.recur.core.backend.Backend;
import io.recur.core.backend.BackendSelector;
import io.recur.core.backend.Capability;
import io.recur.core.backend.InferenceModel;
import io.recur.core.backend.InferenceSession;
import io.recur.core.backend.Logits;
import io.recur.core.backend.StepLoss;
import io.recur.core.backend.TrainingSession;
import io.recur.core.cell.CellRegistry;
import io.recur.core.config.RecurConfig;
import io.recur.core.inject.CoreModule;
import io.recur.core.model.ParamKey;
import io.recur.core.model.ParameterSet;
import io.recur.core.optim.Optimizer;
import io.recur.core.sequence.Batch;
import java.util.List;
import java.util.Map;

/**
 * The cell on every training backend found on the class path (as the command line finds them,
 * through {@link CoreModule}): in a {@link TinyModel}, the backend's logits against the float64
 * reference, and one training step's loss and gradients against the float64 loss and ND4J's
 * float64 tape — float32 on the backend, so within {@value #LOGITS} and {@value #GRADIENTS}.
 */
final class BackendParity {
  static final double LOGITS = 1e-4;
  static final double LOSS = 1e-5;
  static final double GRADIENTS = 1e-4;

  private final CellUnderTest cell;
  private final Injector injector;

  BackendParity(CellUnderTest cell) {
    this.cell = cell;
    this.injector = Guice.createInjector(Modules.override(
        new CoreModule(RecurConfig.defaults().withThreads(1), cell.factory().getClass().getClassLoader()))
        .with(b -> b.bind(CellRegistry.class).toInstance(cell.registry())));
  }

  /** The names of the training backends on the class path, sorted. */
  List<String> backends() {
    return List.copyOf(injector.getInstance(BackendSelector.class).withCapability(Capability.TRAIN));
  }

  void run(String backendName) {
    Backend backend = injector.getInstance(BackendSelector.class).select(backendName);
    TinyModel m = new TinyModel(cell);
    String label = "cell '" + cell.name() + "' on backend '" + backendName + "'";
    try (InferenceModel model = backend.openInference(m.spec, m.params); InferenceSession s = model.newSession(TinyModel.BATCH)) {
      Logits actual = s.forward(m.inputs);
      float[] expected = m.referenceLogits(m.inputs).data();
      for (int i = 0; i < expected.length; i++) {
        double d = Math.abs(actual.data()[i] - expected[i]);
        if (!(d <= LOGITS)) {
          throw new AssertionError(label + ": the logits [T " + TinyModel.STEPS + ", B " + TinyModel.BATCH + ", V "
              + TinyModel.VOCAB + "] at " + Values.position(i, new int[] {TinyModel.STEPS, TinyModel.BATCH, TinyModel.VOCAB})
              + " are " + Values.number(actual.data()[i]) + " but the float64 reference's " + Values.number(expected[i])
              + " (tolerance " + LOGITS + "; two layers of " + TinyModel.HIDDEN + ", one-hot input of " + TinyModel.VOCAB + ")");
        }
      }
    }
    try (TrainingSession t = backend.openTraining(m.spec, m.params, Optimizer.named("sgd"))) {
      StepLoss loss = t.computeGradients(new Batch(m.inputs, m.targets, true), 0);
      double mean = loss.sum() / loss.count();
      double expectedLoss = m.referenceLoss();
      if (!(Math.abs(mean - expectedLoss) <= LOSS * Math.max(1, Math.abs(expectedLoss)))) {
        throw new AssertionError(label + ": a training step's loss is " + Values.number(mean) + " but the float64 reference's "
            + Values.number(expectedLoss));
      }
      ParameterSet grads = t.gradients();
      for (Map.Entry<ParamKey, double[]> e : m.referenceGradients().entrySet()) {
        float[] g = grads.get(e.getKey()).data();
        double[] ref = e.getValue();
        for (int i = 0; i < ref.length; i++) {
          if (!(Math.abs(g[i] - ref[i]) <= GRADIENTS)) {
            int[] shape = grads.get(e.getKey()).shape();
            throw new AssertionError(label + ": the gradient of parameter " + e.getKey() + " " + Values.shape(shape) + " at "
                + Values.position(i, shape) + " is " + Values.number(g[i]) + " but " + Values.number(ref[i])
                + " on ND4J's float64 tape (tolerance " + GRADIENTS + ")");
          }
        }
      }
    }
  }
}
