package io.recur.testkit;

import io.recur.backend.nd4j.Float64Gradients;
import io.recur.core.cell.ParamSpec;
import io.recur.core.cell.Params;
import io.recur.core.cell.RecurrentCell;
import io.recur.core.cell.State;
import io.recur.core.cell.StateSpec;
import io.recur.core.cell.Step;
import io.recur.core.check.GradientCheck;
import io.recur.core.layer.LayerOps;
import io.recur.core.tensor.Tensor;
import io.recur.core.util.Rng;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The gradient of every parameter, of every initial state vector and of the input, from ND4J's
 * tape in float64, against central differences ({@link GradientCheck}): the cell runs
 * {@value #STEPS} steps from a random state, and the loss is the mean squared error of its outputs
 * and of its final state against random targets. Values are random and non-zero (biases too), so
 * a gradient that flows to the wrong place shows.
 */
final class TapeGradientCheck {
  static final int STEPS = 3;
  static final int BATCH = 2;
  static final double TOLERANCE = 1e-5;

  private TapeGradientCheck() {}

  static void run(CellUnderTest c) {
    RecurrentCell cell = c.create(3, 4);
    Rng rng = new Rng(23);
    Map<String, int[]> shapes = new LinkedHashMap<>();
    Map<String, double[]> checked = new LinkedHashMap<>();
    Map<String, double[]> targets = new LinkedHashMap<>();
    for (ParamSpec p : cell.params()) {
      add(shapes, checked, rng, 0.6, "parameter '" + p.name() + "'", p.shape());
    }
    int stateWidth = 0;
    for (StateSpec s : cell.state()) {
      add(shapes, checked, rng, 0.8, "initial state '" + s.name() + "'", BATCH, s.size());
      stateWidth += s.size();
    }
    add(shapes, checked, rng, 1, "input x", STEPS, BATCH, cell.inputSize());
    add(shapes, targets, rng, 0.5, "target output", STEPS, BATCH, cell.hiddenSize());
    add(shapes, targets, rng, 0.5, "target state", BATCH, stateWidth);

    Map<String, long[]> longShapes = new HashMap<>();
    shapes.forEach((k, v) -> longShapes.put(k, Values.longs(v)));
    Float64Gradients tape = new Float64Gradients(ctx -> loss(cell, ctx), longShapes, 0);
    Map<String, double[]> analytic;
    GradientCheck.Report report;
    try {
      analytic = tape.gradients(with(checked, targets));
      report = GradientCheck.defaults().run(checked, analytic, v -> tape.loss(with(v, targets)));
    } catch (RuntimeException e) {
      throw new AssertionError(c.label(cell) + " fails on ND4J's float64 ops: " + e.getMessage(), e);
    }
    GradientCheck.Worst w = report.worst();
    if (!(w.relativeError() <= TOLERANCE)) {
      throw new AssertionError(c.label(cell) + ": the gradient of " + w.name() + " " + Values.shape(shapes.get(w.name())) + " at "
          + Values.position(w.index(), shapes.get(w.name())) + " is " + Values.number(w.analytic()) + " on ND4J's tape but "
          + Values.number(w.numeric()) + " by central differences (relative error " + Values.number(w.relativeError()) + " > "
          + TOLERANCE + "; float64, " + STEPS + " steps from a random state, " + report.checked() + " elements checked); a step "
          + "written with CellOps differentiates correctly unless it is not a pure function of its inputs or sits on a kink");
    }
  }

  private static Tensor loss(RecurrentCell cell, Float64Gradients.Context ctx) {
    LayerOps ops = ctx.ops();
    Params w = n -> ctx.array("parameter '" + n + "'");
    List<Tensor> initial = new ArrayList<>();
    for (StateSpec s : cell.state()) {
      initial.add(ctx.array("initial state '" + s.name() + "'"));
    }
    Step out = ops.recurrent("layer0", cell, w, ctx.array("input x"), new State(initial));
    return ops.add(ops.meanSquaredError(out.output(), ctx.array("target output")),
        ops.meanSquaredError(ops.concat(out.state().values()), ctx.array("target state")));
  }

  private static void add(Map<String, int[]> shapes, Map<String, double[]> into, Rng rng, double scale, String name, int... shape) {
    shapes.put(name, shape);
    into.put(name, Values.uniform(rng, Values.size(shape), scale));
  }

  private static Map<String, double[]> with(Map<String, double[]> a, Map<String, double[]> b) {
    Map<String, double[]> m = new LinkedHashMap<>(a);
    m.putAll(b);
    return m;
  }
}
