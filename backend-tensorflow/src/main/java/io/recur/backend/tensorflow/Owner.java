package io.recur.backend.tensorflow;

import java.util.List;
import org.tensorflow.Result;
import org.tensorflow.Tensor;

/**
 * Native tensors with shared ownership: what one {@code session.run} returned (a {@link Result},
 * which frees all its tensors at once) or tensors made in Java. The creator holds the first
 * reference and {@link #close}s it when done; each {@link Held} value taken from it holds another.
 * The tensors are freed when the last reference goes — so a state fed to the next run stays alive
 * until the run that replaces it has returned.
 */
final class Owner implements AutoCloseable {
  private final AutoCloseable resource;
  private int references = 1;

  private Owner(AutoCloseable resource) {
    this.resource = resource;
  }

  static Owner of(Result result) {
    return new Owner(result);
  }

  static Owner of(List<? extends Tensor> tensors) {
    List<Tensor> copy = List.copyOf(tensors);
    return new Owner(() -> copy.forEach(Tensor::close));
  }

  synchronized Owner retain() {
    if (references == 0) {
      throw new IllegalStateException("these tensors were already freed");
    }
    references++;
    return this;
  }

  /** Drops one reference; the last one frees the tensors. */
  @Override
  public synchronized void close() {
    if (references > 0 && --references == 0) {
      try {
        resource.close();
      } catch (Exception e) {
        throw new IllegalStateException("cannot free TensorFlow tensors", e);
      }
    }
  }
}
