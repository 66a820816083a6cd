package io.recur.core.cell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recur.core.InvalidInputException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CellOptionsTest {
  @Test
  void parsesSortsAndReadsTypedValues() {
    CellOptions o = CellOptions.parse(List.of("zeta=relu", "forget_bias = 1.5"));
    assertEquals(List.of("forget_bias", "zeta"), List.copyOf(o.values().keySet()));
    assertEquals(1.5, o.number("forget_bias", 0));
    assertEquals(7, o.number("absent", 7));
    assertEquals("relu", o.text("zeta", "tanh"));
  }

  @Test
  void badOptionsAreRefusedWithTheFix() {
    assertTrue(assertThrows(InvalidInputException.class, () -> CellOptions.parse(List.of("forget_bias")))
        .getMessage().contains("KEY=VALUE"));
    assertThrows(InvalidInputException.class, () -> CellOptions.parse(List.of("a=1", "a=2")));
    assertThrows(InvalidInputException.class, () -> CellOptions.parse(List.of("1a=1")));
    assertThrows(InvalidInputException.class, () -> new CellOptions(Map.of("a", " ")));
    var nan = assertThrows(InvalidInputException.class, () -> CellOptions.parse(List.of("forget_bias=NaN")).number("forget_bias", 0));
    assertTrue(nan.getMessage().contains("not a finite number"), nan.getMessage());
  }

  @Test
  void aCellRefusesOptionsItDoesNotTake() {
    CellRegistry r = CellRegistry.withBuiltIns();
    var e = assertThrows(InvalidInputException.class,
        () -> r.resolve("gru").create(new CellConfig(3, 2, CellOptions.parse(List.of("forget_bias=1")))));
    assertTrue(e.getMessage().contains("has no option 'forget_bias'") && e.getMessage().contains("none"), e.getMessage());
    var lstm = assertThrows(InvalidInputException.class,
        () -> r.resolve("lstm").create(new CellConfig(3, 2, CellOptions.parse(List.of("forget=1")))));
    assertTrue(lstm.getMessage().contains("[forget_bias]"), lstm.getMessage());
    assertEquals(Set.of("forget_bias"), new LstmCell.Factory().options());
  }
}
