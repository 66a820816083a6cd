package io.recur.data.series;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.recur.core.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The two real series of {@code ../shared/data/series}: held-out fraction 0.2, MASE scaled by the
 * training part's one-step seasonal-naive error. The expected scores were checked against an
 * independent NumPy computation (interpolation by {@code np.interp}, least squares by
 * {@code np.linalg.lstsq}, the same origins).
 */
class SharedSeriesTest {
  private static Path shared(String file) {
    Path p = Path.of(System.getProperty("recur.shared", "../../shared"), "data", "series", file);
    assumeTrue(Files.isRegularFile(p), "the shared series are not here (" + p + "; set -Drecur.shared=DIR)");
    return p;
  }

  @Test
  void co2HasFiftyNineGapsInterpolatedOrRefused() {
    Path file = shared("co2-weekly.csv");
    LoadedSeries read = CsvSeries.reader().read(file);
    Series co2 = read.only();
    assertEquals(59, read.interpolated());
    assertEquals(2284, co2.length());
    assertEquals("co2", co2.name());
    assertEquals("19580329", co2.labels().get(0));
    assertEquals("20011229", co2.labels().get(2283));
    assertEquals(file + " line 8, column \"co2\" (2): an empty cell (a missing value); fill it in or pass --missing interpolate",
        assertThrows(InvalidInputException.class, () -> CsvSeries.reader().missing(MissingValues.ERROR).read(file)).getMessage());
  }

  @Test
  void co2ScoresAtOneWeekAndOneYear() {
    Scores s = new Scores(CsvSeries.reader().read(shared("co2-weekly.csv")).only(), 52);
    assertEquals(1827, s.split.index());
    s.expect(Baselines.naive(), 0.330, 1.412);
    s.expect(Baselines.seasonalNaive(52), 1.345, 1.412);
    s.expect(LinearAr.fit(s.split.train().values(), 4), 0.303, 2.207);
    s.expect(LinearAr.fit(s.split.train().values(), 52), 0.248, 0.508);
  }

  @Test
  void sunspotsScoresAtOneYearAndOneCycle() {
    Series sunspots = CsvSeries.reader().read(shared("sunspots-yearly.csv")).only();
    assertEquals("SUNACTIVITY", sunspots.name());
    assertEquals(309, sunspots.length());
    assertEquals("2008", sunspots.labels().get(308));
    Scores s = new Scores(sunspots, 11);
    s.expect(Baselines.naive(), 1.200, 1.293);
    s.expect(Baselines.seasonalNaive(11), 1.318, 1.293);
    s.expect(LinearAr.fit(s.split.train().values(), 9), 0.714, 1.088);
  }

  /** MASE at horizons 1 and one season, from every held-out origin. */
  private static final class Scores {
    final Series series;
    final Series.Split split;
    final int season;
    final double scale;

    Scores(Series series, int season) {
      this.series = series;
      this.split = series.splitTail(0.2);
      this.season = season;
      this.scale = Metrics.maseScale(split.train().values(), season);
    }

    void expect(OneStepPredictor predictor, double maseOneStep, double maseOneSeason) {
      Forecast f = Forecasts.run(series.values(), split.index(), season, predictor);
      assertEquals(maseOneStep, f.score(1, scale).mase(), 5e-4, "MASE at horizon 1");
      assertEquals(maseOneSeason, f.score(season, scale).mase(), 5e-4, "MASE at horizon " + season);
    }
  }
}
