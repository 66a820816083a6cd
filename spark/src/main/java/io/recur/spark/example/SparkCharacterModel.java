package io.recur.spark.example;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.recur.core.backend.Backend;
import io.recur.core.backend.BackendSelector;
import io.recur.core.cell.CellRegistry;
import io.recur.core.checkpoint.TrainingJob;
import io.recur.core.config.RecurConfig;
import io.recur.core.inject.CoreModule;
import io.recur.core.model.ModelSpec;
import io.recur.core.model.SequenceModel;
import io.recur.core.sequence.Sequence;
import io.recur.core.sequence.TextData;
import io.recur.core.sequence.TextSpec;
import io.recur.core.train.EpochReport;
import io.recur.core.train.TrainingConfig;
import io.recur.core.train.TrainingData;
import io.recur.core.train.TrainingListener;
import io.recur.core.train.TrainingResult;
import io.recur.core.train.TrainingRun;
import io.recur.data.corpus.TokenizedCorpus;
import io.recur.data.partition.Partitioners;
import io.recur.spark.DataParallel;
import io.recur.spark.SparkTrainer;
import io.recur.spark.WorkerBackend;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The README's character-level LSTM (Time Machine, one layer of 256, 32 × 35, SGD lr 1, clip 1)
 * trained data-parallel on the cluster this application is submitted to:
 * {@code spark-submit --class io.recur.spark.example.SparkCharacterModel --jars JARS recur-spark.jar
 * [EPOCHS [WORKERS [AVERAGE_EVERY [OUT]]]]} (defaults 20, 2, 50, {@code runs/spark-lstm}). It logs
 * one line per epoch and writes a checkpoint to OUT on the driver after each.
 */
public final class SparkCharacterModel {
  private static final Logger LOG = LoggerFactory.getLogger(SparkCharacterModel.class);

  private SparkCharacterModel() {}

  public static void main(String[] args) {
    int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    DataParallel parallel = new DataParallel(args.length > 1 ? Integer.parseInt(args[1]) : 2,
        args.length > 2 ? Integer.parseInt(args[2]) : 50);
    Path out = Path.of(args.length > 3 ? args[3] : "runs/spark-lstm");

    TokenizedCorpus corpus = TokenizedCorpus.load("timemachine", TextSpec.defaults(), 0);
    Sequence[] parts = corpus.ids().splitTail(0.1);
    RecurConfig config = RecurConfig.defaults();
    Injector injector = Guice.createInjector(new CoreModule(config));
    Backend backend = injector.getInstance(BackendSelector.class).select();
    ModelSpec spec = ModelSpec.builder().cell("lstm").vocabSize(corpus.vocab().size()).hidden(256).build();
    TrainingJob job = TrainingJob.start(SequenceModel.of(spec, injector.getInstance(CellRegistry.class)),
        new TextData(corpus.spec(), corpus.vocab()), TrainingConfig.defaults().withEpochs(epochs)).checkpointTo(out);
    TrainingData data = TrainingData.text(parts[0], Optional.of(parts[1]), Partitioners.byName("sequential"),
        Partitioners.evaluation());

    try (JavaSparkContext sc = new JavaSparkContext(new SparkConf().setAppName("recur character model"))) {
      SparkTrainer spark = SparkTrainer.on(sc, parallel, WorkerBackend.configured(config));
      TrainingResult result = job.listen(new TrainingListener() {
        @Override
        public void onEpochEnd(TrainingRun run, EpochReport e) {
          LOG.info(String.format("epoch %d/%d  train ppl %.4f  val ppl %.4f  %.0f tokens/s", e.epoch(), epochs,
              e.trainMetric(), e.validationMetric(), e.throughput()));
        }
      }).run(backend, data, spark);
      LOG.info(String.format("held-out perplexity %.4f after %d epochs, %.0f tokens/s, %.1f %% of the time in Spark jobs"
          + " and averaging; checkpoint in %s", result.last().validationMetric(), epochs, result.throughput(),
          100 * spark.statistics().syncFraction(), out.toAbsolutePath()));
    }
  }
}
