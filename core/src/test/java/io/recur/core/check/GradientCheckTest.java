package io.recur.core.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GradientCheckTest {
  /** L = Σ a_i³ + sin(b_0)·b_1. */
  private static double loss(Map<String, double[]> v) {
    double s = 0;
    for (double x : v.get("a")) {
      s += x * x * x;
    }
    return s + Math.sin(v.get("b")[0]) * v.get("b")[1];
  }

  private static Map<String, double[]> values() {
    Map<String, double[]> v = new LinkedHashMap<>();
    v.put("a", new double[] {0.5, -1.25, 2});
    v.put("b", new double[] {0.3, 1.7});
    return v;
  }

  private static Map<String, double[]> gradient(Map<String, double[]> v) {
    double[] a = v.get("a");
    double[] b = v.get("b");
    double[] ga = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      ga[i] = 3 * a[i] * a[i];
    }
    return Map.of("a", ga, "b", new double[] {Math.cos(b[0]) * b[1], Math.sin(b[0])});
  }

  @Test
  void a_correct_gradient_passes_and_every_element_is_checked() {
    Map<String, double[]> v = values();
    GradientCheck.Report r = GradientCheck.defaults().assertWithin(1e-8, v, gradient(v), GradientCheckTest::loss);
    assertEquals(5, r.checked());
    assertTrue(r.worst().relativeError() < 1e-8);
    assertEquals(values().get("a")[2], v.get("a")[2], 0.0, "values are restored");
  }

  @Test
  void a_wrong_element_is_named() {
    Map<String, double[]> v = values();
    Map<String, double[]> g = new LinkedHashMap<>(gradient(v));
    g.put("b", new double[] {g.get("b")[0], g.get("b")[1] * 1.01});
    AssertionError e = assertThrows(AssertionError.class,
        () -> GradientCheck.defaults().assertWithin(1e-5, v, g, GradientCheckTest::loss));
    assertTrue(e.getMessage().contains("b[1]"), e.getMessage());
  }

  @Test
  void large_arrays_are_sampled_including_both_ends() {
    Map<String, double[]> v = new LinkedHashMap<>();
    v.put("a", new double[1000]);
    v.put("b", new double[] {0.3, 1.7});
    GradientCheck.Report r = new GradientCheck(1e-5, 1e-5, 10, 3).run(v, gradient(v), GradientCheckTest::loss);
    assertEquals(12, r.checked());
  }
}
