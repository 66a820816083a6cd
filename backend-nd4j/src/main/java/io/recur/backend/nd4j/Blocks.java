package io.recur.backend.nd4j;

import io.recur.core.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Splitting the last axis into equal blocks and joining blocks back, for {@link Nd4jOps}. The
 * blocks of a split are views; their gradients come back as one concatenation (zeros for blocks
 * that received none), so a cell's gates cost one op on the way back.
 */
final class Blocks {
  private Blocks() {}

  static List<Tensor> split(Nd4jOps ops, Tensor at, int parts) {
    Nd4jTensor a = Nd4jOps.t(at);
    long n = a.value().size(-1);
    if (parts <= 0 || n % parts != 0) {
      throw new IllegalArgumentException("cannot split the last axis of " + a.shape() + " into " + parts + " equal parts");
    }
    long w = n / parts;
    List<INDArray> views = new ArrayList<>(parts);
    for (int p = 0; p < parts; p++) {
      views.add(a.value().get(lastAxis(a.value().rank(), p * w, (p + 1) * w)));
    }
    if (ops.tape() == null || !a.tracked()) {
      return views.stream().<Tensor>map(Nd4jTensor::constant).toList();
    }
    int[] ids = ops.tape().recordGroup(parts, (gs, into) -> {
      INDArray[] full = new INDArray[parts];
      for (int p = 0; p < parts; p++) {
        full[p] = gs.get(p) != null ? gs.get(p) : ops.arena().track(Nd4j.zeros(ops.dtype(), views.get(p).shape()));
      }
      into.add(a, Nd4j.concat(a.value().rank() - 1, full));
    });
    List<Tensor> out = new ArrayList<>(parts);
    for (int p = 0; p < parts; p++) {
      out.add(new Nd4jTensor(views.get(p), ids[p]));
    }
    return out;
  }

  static Tensor concat(Nd4jOps ops, List<Tensor> parts) {
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("concat needs at least one tensor");
    }
    List<Nd4jTensor> ps = parts.stream().map(Nd4jOps::t).toList();
    int axis = ps.get(0).value().rank() - 1;
    INDArray y = Nd4j.concat(axis, ps.stream().map(Nd4jTensor::value).toArray(INDArray[]::new));
    return ops.result(y, (g, into) -> {
      long off = 0;
      for (Nd4jTensor p : ps) {
        long w = p.value().size(-1);
        into.share(p, g.get(lastAxis(g.rank(), off, off + w)));
        off += w;
      }
    }, ps.toArray(Nd4jTensor[]::new));
  }

  static INDArrayIndex[] lastAxis(int rank, long from, long to) {
    INDArrayIndex[] idx = new INDArrayIndex[rank];
    Arrays.fill(idx, NDArrayIndex.all());
    idx[rank - 1] = NDArrayIndex.interval(from, to);
    return idx;
  }
}
