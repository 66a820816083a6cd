package io.recur.core.check;

import io.recur.core.ops.CellOps;
import io.recur.core.tensor.Shape;
import io.recur.core.tensor.Tensor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@link CellOps} on {@link ReferenceOps} that also record, for every value, which parameters it
 * was computed from — how {@link CellCheck} finds a declared parameter that the step never uses.
 */
final class TracedOps implements CellOps {
  /** A reference value and the names of the parameters it depends on. */
  record Traced(ReferenceOps.Value value, Set<String> params) implements Tensor {
    @Override
    public Shape shape() {
      return value.shape();
    }
  }

  private final ReferenceOps ops = new ReferenceOps();

  static Traced leaf(ReferenceOps.Value value, Set<String> params) {
    return new Traced(value, Set.copyOf(params));
  }

  private static ReferenceOps.Value v(Tensor t) {
    if (t instanceof Traced traced) {
      return traced.value();
    }
    throw new IllegalArgumentException("a tensor these ops did not make (" + t.getClass().getName()
        + "); a step may only use the tensors it is given and the ones its ops return");
  }

  private static Traced of(Tensor value, Tensor... inputs) {
    return of(value, List.of(inputs));
  }

  private static Traced of(Tensor value, List<Tensor> inputs) {
    Set<String> params = new HashSet<>();
    for (Tensor t : inputs) {
      params.addAll(((Traced) t).params());
    }
    return new Traced((ReferenceOps.Value) value, params);
  }

  @Override
  public Tensor linear(Tensor x, Tensor w) {
    return of(ops.linear(v(x), v(w)), x, w);
  }

  @Override
  public Tensor add(Tensor a, Tensor b) {
    return of(ops.add(v(a), v(b)), a, b);
  }

  @Override
  public Tensor sub(Tensor a, Tensor b) {
    return of(ops.sub(v(a), v(b)), a, b);
  }

  @Override
  public Tensor mul(Tensor a, Tensor b) {
    return of(ops.mul(v(a), v(b)), a, b);
  }

  @Override
  public Tensor scale(Tensor a, double factor) {
    return of(ops.scale(v(a), factor), a);
  }

  @Override
  public Tensor oneMinus(Tensor a) {
    return of(ops.oneMinus(v(a)), a);
  }

  @Override
  public Tensor sigmoid(Tensor a) {
    return of(ops.sigmoid(v(a)), a);
  }

  @Override
  public Tensor tanh(Tensor a) {
    return of(ops.tanh(v(a)), a);
  }

  @Override
  public Tensor relu(Tensor a) {
    return of(ops.relu(v(a)), a);
  }

  @Override
  public List<Tensor> split(Tensor a, int parts) {
    List<Tensor> out = new ArrayList<>();
    for (Tensor p : ops.split(v(a), parts)) {
      out.add(of(p, a));
    }
    return out;
  }

  @Override
  public Tensor concat(List<Tensor> parts) {
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("concat: no tensors to join");
    }
    List<Tensor> values = new ArrayList<>();
    for (Tensor p : parts) {
      values.add(v(p));
    }
    return of(ops.concat(values), parts);
  }

  @Override
  public Tensor layerNorm(Tensor a, double epsilon) {
    if (!(epsilon >= 0)) {
      throw new IllegalArgumentException("layerNorm: epsilon must be >= 0 (got " + epsilon + ")");
    }
    return of(ops.layerNorm(v(a), epsilon), a);
  }
}
