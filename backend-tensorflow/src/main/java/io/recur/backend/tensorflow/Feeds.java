package io.recur.backend.tensorflow;

import io.recur.core.backend.InputChecks;
import io.recur.core.model.ModelSpec;
import io.recur.core.sequence.Batch;
import io.recur.core.sequence.Minibatch;
import io.recur.core.sequence.SeriesBatch;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * A minibatch as the tensors a {@link Pass} is fed — token ids (int32 {@code [T, B]}) or values
 * (float32 {@code [T, B, F]} and {@code [T, B, D]}) — checked against the model first. Closing
 * frees them.
 */
record Feeds(Tensor inputs, Tensor targets) implements AutoCloseable {
  static Feeds of(ModelSpec spec, Minibatch batch) {
    InputChecks.minibatch(spec, batch);
    if (batch instanceof Batch b) {
      return new Feeds(Tensors.timeMajor(b.inputs()), Tensors.timeMajor(b.targets()));
    }
    SeriesBatch s = (SeriesBatch) batch;
    return new Feeds(values(s.inputsTimeMajor(), s.steps(), s.batchSize(), s.features()),
        values(s.targetsTimeMajor(), s.steps(), s.batchSize(), s.outputs()));
  }

  /** Time-major values {@code [T, B, width]}. */
  static TFloat32 values(float[] timeMajor, int steps, int rows, int width) {
    return TFloat32.tensorOf(Shape.of(steps, rows, width), DataBuffers.of(timeMajor, true, false));
  }

  @Override
  public void close() {
    inputs.close();
    targets.close();
  }
}
