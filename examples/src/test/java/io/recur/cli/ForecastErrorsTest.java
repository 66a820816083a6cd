package io.recur.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input to {@code recur forecast}: exit 2, one line on standard error naming the file, line,
 * column or value and the fix, nothing on standard output, and nothing written — neither the
 * checkpoint ({@code --out}) nor the plot.
 */
class ForecastErrorsTest {
  @TempDir
  Path dir;

  private Path out;
  private Path plot;

  @BeforeEach
  void paths() {
    out = dir.resolve("model");
    plot = dir.resolve("plot.png");
  }

  static void assertOneLine(CliRun r, String... fragments) {
    assertEquals(2, r.exit(), r.err());
    assertEquals(1, r.errLines().size(), r.err());
    String line = r.errLines().get(0);
    assertTrue(line.startsWith("recur: "), line);
    for (String f : fragments) {
      assertTrue(line.contains(f), "'" + line + "' lacks '" + f + "'");
    }
    assertFalse(r.err().contains("\tat "), "no stack trace");
    assertEquals("", r.out());
  }

  /** Runs forecast with a GRU to train, --out and --plot, and checks the one line and that nothing was written. */
  private void refused(List<String> args, String... fragments) {
    List<String> all = new ArrayList<>(List.of("forecast", "--model", "gru", "--hidden", "4", "--epochs", "1", "--out",
        out.toString(), "--plot", plot.toString()));
    all.addAll(args);
    assertOneLine(CliRun.of(all.toArray(String[]::new)), fragments);
    assertFalse(Files.exists(out), "no checkpoint");
    assertFalse(Files.exists(plot), "no plot");
  }

  private Path csv(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  private static String rows(int n) {
    StringBuilder b = new StringBuilder("year,value\n");
    for (int t = 0; t < n; t++) {
      b.append(1900 + t).append(',').append(Math.sin(t)).append('\n');
    }
    return b.toString();
  }

  @Test
  void aNonNumericCellIsNamedByLineColumnAndValue() throws IOException {
    Path f = csv("bad.csv", rows(20).replaceFirst("(?m)^1903,.*$", "1903,twelve"));
    refused(List.of("--series", f.toString(), "--horizon", "2"), f + " line 5, column \"value\" (2): \"twelve\" is not a number",
        "correct it");
  }

  @Test
  void aMissingColumnListsTheColumns() throws IOException {
    Path f = csv("ok.csv", rows(20));
    refused(List.of("--series", f.toString(), "--column", "co2", "--horizon", "2"), "has no column \"co2\"", "1: year, 2: value",
        "pass --column NAME");
  }

  @Test
  void fewerRowsThanTauPlusOne() throws IOException {
    Path f = csv("short.csv", rows(4));
    refused(List.of("--series", f.toString(), "--tau", "4", "--horizon", "1"), "has 4 data rows but at least 5 are needed",
        "smaller --tau");
  }

  @Test
  void aTrainingPartTooShortForTheModel() throws IOException {
    Path f = csv("small.csv", rows(12));
    refused(List.of("--series", f.toString(), "--tau", "9", "--horizon", "1"),
        "the training part has 10 values but a model of tau 9 needs at least 11", "smaller --tau");
  }

  @Test
  void anEmptyFile() throws IOException {
    Path f = csv("empty.csv", "");
    refused(List.of("--series", f.toString(), "--horizon", "2"), f + " is empty");
  }

  @Test
  void aMissingValueUnderMissingError() throws IOException {
    Path f = csv("gap.csv", rows(20).replaceFirst("(?m)^(1905),[^\\n]*", "$1,"));
    refused(List.of("--series", f.toString(), "--missing", "error", "--horizon", "2"), "line 7", "an empty cell",
        "--missing interpolate");
  }

  @Test
  void aHorizonOrTauThatIsNotPositive() {
    refused(List.of("--series", "sine", "--horizon", "0"), "horizon must be > 0 (got 0)", "--horizon K");
    refused(List.of("--series", "sine", "--horizon", "-3"), "horizon must be > 0 (got -3)");
    refused(List.of("--series", "sine", "--tau", "0", "--horizon", "2"), "tau must be > 0 (got 0)", "--tau N");
  }

  @Test
  void aHorizonLongerThanTheHeldOutPart() {
    refused(List.of("--series", "sine", "--horizon", "401"), "horizon 401 is longer than the 400 held-out values",
        "--horizon K with K <= 400");
  }

  @Test
  void aSeasonTheTrainingPartCannotHold() {
    refused(List.of("--series", "sine", "--season", "600", "--horizon", "2"), "a season of 600 needs more than 600 training values");
  }

  @Test
  void optionsThatDoNotFitTheModel() {
    assertOneLine(CliRun.of("forecast", "--series", "sine", "--horizon", "2", "--epochs", "5"),
        "--epochs configures training, and the closed-form fit trains nothing", "--fit sgd");
    assertOneLine(CliRun.of("forecast", "--series", "sine", "--horizon", "2", "--layers", "2"), "the linear model has no recurrent layers");
    assertOneLine(CliRun.of("forecast", "--series", "sine", "--horizon", "2", "--model", "gru", "--fit", "sgd"), "drop --fit");
    assertOneLine(CliRun.of("forecast", "--series", "sine", "--horizon", "2", "--column", "x"), "drop --column");
    assertOneLine(CliRun.of("forecast", "--series", "sine", "--horizon", "2", "--model", "nosuchcell"), "nosuchcell");
    assertOneLine(CliRun.of("forecast", "--series", "sine", "--horizon", "2", "--model", dir.resolve("none").toString()),
        "does not exist");
  }
}
