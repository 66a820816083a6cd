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
 * The committed format-stability fixtures: {@code core/src/test/resources/checkpoints/lstm-v1} (format
 * version 1, written by the first milestone's code) and {@code lstm-v3} (format 3: manifest checksum,
 * determinism settings; Adam's m and v differ, so a swap of the slots shows). Each was generated
 * once by running this class's {@code main} from the repository root with that version's code;
 * {@link CheckpointFormatFixtureTest} loads them forever. Do not regenerate them when the format
 * changes — add a new fixture next to them.
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

  /** The format-3 fixture: {@link #lstmV1}'s model with distinct Adam slots and recorded determinism settings. */
  static Checkpoint lstmV3() {
    Checkpoint v1 = lstmV1();
    return new Checkpoint(v1.spec(), v1.data(), v1.params(), v1.training(), new OptimizerState("adam", 7,
        Map.of("m", CheckpointStoreTest.scaled(v1.params(), 0.25f), "v", CheckpointStoreTest.scaled(v1.params(), 4f))),
        v1.history(), new Provenance("0.1.0", "nd4j", "fixture", "17", "Linux", "amd64", "2027-01-10T00:00:00Z", 1, "auto"));
  }

  public static void main(String[] args) throws IOException {
    CheckpointStore.write(Path.of("core/src/test/resources/checkpoints/lstm-v3"), lstmV3());
  }
}
