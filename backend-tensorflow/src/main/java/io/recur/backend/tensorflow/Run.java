package io.recur.backend.tensorflow;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.types.TFloat32;

/**
 * One {@code session.run} being put together: feeds, and fetches that remember where their
 * values will be in the result.
 */
final class Run {
  private final Session.Runner runner;
  private int fetched;

  Run(Session.Runner runner) {
    this.runner = runner;
  }

  Run feed(Operand<?> at, Tensor value) {
    runner.feed(at, value);
    return this;
  }

  /** Feeds {@code values[i]} to {@code at[i]}. */
  Run feed(List<? extends Operand<?>> at, List<? extends Tensor> values) {
    if (at.size() != values.size()) {
      throw new IllegalArgumentException(values.size() + " values for " + at.size() + " inputs");
    }
    for (int i = 0; i < at.size(); i++) {
      runner.feed(at.get(i), values.get(i));
    }
    return this;
  }

  /** Fetches {@code o}; returns its index in the result. */
  int fetch(Operand<?> o) {
    runner.fetch(o);
    return fetched++;
  }

  /** Fetches each of {@code os} in order; returns the index of the first. */
  int fetchAll(Collection<? extends Operand<?>> os) {
    int first = fetched;
    os.forEach(this::fetch);
    return first;
  }

  Result run() {
    return runner.run();
  }

  /** {@code count} float tensors of {@code result} from index {@code first}. */
  static List<TFloat32> floats(Result result, int first, int count) {
    List<TFloat32> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add((TFloat32) result.get(first + i));
    }
    return out;
  }
}
