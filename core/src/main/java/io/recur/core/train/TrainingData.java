package io.recur.core.train;

import io.recur.core.sequence.Partitioner;
import io.recur.core.sequence.Sequence;
import java.util.Optional;

/**
 * What a run trains on: the training stream and its partitioner, and optionally a held-out
 * stream scored after every epoch with {@code evaluation} (sequential, no random offset).
 */
public record TrainingData(Sequence train, Optional<Sequence> validation, Partitioner partitioner, Partitioner evaluation) {}
