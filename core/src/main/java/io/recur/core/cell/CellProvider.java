package io.recur.core.cell;

/**
 * A cell factory registered under a short name ({@code --cell mgu}) through
 * {@link java.util.ServiceLoader}: list the implementing class (public, with a public no-argument
 * constructor) in {@code META-INF/services/io.recur.core.cell.CellProvider} of the jar or class
 * directory that holds the cell. The built-in cells are registered the same way.
 */
public interface CellProvider extends CellFactory {
  /** The short name: lower-case letters, digits and '-', starting with a letter ({@code mgu}, {@code layernorm-lstm}). */
  String name();
}
