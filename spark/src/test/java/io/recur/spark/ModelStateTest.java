package io.recur.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.recur.core.model.FloatArray;
import io.recur.core.model.ParamKey;
import io.recur.core.model.ParameterSet;
import io.recur.core.optim.OptimizerState;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelStateTest {
  private static final ParamKey W = ParamKey.of("layer0", "W");
  private static final ParamKey B = ParamKey.of("output", "b");

  private static ParameterSet set(float[] w, float[] b) {
    return new ParameterSet(Map.of(W, new FloatArray(new int[] {2, 2}, w), B, new FloatArray(new int[] {2}, b)));
  }

  private static ModelState adam(long step, float shift) {
    ParameterSet p = set(new float[] {1 + shift, 2, 3, 4}, new float[] {shift, -shift});
    ParameterSet m = set(new float[] {shift, 0, 0, 0}, new float[] {0, 0});
    ParameterSet v = set(new float[] {shift * shift, 1, 1, 1}, new float[] {1, 1});
    return ModelState.of(p, new OptimizerState("adam", step, Map.of("m", m, "v", v)));
  }

  @Test
  void averagesParametersAndEveryOptimizerSlotElementWiseAndKeepsTheStepCount() {
    ModelState mean = ModelState.average(List.of(adam(7, 1), adam(7, 3)));

    assertArrayEquals(new float[] {3, 2, 3, 4}, mean.parameters().get(W).data());
    assertArrayEquals(new float[] {2, -2}, mean.parameters().get(B).data());
    assertArrayEquals(new int[] {2, 2}, mean.parameters().get(W).shape());
    OptimizerState opt = mean.optimizerState();
    assertEquals("adam", opt.optimizer());
    assertEquals(7, opt.step());
    assertArrayEquals(new float[] {2, 0, 0, 0}, opt.slots().get("m").get(W).data());
    assertArrayEquals(new float[] {5, 1, 1, 1}, opt.slots().get("v").get(W).data());
  }

  @Test
  void roundTripsAndOneStateAveragesToItself() {
    ModelState one = adam(3, 0.1f);
    assertEquals(one.parameters().asMap(), ModelState.average(List.of(one)).parameters().asMap());
    assertEquals(one.optimizerState().slots().get("v").asMap(),
        ModelState.average(List.of(one)).optimizerState().slots().get("v").asMap());
  }

  @Test
  void refusesWorkersThatAreNotInLockstep() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> ModelState.average(List.of(adam(7, 1), adam(8, 1))));
    assertEquals("workers returned different model states (steps 7 and 8); they must train in lockstep", e.getMessage());
  }

  @Test
  void travelsThroughJavaSerializationUnchanged() throws Exception {
    ModelState state = adam(5, 0.25f);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(state);
    }
    ModelState back;
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      back = (ModelState) in.readObject();
    }

    assertEquals(state.parameters().asMap(), back.parameters().asMap());
    assertEquals(5, back.step());
    for (String slot : List.of("m", "v")) {
      assertEquals(state.optimizerState().slots().get(slot).asMap(), back.optimizerState().slots().get(slot).asMap());
    }
    assertEquals(List.copyOf(state.parameters().keys()), List.copyOf(back.parameters().keys()));
  }
}
