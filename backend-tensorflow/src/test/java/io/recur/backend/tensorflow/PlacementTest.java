package io.recur.backend.tensorflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recur.core.InvalidInputException;
import io.recur.core.config.Device;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.proto.ConfigProto;

/** The one place that decides the device, for every answer TensorFlow may give about GPUs (no GPU needed). */
class PlacementTest {
  private static final List<String> NONE = List.of();
  private static final List<String> ONE = List.of("/job:localhost/replica:0/task:0/device:GPU:0");

  @Test
  void cpu_hides_every_gpu_and_sets_the_threads() {
    Placement p = Placement.choose(Device.CPU, ONE);
    assertFalse(p.onGpu());
    ConfigProto c = p.config(3);
    assertEquals(Map.of("GPU", 0), c.getDeviceCountMap());
    assertEquals(3, c.getIntraOpParallelismThreads());
    assertEquals(1, c.getInterOpParallelismThreads());
    assertEquals("CPU (asked for the CPU)", p.describe());
  }

  @Test
  void auto_takes_a_visible_gpu_and_says_so() {
    Placement p = Placement.choose(Device.AUTO, ONE);
    assertTrue(p.onGpu());
    ConfigProto c = p.config(1);
    assertTrue(c.getDeviceCountMap().isEmpty(), "no device hidden");
    assertTrue(c.getAllowSoftPlacement(), "ops without a GPU kernel stay on the CPU");
    assertTrue(c.getGpuOptions().getAllowGrowth(), "memory as needed, not all of it");
    assertEquals("GPU " + ONE.get(0) + " (auto: the first GPU TensorFlow sees)", p.describe());
  }

  @Test
  void auto_without_a_gpu_falls_back_to_the_cpu_and_says_so() {
    Placement p = Placement.choose(Device.AUTO, NONE);
    assertFalse(p.onGpu());
    assertEquals(Map.of("GPU", 0), p.config(1).getDeviceCountMap());
    assertEquals("CPU (auto: TensorFlow sees no GPU)", p.describe());
  }

  @Test
  void gpu_without_one_is_refused_in_one_line_with_the_fix() {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> Placement.choose(Device.GPU, NONE));
    assertFalse(e.getMessage().contains("\n"));
    assertTrue(e.getMessage().contains("sees no GPU") && e.getMessage().contains("device auto or cpu"), e.getMessage());
    assertTrue(Placement.choose(Device.GPU, ONE).onGpu());
  }
}
