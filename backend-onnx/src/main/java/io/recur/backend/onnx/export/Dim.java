package io.recur.backend.onnx.export;

/**
 * One dimension of a graph input or output: a fixed size, or a symbol such as {@code batch} or
 * {@code time} that callers choose at run time.
 */
public record Dim(long size, String symbol) {
  /** The batch dimension. */
  public static final Dim BATCH = symbol("batch");
  /** The time (sequence) dimension. */
  public static final Dim TIME = symbol("time");

  public Dim {
    if (symbol == null ? size <= 0 : symbol.isBlank()) {
      throw new IllegalArgumentException("a dimension is a positive size or a non-blank symbol (got " + size + ", " + symbol + ")");
    }
  }

  public static Dim of(long size) {
    return new Dim(size, null);
  }

  public static Dim symbol(String name) {
    return new Dim(0, name);
  }

  public boolean symbolic() {
    return symbol != null;
  }
}
