package io.recur.data.series;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.recur.core.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Fuzzing of the CSV series reader (Jazzer): any file is read or refused with an
 * {@link InvalidInputException}, with missing values interpolated or refused. Kept inputs:
 * {@code src/test/resources/io/recur/data/series/CsvFuzzTestInputs}.
 */
class CsvFuzzTest {
  @FuzzTest(maxDuration = "60s")
  void csvFile(byte[] data) throws IOException {
    Path f = Files.createTempFile("recur-fuzz", ".csv");
    try {
      Files.write(f, data);
      for (MissingValues missing : MissingValues.values()) {
        try {
          CsvSeries.reader().missing(missing).read(f);
        } catch (InvalidInputException expected) {
          // refused as bad input: the contract
        }
      }
    } finally {
      Files.delete(f);
    }
  }
}
