package io.recur.bench;

import io.recur.core.backend.Backend;
import io.recur.core.backend.Capability;
import io.recur.core.backend.InferenceModel;
import io.recur.core.backend.InferenceSession;
import io.recur.core.backend.TrainingSession;
import io.recur.core.inference.Decoding;
import io.recur.core.inference.Generator;
import io.recur.core.model.ModelSpec;
import io.recur.core.model.ParameterSet;
import io.recur.core.optim.Optimizer;
import io.recur.core.sequence.Batch;
import io.recur.core.sequence.Partitioner;
import io.recur.core.sequence.Sequence;
import io.recur.core.util.Rng;
import io.recur.data.partition.Partitioners;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Recur's side of the benchmark, measured as the PyTorch peers measure PyTorch. <b>Training</b>:
 * SGD (learning rate 1, the workload's clipping) on the workload's minibatches of the corpus
 * (characters: sequential, a new random offset and fresh state each epoch; words: batchify),
 * state carried and detached. <b>Scoring</b>: the log-likelihood of the targets
 * ({@code InferenceSession.logProbabilities}) over one epoch's minibatches, state carried, reset
 * when the epoch starts over. <b>Generation</b>: greedy, one row, 200 tokens after a prefix (the
 * prefix is excluded from the time per token); the median of 7 runs after a 20-token warm-up. All
 * three start from the same weights.
 */
public final class RecurBench {
  /** The prefix generation starts from on the Time Machine. */
  public static final String PREFIX = "time traveller ";
  /** Tokens generated per run. */
  public static final int GENERATED = 200;
  static final int GENERATION_RUNS = 7;

  private final Workload workload;
  private final Sequence tokens;
  private final int[] prefix;
  private final TimedLoop training;
  private final TimedLoop scoring;

  /**
   * @param tokens the corpus the minibatches are cut from
   * @param prefix the tokens generation starts from ({@link #PREFIX} on the Time Machine)
   */
  public RecurBench(Workload workload, Sequence tokens, int[] prefix, TimedLoop training, TimedLoop scoring) {
    this.workload = workload;
    this.tokens = tokens;
    this.prefix = prefix.clone();
    this.training = training;
    this.scoring = scoring;
  }

  /** One round on {@code backend}: training (if it can train), scoring and generation from {@code initial}. */
  public BenchResult run(Backend backend, ModelSpec spec, ParameterSet initial) {
    OptionalDouble train = backend.capabilities().contains(Capability.TRAIN)
        ? OptionalDouble.of(trainTokensPerSecond(backend, spec, initial)) : OptionalDouble.empty();
    try (InferenceModel model = backend.openInference(spec, initial)) {
      return new BenchResult(train, scoreTokensPerSecond(model), generationMsPerToken(model));
    }
  }

  double trainTokensPerSecond(Backend backend, ModelSpec spec, ParameterSet initial) {
    Epochs epochs = new Epochs(Partitioners.byName(workload.partition()), new Rng(0).fork("partition"));
    Rng dropout = new Rng(0).fork("dropout");
    try (TrainingSession session = backend.openTraining(spec, initial, Optimizer.named("sgd"))) {
      return training.run(i -> {
        session.step(epochs.next(), dropout.fork(i).nextLong(), Workload.LEARNING_RATE, workload.clip());
      }).rate(workload.tokensPerBatch());
    }
  }

  double scoreTokensPerSecond(InferenceModel model) {
    List<Batch> batches = Partitioners.byName(workload.partition()).epoch(tokens, workload.batch(), workload.steps(),
        new Rng(0).fork("score"));
    double[] negativeLogLikelihood = {0};
    TimedLoop.Timed timed;
    try (InferenceSession session = model.newSession(workload.batch())) {
      timed = scoring.run(i -> {
        Batch b = batches.get(i % batches.size());
        if (i % batches.size() == 0) {
          session.reset();
        }
        for (double logp : session.logProbabilities(b.inputs(), b.targets())) {
          negativeLogLikelihood[0] -= logp;
        }
      });
    }
    if (!Double.isFinite(negativeLogLikelihood[0])) {
      throw new IllegalStateException("the model's log-likelihood is not finite: " + negativeLogLikelihood[0]);
    }
    return timed.rate(workload.tokensPerBatch());
  }

  double generationMsPerToken(InferenceModel model) {
    Generator generator = new Generator(model);
    generator.generate(prefix, 20, Decoding.greedy(), 0);
    double[] ms = new double[GENERATION_RUNS];
    for (int i = 0; i < ms.length; i++) {
      ms[i] = generator.generate(prefix, GENERATED, Decoding.greedy(), 0).msPerToken();
    }
    Arrays.sort(ms);
    return ms[ms.length / 2];
  }

  /** The training minibatches, epoch after epoch, each epoch cut anew (sequential: at a new random offset). */
  private final class Epochs {
    private final Partitioner partitioner;
    private final Rng rng;
    private int epoch;
    private Iterator<Batch> batches = List.<Batch>of().iterator();

    Epochs(Partitioner partitioner, Rng rng) {
      this.partitioner = partitioner;
      this.rng = rng;
    }

    Batch next() {
      if (!batches.hasNext()) {
        batches = partitioner.epoch(tokens, workload.batch(), workload.steps(), rng.fork(epoch++)).iterator();
      }
      return batches.next();
    }
  }
}
