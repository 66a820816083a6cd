package io.recur.data.series;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.recur.core.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvSeriesTest {
  @TempDir Path dir;

  private Path file(String text) throws IOException {
    return Files.write(dir.resolve("s.csv"), text.getBytes(StandardCharsets.UTF_8));
  }

  private String error(CsvSeries reader, Path file) {
    return assertThrows(InvalidInputException.class, () -> reader.read(file)).getMessage();
  }

  @Test
  void aHeaderedFileGivesItsLastNumericColumnWithTheDatesAsLabels() throws IOException {
    LoadedSeries read = CsvSeries.reader().read(file("date,co2\n19580329,316.1\n19580405,317.3\n19580412,317.6\n"));
    Series s = read.only();
    assertEquals("co2", s.name());
    assertArrayEquals(new double[] {316.1, 317.3, 317.6}, s.values());
    assertEquals(List.of("19580329", "19580405", "19580412"), s.labels());
    assertEquals(0, read.interpolated());
  }

  @Test
  void quotedFieldsAByteOrderMarkAndWindowsLineEndsAreRead() throws IOException {
    Series s = CsvSeries.reader().read(file("\uFEFF\"YEAR\",\"SUNACTIVITY\"\r\n1700,5\r\n1701,11\r\n\r\n1702,16\r\n")).only();
    assertEquals("SUNACTIVITY", s.name());
    assertArrayEquals(new double[] {5, 11, 16}, s.values());
    assertEquals(List.of("1700", "1701", "1702"), s.labels());
  }

  @Test
  void aQuotedFieldMayHoldCommasAndDoubledQuotes() throws IOException {
    Series s = CsvSeries.reader().read(file("when,\"x, \"\"raw\"\"\"\n\"Jan 1, 1958\", \"1.5\"\nFeb,-2e-1\n")).only();
    assertEquals("x, \"raw\"", s.name());
    assertArrayEquals(new double[] {1.5, -0.2}, s.values());
    assertEquals(List.of("Jan 1, 1958", "Feb"), s.labels());
  }

  @Test
  void withoutAHeaderColumnsAreNumberedAndATextColumnBecomesTheLabels() throws IOException {
    Path headerless = file("1958-03-29,1,10\n1958-04-05,2,20\n");
    Series last = CsvSeries.reader().read(headerless).only();
    assertEquals("column 3", last.name());
    assertArrayEquals(new double[] {10, 20}, last.values());
    assertEquals(List.of("1958-03-29", "1958-04-05"), last.labels());
    assertArrayEquals(new double[] {1, 2}, CsvSeries.reader().column("2").read(headerless).only().values());
    // numbers only: no header, no labels
    Series plain = CsvSeries.reader().read(file("3\n4\n5\n")).only();
    assertArrayEquals(new double[] {3, 4, 5}, plain.values());
    assertEquals(List.of(), plain.labels());
  }

  @Test
  void aFirstRowWithANumberIsData() throws IOException {
    // the first row holds a number, so it is data, and "x" is a bad cell on line 1 of column 2
    Path f = file("12,x\n13,5\n");
    assertEquals(f + " line 1, column 2: \"x\" is not a number; correct it, leave the cell empty to mark a missing value, "
        + "or pass --column NAME or a number from 1 to 2", error(CsvSeries.reader().column("2"), f));
    // by default the last column whose first value is a number: column 1 (column 2 starts with text, so it is the labels)
    Series s = CsvSeries.reader().read(f).only();
    assertArrayEquals(new double[] {12, 13}, s.values());
    assertEquals(List.of("x", "5"), s.labels());
  }

  @Test
  void columnsAreChosenByNameIgnoringCaseOrByNumberSeveralAtOnce() throws IOException {
    Path f = file("t,a,b\n1,10,100\n2,20,200\n");
    assertArrayEquals(new double[] {10, 20}, CsvSeries.reader().column("a").read(f).only().values());
    assertArrayEquals(new double[] {100, 200}, CsvSeries.reader().column("B").read(f).only().values());
    LoadedSeries both = CsvSeries.reader().columns(List.of("3", "a")).read(f);
    assertEquals(List.of("b", "a"), both.series().stream().map(Series::name).toList());
    assertArrayEquals(new double[] {100, 200}, both.series().get(0).values());
    // "t" is no time name and is numeric: no labels unless asked for
    assertEquals(List.of(), both.series().get(0).labels());
    assertEquals(List.of("1", "2"), CsvSeries.reader().labelColumn("t").read(f).only().labels());
  }

  @Test
  void gapsAreInterpolatedLinearlyAndTheEndsTakeTheNearestValue() throws IOException {
    LoadedSeries read = CsvSeries.reader().read(file("d,v\n1,\n2,\n3,1\n4,\n5,\n6,7\n7,8\n8,\n"));
    assertArrayEquals(new double[] {1, 1, 1, 3, 5, 7, 8, 8}, read.only().values(), 1e-12);
    assertEquals(5, read.interpolated());
    assertEquals(List.of(5), read.columns().stream().map(LoadedSeries.Column::interpolated).toList());
  }

  @Test
  void withMissingErrorTheFirstGapIsRefusedByLine() throws IOException {
    Path f = file("d,v\n1,1\n\n3,\n4,\n");
    assertEquals(f + " line 4, column \"v\" (2): an empty cell (a missing value); fill it in or pass --missing interpolate",
        error(CsvSeries.reader().missing(MissingValues.ERROR), f));
    assertEquals(MissingValues.ERROR, MissingValues.of("error"));
    assertEquals("unknown missing-value policy 'drop'; valid: [interpolate, error]; pass --missing interpolate or "
        + "--missing error", assertThrows(InvalidInputException.class, () -> MissingValues.of("drop")).getMessage());
  }

  @Test
  void aColumnOfOnlyEmptyCellsIsRefused() throws IOException {
    Path f = file("d,v,w\n1,,3\n2,,4\n");
    assertEquals(f + " column \"v\" (2) has only empty cells; pass --column NAME or a number from 1 to 3 for a column "
        + "with values", error(CsvSeries.reader().column("v"), f));
  }

  @Test
  void aNonNumericCellNamesFileLineColumnAndValue() throws IOException {
    Path f = file("date,co2\n19580329,316.1\n19580405,NaN\n");
    assertEquals(f + " line 3, column \"co2\" (2): \"NaN\" is not a number; correct it, leave the cell empty to mark a "
        + "missing value, or pass --column NAME or a number from 1 to 2", error(CsvSeries.reader(), f));
    assertEquals(f + " line 2, column 1: \"1e999\" is out of the range of a double; correct it, leave the cell empty to "
        + "mark a missing value, or pass --column NAME or a number from 1 to 1", error(CsvSeries.reader(), file("1\n1e999\n")));
  }

  @Test
  void aMissingColumnListsTheColumns() throws IOException {
    Path f = file("date,co2\n1,2\n");
    assertEquals(f + " has no column \"ch4\" (columns: 1: date, 2: co2); pass --column NAME or a number from 1 to 2",
        error(CsvSeries.reader().column("ch4"), f));
    assertEquals(f + " has no column \"3\" (columns: 1: date, 2: co2); pass --column NAME or a number from 1 to 2",
        error(CsvSeries.reader().column("3"), f));
    Path headerless = file("1,2\n3,4\n");
    assertEquals(headerless + " has no column \"co2\" (columns: no header, numbers 1 to 2); pass --column NAME or a number "
        + "from 1 to 2", error(CsvSeries.reader().column("co2"), headerless));
  }

  @Test
  void filesThatAreNotSeriesAreRefused() throws IOException {
    assertEquals(file("") + " is empty; pass a CSV file with one value per row (a header row is optional)",
        error(CsvSeries.reader(), file("")).replace("series file ", ""));
    assertEquals("series file " + file(" \n\n") + " is empty; pass a CSV file with one value per row (a header row is optional)",
        error(CsvSeries.reader(), file(" \n\n")));
    assertEquals("series file " + dir + " is a directory, not a file; pass the path of a CSV file", error(CsvSeries.reader(), dir));
    Path absent = dir.resolve("absent.csv");
    assertEquals("series file " + absent + " does not exist; pass the path of a CSV file", error(CsvSeries.reader(), absent));
    assertEquals(file("date,co2\n") + " has a header row but no data rows; add one row of values per time step",
        error(CsvSeries.reader(), file("date,co2\n")));
    assertEquals(file("name,city\nann,rome\n") + " has no column of numbers (columns: no header, numbers 1 to 2); pass a "
        + "CSV file with a number in each row of a column", error(CsvSeries.reader(), file("name,city\nann,rome\n")));
  }

  @Test
  void specialFilesAreRefusedBeforeReading() {
    Path zero = Path.of("/dev/zero");
    assumeTrue(Files.exists(zero), "no /dev/zero on this system");
    assertEquals("series file /dev/zero is not a regular file (a device, pipe or socket); pass the path of a CSV file",
        error(CsvSeries.reader(), zero));
  }

  @Test
  void aFileOverTheLimitIsRefused() throws IOException {
    Path f = file("1\n2\n3\n");
    assertEquals("series file " + f + " is larger than the 5 B limit; pass a smaller file (split it, or keep the part you need)",
        assertThrows(InvalidInputException.class, () -> CsvSeries.reader().read(f, 5)).getMessage());
    assertEquals(3, CsvSeries.reader().read(f, 6).only().length());
  }

  @Test
  void aNonUtf8FileIsRefusedWithItsLineAndByte() throws IOException {
    Path f = Files.write(dir.resolve("latin1.csv"), "when,v\nd\u00e9c,1\n".getBytes(StandardCharsets.ISO_8859_1));
    assertEquals("series file " + f + " is not UTF-8 (invalid byte 0xE9 on line 2, byte offset 8); convert it, e.g. iconv -f latin1 -t utf-8",
        error(CsvSeries.reader(), f));
  }

  @Test
  void tooFewRowsForTheModelAreRefused() throws IOException {
    Path f = file("v\n1\n2\n3\n4\n");
    assertEquals(f + " has 4 data rows but at least 5 are needed (τ + 1 for an autoregressive model of order τ); pass a "
        + "smaller --tau or a longer series", error(CsvSeries.reader().minRows(5), f));
    assertEquals(4, CsvSeries.reader().minRows(4).read(f).only().length());
  }

  @Test
  void malformedRowsAreRefusedByLine() throws IOException {
    Path ragged = file("d,v\n1,2\n2\n");
    assertEquals(ragged + " line 3 has 1 fields but line 1 has 2; give every row the same columns (quote a field that holds "
        + "a comma)", error(CsvSeries.reader(), ragged));
    Path open = file("d,v\n\"1,2\n");
    assertEquals(open + " line 2: field 1 opens a quote that the line does not close; close it (a quoted field cannot span "
        + "lines)", error(CsvSeries.reader(), open));
    Path after = file("d,v\n\"1\"x,2\n");
    assertEquals(after + " line 2: text after the closing quote of field 1; write a quote inside a quoted field as \"\"",
        error(CsvSeries.reader(), after));
  }

  @Test
  void aColumnCannotBeBothValuesAndLabels() throws IOException {
    Path f = file("d,v\n1,2\n");
    assertEquals(f + " column \"d\" (1) is chosen twice (as values or labels); pass --column NAME or a number from 1 to 2 "
        + "naming each column once", error(CsvSeries.reader().labelColumn("d").column("1"), f));
    assertThrows(InvalidInputException.class, () -> CsvSeries.reader().columns(List.of("a", "a")));
  }
}
