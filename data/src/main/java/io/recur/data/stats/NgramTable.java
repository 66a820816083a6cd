package io.recur.data.stats;

import java.util.Arrays;
import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * Counts the n-grams of one order over int ids: an open-addressing hash table whose keys are
 * stored inline ({@code n} ints per slot), with each n-gram's count and the position of its
 * first occurrence. Not thread-safe; filled once, then read.
 */
final class NgramTable {
  private final int n;
  private int[] keys;
  private long[] counts;
  private int[] first;
  private int mask;
  private int size;

  NgramTable(int n, int expected) {
    if (n < 1) {
      throw new IllegalArgumentException("n must be >= 1 (got " + n + ")");
    }
    this.n = n;
    int capacity = Integer.highestOneBit(Math.max(16, expected) * 2 - 1) << 1;
    allocate(capacity);
  }

  /** Counts every n-gram of {@code ids} (positions 0 … length − n). */
  static NgramTable of(int n, int[] ids) {
    NgramTable t = new NgramTable(n, Math.min(ids.length, 1 << 20));
    for (int i = 0; i + n <= ids.length; i++) {
      t.add(ids, i, i);
    }
    return t;
  }

  int order() {
    return n;
  }

  /** Distinct n-grams seen. */
  int size() {
    return size;
  }

  /** Adds one occurrence of {@code ids[from .. from+n)}, first seen at {@code position}. */
  void add(int[] ids, int from, int position) {
    if (2 * (size + 1) > counts.length) {
      grow();
    }
    int slot = find(keys, counts, mask, ids, from);
    if (counts[slot] == 0) {
      System.arraycopy(ids, from, keys, slot * n, n);
      first[slot] = position;
      size++;
    }
    counts[slot]++;
  }

  /** The count of {@code ids[from .. from+n)}, 0 if never seen. */
  long count(int[] ids, int from) {
    return counts[find(keys, counts, mask, ids, from)];
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
    return Arrays.copyOfRange(keys, slot * n, slot * n + n);
  }

  long countAt(int slot) {
    return counts[slot];
  }

  private int find(int[] ks, long[] cs, int m, int[] ids, int from) {
    int slot = hash(ids, from) & m;
    while (cs[slot] != 0 && !matches(ks, slot, ids, from)) {
      slot = (slot + 1) & m;
    }
    return slot;
  }

  private boolean matches(int[] ks, int slot, int[] ids, int from) {
    int base = slot * n;
    for (int i = 0; i < n; i++) {
      if (ks[base + i] != ids[from + i]) {
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
    keys = new int[capacity * n];
    counts = new long[capacity];
    first = new int[capacity];
    mask = capacity - 1;
  }

  private void grow() {
    int[] oldKeys = keys;
    long[] oldCounts = counts;
    int[] oldFirst = first;
    allocate(counts.length * 2);
    for (int s = 0; s < oldCounts.length; s++) {
      if (oldCounts[s] != 0) {
        int slot = find(keys, counts, mask, oldKeys, s * n);
        System.arraycopy(oldKeys, s * n, keys, slot * n, n);
        counts[slot] = oldCounts[s];
        first[slot] = oldFirst[s];
      }
    }
  }
}
