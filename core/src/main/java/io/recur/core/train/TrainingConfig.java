package io.recur.core.train;

import io.recur.core.InvalidInputException;
import io.recur.core.ops.Initializers;

/**
 * How a model is trained. {@code clip} is the global gradient-norm threshold (0 = off); the
 * learning rate of epoch {@code e} (1-based) is {@code learningRate · lrDecay^max(0, e - decayAfter)}.
 */
public record TrainingConfig(
    int epochs,
    int batchSize,
    int steps,
    String partition,
    String optimizer,
    double learningRate,
    double clip,
    double lrDecay,
    int decayAfter,
    Initializers.Scheme init,
    long seed) {

  /**
   * The partitionings training accepts (implemented in the data module): {@code sequential} and
   * {@code offsets}/{@code batchify} continue each row across minibatches (state carried),
   * {@code random} starts every row afresh (state reset).
   */
  public static final java.util.List<String> PARTITIONS = java.util.List.of("batchify", "offsets", "random", "sequential");

  public TrainingConfig {
    if (epochs <= 0) {
      throw new InvalidInputException("epochs must be > 0 (got " + epochs + "); pass --epochs N");
    }
    if (batchSize <= 0) {
      throw new InvalidInputException("batch must be > 0 (got " + batchSize + "); pass --batch B");
    }
    if (steps <= 0) {
      throw new InvalidInputException("steps must be > 0 (got " + steps + "); pass --steps T");
    }
    if (!PARTITIONS.contains(partition)) {
      throw new InvalidInputException("unknown partition '" + partition + "'; available: " + PARTITIONS + "; set --partition");
    }
    if (!optimizer.equals("sgd") && !optimizer.equals("adam")) {
      throw new InvalidInputException("unknown optimizer '" + optimizer + "'; available: [adam, sgd]; set --optimizer");
    }
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new InvalidInputException("learning rate must be > 0 (got " + learningRate + "); pass --lr LR");
    }
    if (!(clip >= 0) || Double.isInfinite(clip)) {
      throw new InvalidInputException("clip must be >= 0 (got " + clip + "); pass --clip C, 0 turns clipping off");
    }
    if (!(lrDecay > 0 && lrDecay <= 1)) {
      throw new InvalidInputException("lr-decay must be in (0, 1] (got " + lrDecay + "); pass --lr-decay F");
    }
    if (decayAfter < 0) {
      throw new InvalidInputException("decay-after must be >= 0 (got " + decayAfter + "); pass --decay-after E");
    }
  }

  /** The textbook's character-level setting: 32 × 35, sequential, SGD lr 1, clip 1, Xavier. */
  public static TrainingConfig defaults() {
    return new TrainingConfig(20, 32, 35, "sequential", "sgd", 1.0, 1.0, 1.0, 0, Initializers.Scheme.XAVIER, 0);
  }

  public double learningRate(int epoch) {
    return learningRate * Math.pow(lrDecay, Math.max(0, epoch - decayAfter));
  }

  public TrainingConfig withEpochs(int e) {
    return new TrainingConfig(e, batchSize, steps, partition, optimizer, learningRate, clip, lrDecay, decayAfter, init, seed);
  }
}
