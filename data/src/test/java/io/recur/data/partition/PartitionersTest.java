package io.recur.data.partition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recur.core.InvalidInputException;
import org.junit.jupiter.api.Test;

class PartitionersTest {
  @Test
  void everyNameGivesThePartitionerOfThatName() {
    for (String name : Partitioners.NAMES) {
      assertEquals(name, Partitioners.byName(name).name());
    }
    assertFalse(Partitioners.byName("random").carriesState());
    assertTrue(Partitioners.byName("sequential").carriesState());
    assertTrue(Partitioners.evaluation().carriesState());
  }

  @Test
  void anUnknownNameListsTheKnownOnes() {
    assertEquals("unknown partitioning 'shuffled'; available: [sequential, random, offsets, batchify]; set --partition",
        assertThrows(InvalidInputException.class, () -> Partitioners.byName("shuffled")).getMessage());
  }
}
