package io.recur.examples.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TimeAxisTest {
  @Test
  void datesBecomeFractionalYears() {
    TimeAxis a = TimeAxis.of(List.of("19580329", "1958-12-31", "20000101"), 3);
    assertEquals("year", a.title());
    assertArrayEquals(new double[] {1958 + 87 / 365.0, 1958 + 364 / 365.0, 2000}, a.x(), 1e-12);
  }

  @Test
  void numbersStayNumbersAndAnythingElseIsTheIndex() {
    assertArrayEquals(new double[] {1700, 1701}, TimeAxis.of(List.of("1700", " 1701 "), 2).x());
    assertEquals("time", TimeAxis.of(List.of("1700", "1701"), 2).title());
    TimeAxis text = TimeAxis.of(List.of("Jan", "Feb", "Mar"), 3);
    assertEquals("t", text.title());
    assertArrayEquals(new double[] {0, 1, 2}, text.x());
    assertArrayEquals(new double[] {0, 1}, TimeAxis.of(List.of(), 2).x());
    assertArrayEquals(new double[] {19581399, 1959}, TimeAxis.of(List.of("19581399", "1959"), 2).x(), "not a date: a number");
    assertArrayEquals(new double[] {0, 1}, TimeAxis.of(List.of("1958", "late"), 2).x());
  }
}
