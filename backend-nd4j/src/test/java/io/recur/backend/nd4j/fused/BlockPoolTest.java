package io.recur.backend.nd4j.fused;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Scratch blocks come back for the next pass of the same size, one owner at a time, and the pool keeps a bounded number. */
class BlockPoolTest {
  @Test
  void aGivenBackBlockIsReusedForTheSameLengthOnly() {
    BlockPool pool = new BlockPool();
    FloatBlock a = pool.take(1000);
    assertEquals(1000, a.length());
    FloatBlock b = pool.take(1000);
    assertNotSame(a, b, "a block belongs to one taker");
    pool.give(a);
    assertNotSame(a, pool.take(999));
    assertSame(a, pool.take(1000));
  }

  @Test
  void keepsAtMostEightBlocksOfASize() {
    BlockPool pool = new BlockPool();
    FloatBlock[] blocks = new FloatBlock[10];
    for (int i = 0; i < blocks.length; i++) {
      blocks[i] = pool.take(64);
    }
    pool.give(blocks);
    Set<FloatBlock> back = new HashSet<>();
    for (int i = 0; i < 10; i++) {
      back.add(pool.take(64));
    }
    int reused = 0;
    for (FloatBlock b : blocks) {
      reused += back.contains(b) ? 1 : 0;
    }
    assertEquals(8, reused);
  }

  @Test
  void scratchBlocksHaveNoArray() {
    FloatBlock b = new BlockPool().take(8);
    float[] v = {1, 2, 3, 4, 5, 6, 7, 8};
    b.write(0, v, 8);
    assertEquals(v.length, b.toArray().length);
    assertEquals(5f, b.toArray()[4]);
    assertThrows(IllegalStateException.class, b::array);
  }

  @Test
  void splitsOwnContiguousUnits() {
    Split s = new Split(7, 3);
    assertEquals(0, s.offset(0));
    assertEquals(2, s.size(0));
    assertEquals(2, s.offset(1));
    assertEquals(2, s.size(1));
    assertEquals(4, s.offset(2));
    assertEquals(3, s.size(2));
    assertEquals(false, new Split(7, 1).reorders(4));
    assertEquals(false, s.reorders(1));
    assertEquals(true, s.reorders(3));
    assertThrows(IllegalArgumentException.class, () -> new Split(2, 3));
  }
}
