package io.recur.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.recur.core.testing.ReferenceModel;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Format stability: the checkpoint committed under {@code src/test/resources/checkpoints/lstm-v1}
 * (format version 1, written by {@link FormatFixtures#main}) must load forever, with the same
 * architecture, vocabulary, optimizer state and predictions.
 */
class CheckpointFormatFixtureTest {
  private static final Path FIXTURE = Path.of("src/test/resources/checkpoints/lstm-v1");
  private static final Path FIXTURE_V3 = Path.of("src/test/resources/checkpoints/lstm-v3");

  /** Logits of the fixture model for tokens {{1, 2, 3}, {4, 0, 2}}, [T=3, B=2, V=5], printed to 10 digits when it was written. */
  private static final double[] LOGITS = {
    3.782529532e-03, 2.928536085e-03, 2.781860431e-05, 1.232434093e-03, -6.441564374e-04,
    -9.024479716e-03, -4.420443074e-03, -1.001693025e-03, 1.096124840e-03, 1.406009636e-03,
    1.110209870e-02, 7.535148570e-03, 8.035962100e-04, 1.801128672e-03, -1.840822052e-03,
    -1.577142625e-02, -6.648741680e-03, -2.911952128e-03, 4.121158940e-03, 1.419552717e-03,
    1.261087298e-03, 3.468020893e-03, -3.460812516e-03, 5.397038686e-03, 7.278441876e-05,
    -8.375536046e-03, -2.106822037e-03, -8.534115177e-04, 3.928305346e-03, 4.561322365e-04};

  @Test
  void versionOneCheckpointStillLoadsAndPredictsTheSame() throws Exception {
    Checkpoint c = CheckpointStore.read(FIXTURE);
    Checkpoint expected = FormatFixtures.lstmV1();
    assertEquals(expected.spec(), c.spec());
    assertEquals(expected.data(), c.data());
    assertEquals(expected.training(), c.training());
    assertEquals(expected.history(), c.history());
    assertEquals(7, c.optimizer().step());
    assertEquals(expected.params().asMap(), c.params().asMap());
    assertArrayEquals(LOGITS, new ReferenceModel(c.spec(), c.params()).forward(new int[][] {{1, 2, 3}, {4, 0, 2}}), 1e-10);
  }

  @Test
  void versionThreeCheckpointLoadsWithItsOwnAdamSlotsAndSettings() throws Exception {
    Checkpoint c = CheckpointStore.read(FIXTURE_V3);
    Checkpoint expected = FormatFixtures.lstmV3();
    assertEquals(expected.spec(), c.spec());
    assertEquals(expected.data(), c.data());
    assertEquals(expected.training(), c.training());
    assertEquals(expected.history(), c.history());
    assertEquals(expected.provenance(), c.provenance());
    assertEquals(expected.optimizer().slots().get("m").asMap(), c.optimizer().slots().get("m").asMap());
    assertEquals(expected.optimizer().slots().get("v").asMap(), c.optimizer().slots().get("v").asMap());
    assertArrayEquals(LOGITS, new ReferenceModel(c.spec(), c.params()).forward(new int[][] {{1, 2, 3}, {4, 0, 2}}), 1e-10);
  }
}
