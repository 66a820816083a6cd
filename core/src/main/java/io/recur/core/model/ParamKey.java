package io.recur.core.model;

/**
 * The name of one model parameter: a scope ({@code embedding}, {@code layer0}, {@code output})
 * and the name the cell or layer gave it ({@code W_x}). Written as {@code layer0.W_x}.
 */
public record ParamKey(String scope, String name) implements Comparable<ParamKey> {
  public ParamKey {
    if (scope.isBlank() || scope.contains(".") || name.isBlank()) {
      throw new IllegalArgumentException("bad parameter key '" + scope + "." + name + "'");
    }
  }

  public static ParamKey of(String scope, String name) {
    return new ParamKey(scope, name);
  }

  /** Parses {@code scope.name}, the form checkpoints store. */
  public static ParamKey parse(String text) {
    int dot = text.indexOf('.');
    if (dot <= 0 || dot == text.length() - 1) {
      throw new IllegalArgumentException("bad parameter key '" + text + "' (expected scope.name)");
    }
    return new ParamKey(text.substring(0, dot), text.substring(dot + 1));
  }

  @Override
  public int compareTo(ParamKey o) {
    return toString().compareTo(o.toString());
  }

  @Override
  public String toString() {
    return scope + "." + name;
  }
}
