package io.recur.data.stats;

import java.util.Arrays;
import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * Counts the n-grams of one order in an int stream: an open-addressing hash table whose entries
 * are the position of each n-gram's first occurrence in the stream (the n-gram itself is read
 * from there, so memory does not grow with n) and its count. Not thread-safe while filled;
 * reads after that are safe.
 */
final class NgramTable {
  private final int n;
  private final int[] source;
  private long[] counts;
  private int[] first;
  private int mask;
  private int size;

  private NgramTable(int n, int[] source) {
    this.n = n;
    this.source = source;
    int expected = Math.max(16, Math.min(source.length, 1 << 16));
    allocate(Integer.highestOneBit(expected) << 2);
  }

  /**
   * Counts the n-grams of {@code source} that start at positions {@code 0 … end − 1}.
   *
   * @param end at most {@code source.length − n + 1}
   */
  static NgramTable of(int n, int[] source, int end) {
    if (n < 1 || end < 0 || end > Math.max(0, source.length - n + 1)) {
      throw new IllegalArgumentException("cannot count " + n + "-grams up to position " + end + " of " + source.length);
    }
    NgramTable t = new NgramTable(n, source);
    for (int i = 0; i < end; i++) {
      t.add(i);
    }
    return t;
  }

  /** Counts every n-gram of {@code source}. */
  static NgramTable of(int n, int[] source) {
    return of(n, source, Math.max(0, source.length - n + 1));
  }

  int order() {
    return n;
  }

  /** Distinct n-grams seen. */
  int size() {
    return size;
  }

  /** The count of {@code ids[from .. from+n)}, 0 if never seen. */
  long count(int[] ids, int from) {
    return counts[find(ids, from)];
  }

  /** Occupied slots ordered by descending count, ties by first occurrence; at most {@code k}. */
  int[] top(int k) {
    Comparator<Integer> better = (a, b) -> counts[a] != counts[b]
        ? Long.compare(counts[b], counts[a]) : Integer.compare(first[a], first[b]);
    int m = Math.min(k, size);
    if (m == 0) {
      return new int[0];
    }
    PriorityQueue<Integer> kept = new PriorityQueue<>(m, better.reversed());
    for (int s = 0; s < counts.length; s++) {
      if (counts[s] > 0) {
        if (kept.size() < m) {
          kept.add(s);
        } else if (better.compare(s, kept.peek()) < 0) {
          kept.poll();
          kept.add(s);
        }
      }
    }
    int[] out = new int[m];
    for (int i = m - 1; i >= 0; i--) {
      out[i] = kept.poll();
    }
    return out;
  }

  /** The count of every distinct n-gram, in slot order. */
  long[] counts() {
    long[] out = new long[size];
    int j = 0;
    for (long c : counts) {
      if (c > 0) {
        out[j++] = c;
      }
    }
    return out;
  }

  /** The n-gram stored in {@code slot}. */
  int[] key(int slot) {
    return Arrays.copyOfRange(source, first[slot], first[slot] + n);
  }

  long countAt(int slot) {
    return counts[slot];
  }

  private void add(int position) {
    if (2 * (size + 1) > counts.length) {
      grow();
    }
    int slot = find(source, position);
    if (counts[slot] == 0) {
      first[slot] = position;
      size++;
    }
    counts[slot]++;
  }

  private int find(int[] ids, int from) {
    int slot = hash(ids, from) & mask;
    while (counts[slot] != 0 && !matches(slot, ids, from)) {
      slot = (slot + 1) & mask;
    }
    return slot;
  }

  private boolean matches(int slot, int[] ids, int from) {
    int base = first[slot];
    for (int i = 0; i < n; i++) {
      if (source[base + i] != ids[from + i]) {
        return false;
      }
    }
    return true;
  }

  private int hash(int[] ids, int from) {
    long h = 0x9E3779B97F4A7C15L;
    for (int i = 0; i < n; i++) {
      h = (h ^ ids[from + i]) * 0xBF58476D1CE4E5B9L;
      h ^= h >>> 29;
    }
    return (int) (h ^ (h >>> 32));
  }

  private void allocate(int capacity) {
    counts = new long[capacity];
    first = new int[capacity];
    mask = capacity - 1;
  }

  private void grow() {
    long[] oldCounts = counts;
    int[] oldFirst = first;
    allocate(counts.length * 2);
    for (int s = 0; s < oldCounts.length; s++) {
      if (oldCounts[s] != 0) {
        int slot = find(source, oldFirst[s]);
        counts[slot] = oldCounts[s];
        first[slot] = oldFirst[s];
      }
    }
  }
}
