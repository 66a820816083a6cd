package io.recur.core.checkpoint;

import io.recur.core.cell.CellRegistry;
import io.recur.core.model.LanguageModel;
import io.recur.core.model.Objective;
import io.recur.core.sequence.TextData;
import io.recur.core.model.ModelSpec;
import io.recur.core.model.ParameterSet;
import io.recur.core.ops.Initializers;
import io.recur.core.optim.OptimizerState;
import io.recur.core.sequence.TextSpec;
import io.recur.core.sequence.Vocab;
import io.recur.core.train.EpochReport;
import io.recur.core.train.TrainingConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes the committed format-stability fixture {@code core/src/test/resources/checkpoints/lstm-v1}
 * (a checkpoint of format version 1). It was generated once by running this class's {@code main}
 * from the repository root; {@link CheckpointFormatFixtureTest} loads it forever. Do not
 * regenerate it when the format changes — add a new fixture next to it.
 */
final class FormatFixtures {
  static final ModelSpec SPEC = ModelSpec.builder().cell("lstm").vocabSize(5).embed(3).hidden(4).layers(2).build();
  static final Vocab VOCAB = new Vocab(List.of("<unk>", " ", "a", "b", "c"), new long[] {0, 9, 7, 5, 2});

  private FormatFixtures() {}

  static Checkpoint lstmV1() {
    ParameterSet p = new LanguageModel(SPEC, CellRegistry.withBuiltIns()).initialize(Initializers.Scheme.XAVIER, 2024);
    return new Checkpoint(SPEC, new TextData(TextSpec.defaults(), VOCAB), p, TrainingConfig.defaults().withEpochs(3),
        new OptimizerState("adam", 7, Map.of("m", p, "v", p)),
        List.of(new EpochReport(1, Objective.CROSS_ENTROPY, Math.log(4.5), Math.log(4.75), 1.0, 100, 0.25)),
        new Provenance("0.1.0", "nd4j", "fixture", "17", "Linux", "amd64", "2026-11-24T00:00:00Z"));
  }

  public static void main(String[] args) throws IOException {
    CheckpointStore.write(Path.of("core/src/test/resources/checkpoints/lstm-v1"), lstmV1());
  }
}
