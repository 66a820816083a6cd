package io.recur.backend.nd4j;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The off-heap arrays one forward/backward pass allocated, freed together when the pass is done
 * instead of whenever the garbage collector gets to them. Only arrays that own their buffer are
 * freed; views are skipped. Whatever must outlive the pass is copied out first.
 */
final class Arena implements AutoCloseable {
  private final Set<INDArray> arrays = Collections.newSetFromMap(new IdentityHashMap<>());

  /** Registers a freshly allocated array (never a view or a caller's array) and returns it. */
  INDArray track(INDArray a) {
    arrays.add(a);
    return a;
  }

  /** Whether {@code a} was allocated during this pass (as opposed to a parameter or carried state). */
  boolean owns(INDArray a) {
    return arrays.contains(a);
  }

  @Override
  public void close() {
    for (INDArray a : arrays) {
      if (!a.wasClosed() && a.closeable()) {
        a.close();
      }
    }
    arrays.clear();
  }
}
