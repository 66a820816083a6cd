package io.recur.backend.nd4j.fused;

import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Scratch blocks kept for the next pass of the same shape. Allocating large off-heap arrays per
 * pass is slow (ND4J and the JDK release them only after a garbage collection, so a busy loop
 * pays for collections: 5–20 ms for a 4.6 MB ND4J array), so a pass takes its working memory here
 * and gives it back when it is done with it. A block belongs to one pass at a time; the pool is
 * thread-safe and keeps at most a few blocks of each of the most recently used sizes.
 */
final class BlockPool {
  private static final int BLOCKS_PER_SIZE = 8;
  private static final int SIZES = 16;

  private final Map<Long, ArrayDeque<FloatBlock>> free = new LinkedHashMap<>(SIZES, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<Long, ArrayDeque<FloatBlock>> eldest) {
      return size() > SIZES;
    }
  };

  /** A block of exactly {@code length} floats, uninitialised. */
  synchronized FloatBlock take(long length) {
    ArrayDeque<FloatBlock> blocks = free.get(length);
    FloatBlock b = blocks == null ? null : blocks.poll();
    return b != null ? b : FloatBlock.scratch(length);
  }

  /** Gives blocks back; none of them may be used by the giver afterwards. */
  synchronized void give(FloatBlock... blocks) {
    for (FloatBlock b : blocks) {
      ArrayDeque<FloatBlock> q = free.computeIfAbsent(b.length(), k -> new ArrayDeque<>());
      if (q.size() < BLOCKS_PER_SIZE) {
        q.push(b);
      }
    }
  }
}
