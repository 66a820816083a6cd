package io.recur.core.cell;

import io.recur.core.ops.CellOps;
import io.recur.core.tensor.Tensor;
import java.util.List;

/**
 * One step of a recurrent network: {@code (x_t, state_{t-1}) → (y_t, state_t)}.
 *
 * <p>A cell is an immutable class holding sizes only. It declares its parameters
 * ({@link #params()}) and state ({@link #state()}), and computes one step with the ops it is
 * given — nothing else. That one method is all a backend needs to train the cell (with
 * automatic differentiation) and all the ONNX exporter needs to export it.
 *
 * <p><b>The rule for custom cells:</b> a cell named on the command line by class name
 * ({@code --cell com.acme.MguCell}, found on {@code --classpath}) is made through its public static
 * nested {@link CellFactory} if it has one (the way to take options), else through a public
 * constructor {@code (CellConfig)} or {@code (int inputSize, int hiddenSize)}. A short name
 * ({@code --cell mgu}) is registered by a {@link CellProvider} listed in
 * {@code META-INF/services/io.recur.core.cell.CellProvider}. {@link AbstractCell} holds the sizes.
 * When a model is built, {@link io.recur.core.check.CellCheck} checks the cell's declarations
 * against a dry run of its step.
 *
 * <p>Shapes inside {@link #step}: {@code x} is {@code [B, inputSize]}, each state tensor
 * {@code [B, size]} as declared, and the output {@code [B, hiddenSize]}.
 */
public interface RecurrentCell {
  int inputSize();

  /** Width of the output {@code y_t}. */
  int hiddenSize();

  /** The parameters, in a fixed order; names are unique within the cell. */
  List<ParamSpec> params();

  /** The carried state, in the order {@link State} holds it. */
  List<StateSpec> state();

  /**
   * Computes one time step.
   *
   * @param w the cell's parameters, by the names declared in {@link #params()}
   * @param x the input at this step, {@code [B, inputSize]}
   * @param s the state after the previous step, one tensor per {@link #state()} entry
   * @return the output {@code [B, hiddenSize]} and the new state
   */
  Step step(CellOps ops, Params w, Tensor x, State s);
}
