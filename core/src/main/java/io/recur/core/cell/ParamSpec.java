package io.recur.core.cell;

import io.recur.core.ops.Initializer;
import java.util.Arrays;
import java.util.Optional;

/**
 * One parameter of a cell: its name, its shape (row-major; weights are {@code [out, in]}), its
 * role, and optionally its own initialiser. Without one, weights take the model's scheme
 * ({@code --init}) and biases start at zero.
 */
public record ParamSpec(String name, int[] shape, Role role, Optional<Initializer> initializer) {
  /** What a parameter is for; decides its default initialiser. */
  public enum Role {
    WEIGHT,
    BIAS
  }

  public ParamSpec {
    if (name == null || name.isBlank() || name.contains(".")) {
      throw new IllegalArgumentException("parameter name must be non-blank and contain no '.' (got '" + name + "')");
    }
    shape = shape.clone();
    for (int d : shape) {
      if (d <= 0) {
        throw new IllegalArgumentException("parameter '" + name + "' has a non-positive dimension: " + Arrays.toString(shape));
      }
    }
  }

  /** A weight {@code [rows, cols]}: maps {@code cols} inputs to {@code rows} outputs. */
  public static ParamSpec weight(String name, int rows, int cols) {
    return new ParamSpec(name, new int[] {rows, cols}, Role.WEIGHT, Optional.empty());
  }

  /** A bias or per-unit vector {@code [size]}. */
  public static ParamSpec bias(String name, int size) {
    return new ParamSpec(name, new int[] {size}, Role.BIAS, Optional.empty());
  }

  public ParamSpec initializedWith(Initializer init) {
    return new ParamSpec(name, shape, role, Optional.of(init));
  }

  @Override
  public int[] shape() {
    return shape.clone();
  }

  public int size() {
    int n = 1;
    for (int d : shape) {
      n *= d;
    }
    return n;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ParamSpec p && name.equals(p.name) && Arrays.equals(shape, p.shape) && role == p.role;
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + Arrays.hashCode(shape);
  }

  @Override
  public String toString() {
    return name + Arrays.toString(shape);
  }
}
