package io.recur.core.sequence;

import java.util.Arrays;

/** An immutable stream of token ids — a corpus after tokenisation and indexing. */
public final class Sequence {
  private final int[] ids;

  private Sequence(int[] ids) {
    this.ids = ids;
  }

  public static Sequence of(int... ids) {
    return new Sequence(ids.clone());
  }

  public int length() {
    return ids.length;
  }

  public int get(int i) {
    return ids[i];
  }

  /** Copies ids {@code [from, to)} into {@code dest} at {@code offset}. */
  public void copy(int from, int to, int[] dest, int offset) {
    System.arraycopy(ids, from, dest, offset, to - from);
  }

  public Sequence slice(int from, int to) {
    return new Sequence(Arrays.copyOfRange(ids, from, to));
  }

  public int[] toArray() {
    return ids.clone();
  }

  /**
   * Splits off the last {@code fraction} of the stream for validation (the cut is at
   * {@code floor(length · (1 - fraction))}, as the textbook's and PyTorch's scripts do).
   *
   * @return {head, tail}
   */
  public Sequence[] splitTail(double fraction) {
    if (!(fraction >= 0 && fraction < 1)) {
      throw new io.recur.core.InvalidInputException("validation fraction must be in [0, 1) (got " + fraction + "); pass --val-fraction F");
    }
    int cut = (int) (ids.length * (1 - fraction));
    return new Sequence[] {slice(0, cut), slice(cut, ids.length)};
  }

  @Override
  public String toString() {
    return "Sequence(" + ids.length + " tokens)";
  }
}
