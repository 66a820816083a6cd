package io.recur.backend.nd4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A reverse-mode gradient tape. Every op that reads a tracked value records one entry with the
 * closure that turns its output's gradient into its inputs' gradients; {@link #backward} replays
 * the entries newest first. Entries are numbered in creation order, and an entry's inputs are
 * always older than it, so when an entry is reached its gradient is complete.
 *
 * <p>Gradients are accumulated per entry. A gradient handed over with
 * {@link Gradients#share} (a view of another gradient, or the very array another input
 * received) is never written to; the first further contribution replaces it with a fresh sum.
 * A leaf may instead have a {@link ParamGradient} sink (a training session's persistent gradient
 * of a parameter): its contributions go straight there, and an embedding's row contributions
 * ({@link Gradients#addRows}) keep it row-sparse.
 */
final class Tape {
  /** Propagates the gradient of one entry's output to the entry's inputs. */
  @FunctionalInterface
  interface Backward {
    void apply(INDArray gradient, Gradients into);
  }

  /** Propagates the gradients of an op with several outputs; entries of the list may be null (zero). */
  @FunctionalInterface
  interface GroupBackward {
    void apply(List<INDArray> gradients, Gradients into);
  }

  /** The entry of a value with no inputs. */
  private static final Backward LEAF = (g, into) -> { };

  private final Arena arena;
  private final List<Backward> entries = new ArrayList<>();
  private INDArray[] grads = new INDArray[64];
  private boolean[] owned = new boolean[64];
  private int[] groupStart = new int[64];
  private ParamGradient[] sinks = new ParamGradient[64];
  private final Gradients gradients = new Gradients();
  private final Map<Nd4jTensor, List<INDArray[]>> deferred = new IdentityHashMap<>();

  Tape(Arena arena) {
    this.arena = arena;
  }

  /** A new entry without inputs: a parameter or an initial state whose gradient is wanted. */
  int leaf() {
    return push(LEAF);
  }

  /**
   * A new entry without inputs whose gradient accumulates straight into {@code sink} (a training
   * session's persistent gradient of a parameter), which must be {@linkplain ParamGradient#clear
   * clear}.
   */
  int leaf(ParamGradient sink) {
    int id = push(LEAF);
    sinks[id] = sink;
    return id;
  }

  /** A new entry for an op with one output. */
  int record(Backward backward) {
    return push(backward);
  }

  /**
   * New consecutive entries for an op with {@code outputs} outputs. The op's closure runs when
   * the last of them is reached, which is after every consumer of any of them.
   */
  int[] recordGroup(int outputs, GroupBackward backward) {
    int first = entries.size();
    int[] ids = new int[outputs];
    for (int i = 0; i < outputs - 1; i++) {
      ids[i] = push(null);
    }
    ids[outputs - 1] = push((g, into) -> {
      List<INDArray> all = new ArrayList<>(outputs);
      for (int i = 0; i < outputs; i++) {
        all.add(grads[first + i]);
      }
      backward.apply(all, into);
    });
    groupStart[ids[outputs - 1]] = first;
    return ids;
  }

  /** Back-propagates from {@code root}, whose gradient is {@code seed}. */
  void backward(Nd4jTensor root, INDArray seed) {
    if (!root.tracked()) {
      throw new IllegalArgumentException("cannot differentiate " + root + ": nothing it depends on is tracked");
    }
    gradients.share(root, seed);
    for (int id = root.id(); id >= 0; id--) {
      Backward b = entries.get(id);
      if (b != null && reached(id)) {
        b.apply(grads[id], gradients);
      }
    }
    deferred.forEach(this::flush);
    deferred.clear();
  }

  /** Whether a gradient reached entry {@code id} or, for the last entry of a group, any output of the group. */
  private boolean reached(int id) {
    for (int k = groupStart[id]; k <= id; k++) {
      if (grads[k] != null) {
        return true;
      }
    }
    return false;
  }

  /** One GEMM for all the deferred products of a leaf: {@code [g_1; …; g_n]ᵀ · [x_1; …; x_n]}. */
  private void flush(Nd4jTensor weight, List<INDArray[]> products) {
    INDArray g = products.size() == 1 ? products.get(0)[0]
        : arena.track(Nd4j.concat(0, products.stream().map(p -> p[0]).toArray(INDArray[]::new)));
    INDArray x = products.size() == 1 ? products.get(0)[1]
        : arena.track(Nd4j.concat(0, products.stream().map(p -> p[1]).toArray(INDArray[]::new)));
    gradients.add(weight, Nd4j.gemm(g, x, true, false));
  }

  /** The gradient that reached {@code t}, or null if none did (zero). */
  INDArray gradient(Nd4jTensor t) {
    if (!t.tracked()) {
      return null;
    }
    ParamGradient sink = sinks[t.id()];
    return sink == null ? grads[t.id()] : sink.isZero() ? null : sink.array();
  }

  private int push(Backward b) {
    int id = entries.size();
    entries.add(b);
    if (id == grads.length) {
      grads = Arrays.copyOf(grads, id * 2);
      owned = Arrays.copyOf(owned, id * 2);
      groupStart = Arrays.copyOf(groupStart, id * 2);
      sinks = Arrays.copyOf(sinks, id * 2);
    }
    groupStart[id] = id;
    return id;
  }

  /** Where backward closures deliver their inputs' gradients. */
  final class Gradients {
    /** Adds {@code g}, an array just allocated for this purpose; the tape takes it over. */
    void add(Nd4jTensor input, INDArray g) {
      if (input.tracked() && g != null) {
        arena.track(g);
        accumulate(input, g, true);
      }
    }

    /** Adds {@code g}, an array that is also used elsewhere (a view, or another input's gradient); it is never written to. */
    void share(Nd4jTensor input, INDArray g) {
      if (input.tracked() && g != null) {
        accumulate(input, g, false);
      }
    }

    /**
     * Adds {@code gᵀ · x} (g {@code [n, out]}, x {@code [n, in]}) to the gradient of the weight
     * {@code w [out, in]}. For a leaf (a parameter) the product is deferred: all of a pass's
     * products for it become one GEMM over the stacked rows when the pass ends, instead of one
     * thin GEMM per time step. The arrays must not change until then (tape values never do).
     */
    void addProduct(Nd4jTensor w, INDArray g, INDArray x) {
      if (!w.tracked()) {
        return;
      }
      if (entries.get(w.id()) == LEAF) {
        deferred.computeIfAbsent(w, k -> new ArrayList<>()).add(new INDArray[] {g, x});
      } else {
        add(w, Nd4j.gemm(g, x, true, false));
      }
    }

    /**
     * Adds row {@code i} of {@code rows [n, width]} to row {@code ids[i]} of the gradient of
     * {@code input [V, width]}: an embedding's backward. A parameter's {@link ParamGradient} stays
     * row-sparse.
     */
    void addRows(Nd4jTensor input, int[] ids, INDArray rows) {
      if (!input.tracked()) {
        return;
      }
      ParamGradient sink = sinks[input.id()];
      if (sink != null) {
        sink.addRows(ids, rows);
        grads[input.id()] = sink.array();
      } else {
        Encodings.scatterAdd(accumulator(input), ids, rows);
      }
    }

    /** The gradient of {@code input} as an array the caller may add into in place (zero if none yet). */
    INDArray accumulator(Nd4jTensor input) {
      int id = input.id();
      if (sinks[id] != null) {
        grads[id] = sinks[id].accumulator();
      } else if (grads[id] == null) {
        grads[id] = arena.track(Nd4j.zeros(input.value().dataType(), input.value().shape()));
        owned[id] = true;
      } else if (!owned[id]) {
        grads[id] = arena.track(grads[id].dup('c'));
        owned[id] = true;
      }
      return grads[id];
    }

    private void accumulate(Nd4jTensor input, INDArray g, boolean fresh) {
      int id = input.id();
      if (!Arrays.equals(g.shape(), input.value().shape())) {
        throw new IllegalStateException("gradient of shape " + Arrays.toString(g.shape()) + " for " + input);
      }
      if (sinks[id] != null) {
        sinks[id].add(g);
        grads[id] = sinks[id].array();
      } else if (grads[id] == null) {
        grads[id] = g;
        owned[id] = fresh;
      } else if (owned[id]) {
        grads[id].addi(g);
      } else {
        grads[id] = arena.track(grads[id].add(g));
        owned[id] = true;
      }
    }
  }
}
