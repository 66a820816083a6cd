package io.recur.core.check;

import io.recur.core.InvalidInputException;
import io.recur.core.cell.CellConfig;
import io.recur.core.cell.CellFactory;
import io.recur.core.cell.CellOptions;
import io.recur.core.cell.ParamSpec;
import io.recur.core.cell.Params;
import io.recur.core.cell.RecurrentCell;
import io.recur.core.cell.State;
import io.recur.core.cell.StateSpec;
import io.recur.core.cell.Step;
import io.recur.core.ops.Initializers;
import io.recur.core.tensor.Shape;
import io.recur.core.tensor.Tensor;
import io.recur.core.util.Rng;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a cell when a model is built, so that a mistake in a custom cell is reported naming the
 * cell and what is wrong — never deep inside a backend. {@link #declarations} compares what the
 * cell reports with what it was made for; {@link #dryRun} runs two steps of it on float64
 * {@link ReferenceOps} at batch {@value #BATCH}, from zero state, with initial parameters (the
 * cell's own initialisers, else Xavier weights and zero biases), and finds an op used with shapes
 * that do not fit, an output or state whose shape differs from the declaration, a declared
 * parameter the step never uses, and a non-finite value at initialisation. Failures are
 * {@link InvalidInputException}s of one line, with the line of the cell's code where an op failed.
 */
public final class CellCheck {
  /** The batch of a dry run. */
  public static final int BATCH = 2;
  /** The sizes a dry run makes the cell at, when its factory accepts them: small, and distinct. */
  public static final int TINY_INPUT = 3;
  public static final int TINY_HIDDEN = 4;

  private CellCheck() {}

  /**
   * Checks that {@code cell} reports the sizes it was made for, declares at least one state vector,
   * and names its parameters and states once each.
   *
   * @param name the name the cell was asked for by ({@code mgu}, {@code com.acme.MguCell})
   */
  public static void declarations(String name, RecurrentCell cell, int inputSize, int hiddenSize) {
    if (cell.inputSize() != inputSize || cell.hiddenSize() != hiddenSize) {
      throw fail(name, cell, "was asked for sizes (" + inputSize + ", " + hiddenSize + ") but reports (" + cell.inputSize()
          + ", " + cell.hiddenSize() + "); make inputSize() and hiddenSize() return the sizes it was made with");
    }
    if (cell.state().isEmpty()) {
      throw fail(name, cell, "declares no state; a recurrent cell carries at least one state vector (StateSpec.of(\"h\", hidden))");
    }
    Set<String> seen = new HashSet<>();
    for (ParamSpec p : cell.params()) {
      if (!seen.add(p.name())) {
        throw fail(name, cell, "declares parameter '" + p.name() + "' twice; give each parameter its own name");
      }
    }
    seen.clear();
    for (StateSpec s : cell.state()) {
      if (!seen.add(s.name())) {
        throw fail(name, cell, "declares state '" + s.name() + "' twice; give each state vector its own name");
      }
    }
  }

  /**
   * Dry-runs the cell {@code factory} makes with {@code options} at {@link #TINY_INPUT} →
   * {@link #TINY_HIDDEN}, or {@code fallback} (a cell at the model's sizes) when the factory
   * refuses those sizes.
   */
  public static void dryRun(String name, CellFactory factory, CellOptions options, RecurrentCell fallback) {
    RecurrentCell tiny;
    try {
      tiny = factory.create(new CellConfig(TINY_INPUT, TINY_HIDDEN, options));
    } catch (RuntimeException e) {
      tiny = fallback;
    }
    dryRun(name, tiny);
  }

  /** Runs two steps of {@code cell} and checks them against its declarations (see the class comment). */
  public static void dryRun(String name, RecurrentCell cell) {
    declarations(name, cell, cell.inputSize(), cell.hiddenSize());
    Rng rng = new Rng(0);
    Map<String, Tensor> params = new LinkedHashMap<>();
    for (ParamSpec p : cell.params()) {
      float[] values = p.initializer().orElse(p.role() == ParamSpec.Role.WEIGHT ? Initializers.xavier() : Initializers.zeros())
          .initialize(p.shape(), rng.fork(p.name()));
      params.put(p.name(), TracedOps.leaf(ReferenceOps.of(values, p.shape()), Set.of(p.name())));
    }
    List<String> declared = List.copyOf(params.keySet());
    Params w = n -> {
      Tensor t = params.get(n);
      if (t == null) {
        throw new IllegalArgumentException("step asks for parameter '" + n + "', which the cell does not declare; declared: "
            + declared);
      }
      return t;
    };
    List<Tensor> zeros = new ArrayList<>();
    for (StateSpec s : cell.state()) {
      zeros.add(TracedOps.leaf(ReferenceOps.zeros(BATCH, s.size()), Set.of()));
    }
    TracedOps ops = new TracedOps();
    Set<String> used = new HashSet<>();
    State state = new State(zeros);
    for (int t = 1; t <= 2; t++) {
      Step out = step(name, cell, ops, w, input(rng, cell.inputSize()), state, t);
      used.addAll(((TracedOps.Traced) out.output()).params());
      for (Tensor s : out.state().values()) {
        used.addAll(((TracedOps.Traced) s).params());
      }
      state = out.state();
    }
    List<String> unused = declared.stream().filter(p -> !used.contains(p)).toList();
    if (!unused.isEmpty()) {
      throw fail(name, cell, "declares parameter" + (unused.size() > 1 ? "s " : " ") + describe(cell, unused)
          + " but its step never uses " + (unused.size() > 1 ? "them" : "it") + "; use it in step() or drop it from params()");
    }
  }

  private static Tensor input(Rng rng, int size) {
    double[] x = new double[BATCH * size];
    for (int i = 0; i < x.length; i++) {
      x[i] = 2 * rng.nextDouble() - 1;
    }
    return TracedOps.leaf(ReferenceOps.of(x, BATCH, size), Set.of());
  }

  private static Step step(String name, RecurrentCell cell, TracedOps ops, Params w, Tensor x, State s, int t) {
    Step out;
    try {
      out = cell.step(ops, w, x, s);
    } catch (RuntimeException e) {
      throw fail(name, cell, "step " + t + " of a dry run failed: " + e.getMessage() + where(cell, e)
          + "; fix the cell's step", e);
    }
    String when = (t == 1 ? "at initialisation (step 1 from zero state" : "at initialisation (step 2") + " of a dry run)";
    if (out == null || out.output() == null || out.state() == null) {
      throw fail(name, cell, "step returned no output or no state; return new Step(output, State.of(...))");
    }
    List<StateSpec> specs = cell.state();
    if (out.state().size() != specs.size()) {
      throw fail(name, cell, "step returned " + out.state().size() + " state tensor" + (out.state().size() == 1 ? "" : "s")
          + " but the cell declares " + specs.size() + " " + specs.stream().map(StateSpec::name).toList()
          + "; return one per state() entry, in order");
    }
    check(name, cell, "output", out.output(), cell.hiddenSize(), "hiddenSize", when);
    for (int i = 0; i < specs.size(); i++) {
      check(name, cell, "state '" + specs.get(i).name() + "'", out.state().get(i), specs.get(i).size(), "its StateSpec size", when);
    }
    return out;
  }

  private static void check(String name, RecurrentCell cell, String what, Tensor t, int size, String declared, String when) {
    if (!(t instanceof TracedOps.Traced traced)) {
      throw fail(name, cell, "step returned as its " + what + " a tensor its ops did not make ("
          + (t == null ? "null" : t.getClass().getName()) + "); return what the ops compute");
    }
    Shape expected = Shape.of(BATCH, size);
    if (!expected.equals(t.shape())) {
      throw fail(name, cell, "step returned " + what + " of shape " + t.shape() + " but the cell declares [B, " + size + "] ("
          + declared + "), here " + expected + "; make step() and state() agree");
    }
    for (double v : traced.value().data()) {
      if (!Double.isFinite(v)) {
        throw fail(name, cell, "step returns " + (Double.isNaN(v) ? "NaN" : "an infinite value") + " in its " + what + " "
            + when + "; guard divisions and logarithms (e.g. layerNorm needs epsilon > 0 on a zero state)");
      }
    }
  }

  private static String describe(RecurrentCell cell, List<String> names) {
    List<String> out = new ArrayList<>();
    for (ParamSpec p : cell.params()) {
      if (names.contains(p.name())) {
        out.add("'" + p.name() + "' " + Shape.of(Arrays.stream(p.shape()).asLongStream().toArray()));
      }
    }
    return String.join(", ", out);
  }

  /** The first line of the cell's own code in {@code e}'s stack trace, as {@code " (at MguCell.step(MguCell.java:42))"}. */
  private static String where(RecurrentCell cell, Throwable e) {
    String type = cell.getClass().getName();
    for (StackTraceElement f : e.getStackTrace()) {
      if (f.getClassName().equals(type) || f.getClassName().startsWith(type + "$")) {
        String simple = f.getClassName().substring(f.getClassName().lastIndexOf('.') + 1);
        return " (at " + simple + "." + f.getMethodName() + "(" + f.getFileName() + ":" + f.getLineNumber() + "))";
      }
    }
    return "";
  }

  private static InvalidInputException fail(String name, RecurrentCell cell, String problem) {
    return new InvalidInputException(prefix(name, cell) + problem);
  }

  private static InvalidInputException fail(String name, RecurrentCell cell, String problem, Throwable cause) {
    return new InvalidInputException(prefix(name, cell) + problem, cause);
  }

  private static String prefix(String name, RecurrentCell cell) {
    return "cell '" + name + "' (" + cell + ") ";
  }
}
