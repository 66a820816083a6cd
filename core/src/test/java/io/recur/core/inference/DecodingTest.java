package io.recur.core.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recur.core.InvalidInputException;
import org.junit.jupiter.api.Test;

class DecodingTest {
  @Test
  void noOptionMeansGreedy() {
    assertEquals(new Greedy(), Decoding.fromOptions(false, null, null, null, null));
    assertEquals(new Greedy(), Decoding.fromOptions(true, null, null, null, null));
  }

  @Test
  void temperatureWithTruncationIsSampling() {
    assertEquals(new Sampling(0.8, 5, 0.9), Decoding.fromOptions(false, 0.8, 5, 0.9, null));
    assertEquals(new Sampling(0.8, 0, 1.0), Decoding.fromOptions(false, 0.8, null, null, null));
    assertEquals(new Sampling(1.0, 40, 1.0), Decoding.fromOptions(false, null, 40, null, null));
  }

  @Test
  void beamHasTheDefaultLengthPenalty() {
    BeamSearch b = (BeamSearch) Decoding.fromOptions(false, null, null, null, 4);
    assertEquals(4, b.width());
    assertEquals(BeamSearch.DEFAULT_LENGTH_PENALTY, b.lengthPenalty());
    assertTrue(b.endToken().isEmpty());
  }

  @Test
  void contradictoryOptionsAreRefusedNamingThem() {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> Decoding.fromOptions(true, null, null, null, 3));
    assertTrue(e.getMessage().contains("--greedy and --beam"), e.getMessage());
    e = assertThrows(InvalidInputException.class, () -> Decoding.fromOptions(false, 0.7, null, null, 3));
    assertTrue(e.getMessage().contains("--temperature and --beam"), e.getMessage());
    e = assertThrows(InvalidInputException.class, () -> Decoding.fromOptions(true, null, 5, null, null));
    assertTrue(e.getMessage().contains("--greedy and --top-k"), e.getMessage());
  }

  @Test
  void outOfRangeValuesAreRefused() {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> Decoding.fromOptions(false, 0.0, null, null, null));
    assertTrue(e.getMessage().contains("temperature must be > 0 and finite (got 0.0)"), e.getMessage());
    e = assertThrows(InvalidInputException.class, () -> Decoding.fromOptions(false, 1.0, 0, null, null));
    assertTrue(e.getMessage().contains("top-k must be >= 1 (got 0)"), e.getMessage());
    e = assertThrows(InvalidInputException.class, () -> Decoding.fromOptions(false, null, null, null, 0));
    assertTrue(e.getMessage().contains("beam width must be > 0 (got 0); pass --beam W"), e.getMessage());
  }
}
