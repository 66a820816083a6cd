package io.recur.data.partition;

import io.recur.core.InvalidInputException;
import io.recur.core.sequence.Partitioner;
import java.util.List;

/** Partitioners by their configuration name, and the one that scores held-out text. */
public final class Partitioners {
  /** The names {@link #byName} knows. */
  public static final List<String> NAMES = List.of("sequential", "random", "offsets", "batchify");

  private Partitioners() {}

  /** @throws InvalidInputException for an unknown name, listing the known ones */
  public static Partitioner byName(String name) {
    return switch (name) {
      case "sequential" -> SequentialPartitioner.training();
      case "random" -> new RandomPartitioner();
      case "offsets" -> new OffsetsPartitioner();
      case "batchify" -> new BatchifyPartitioner();
      default -> throw new InvalidInputException("unknown partitioning '" + name + "'; available: " + NAMES
          + "; set --partition");
    };
  }

  /** Sequential with offset 0, for held-out perplexity (see {@link SequentialPartitioner#evaluation()}). */
  public static Partitioner evaluation() {
    return SequentialPartitioner.evaluation();
  }
}
