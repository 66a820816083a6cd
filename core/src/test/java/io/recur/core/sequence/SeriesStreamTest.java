package io.recur.core.sequence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.recur.core.InvalidInputException;
import io.recur.core.util.Rng;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeriesStreamTest {
  /** Consecutive rows of consecutive windows, as sequential partitioning at offset 0 cuts them. */
  private static final Partitioner ROWS = new Partitioner() {
    @Override
    public String name() {
      return "rows";
    }

    @Override
    public boolean carriesState() {
      return true;
    }

    @Override
    public List<Batch> epoch(Sequence tokens, int batchSize, int steps, Rng rng) {
      int per = (tokens.length() - 1) / batchSize;
      List<Batch> out = new ArrayList<>();
      for (int start = 0; start + steps <= per; start += steps) {
        int[][] in = new int[batchSize][steps];
        int[][] tg = new int[batchSize][steps];
        for (int b = 0; b < batchSize; b++) {
          for (int t = 0; t < steps; t++) {
            in[b][t] = tokens.get(b * per + start + t);
            tg[b][t] = tokens.get(b * per + start + t + 1);
          }
        }
        out.add(new Batch(in, tg, start == 0));
      }
      return out;
    }
  };

  private static float[][] series(int n) {
    float[][] v = new float[n][2];
    for (int i = 0; i < n; i++) {
      v[i][0] = i;
      v[i][1] = -i;
    }
    return v;
  }

  @Test
  void eachStepReadsTheLastTauPointsAndPredictsTheNext() {
    SeriesStream s = new SeriesStream(series(11), 3, ROWS, ROWS);
    List<SeriesBatch> epoch = s.epoch(2, 2, new Rng(0));
    SeriesBatch first = epoch.get(0);
    assertEquals(6, first.features());
    assertEquals(2, first.outputs());
    // 8 examples (k = 0..7) in 2 rows of 4: row 1 starts at example 4.
    assertArrayEquals(new float[] {0, 0, 1, -1, 2, -2}, first.inputs()[0][0]);
    assertArrayEquals(new float[] {3, -3}, first.targets()[0][0]);
    assertArrayEquals(new float[] {4, -4, 5, -5, 6, -6}, first.inputs()[1][0]);
    assertArrayEquals(new float[] {8, -8}, first.targets()[1][1]);
    assertTrue(first.resetState() && !epoch.get(1).resetState(), "consecutive windows carry state");
    assertEquals(2 * 2 * 2, first.count());
  }

  @Test
  void timeMajorLayoutInterleavesRowsPerStep() {
    SeriesBatch b = new SeriesStream(series(11), 1, ROWS, ROWS).epoch(2, 2, new Rng(0)).get(0);
    assertArrayEquals(new float[] {0, 0, 5, -5, 1, -1, 6, -6}, b.inputsTimeMajor());
  }

  @Test
  void aSeriesTooShortForTauIsRefusedWithTheFix() {
    var e = assertThrows(InvalidInputException.class, () -> new SeriesStream(series(5), 4, ROWS, ROWS));
    assertTrue(e.getMessage().contains("--tau"), e.getMessage());
  }

  @Test
  void seriesDataStandardisesAndRestoresAndRoundTripsThroughJson() {
    SeriesData d = new SeriesData(4, List.of("co2"), new double[] {300}, new double[] {20});
    assertEquals(1.5, d.standardise(0, 330), 1e-12);
    assertEquals(330, d.restore(0, 1.5), 1e-12);
    assertEquals(d, SeriesData.fromJson(d.toJson()));
    assertEquals(4, d.features());
    assertThrows(IllegalArgumentException.class, () -> new SeriesData(4, List.of("a"), new double[] {0}, new double[] {0}));
  }

  @Test
  void differencedSeriesDataRoundTripsAndTheFirstFormWithoutTheFieldReadsAsUndifferenced() {
    SeriesData d = new SeriesData(52, List.of("co2"), new double[] {0.03}, new double[] {0.4}, 1);
    assertEquals(d, SeriesData.fromJson(d.toJson()));
    assertNotEquals(d, new SeriesData(52, List.of("co2"), new double[] {0.03}, new double[] {0.4}));
    JsonObject first = d.toJson();
    first.remove("differences");
    assertEquals(0, SeriesData.fromJson(first).differences());
    assertThrows(IllegalArgumentException.class, () -> new SeriesData(4, List.of("a"), new double[] {0}, new double[] {1}, 2));
  }
}
