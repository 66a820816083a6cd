package io.recur.core.config;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.recur.core.InvalidInputException;
import io.recur.core.sequence.Vocab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Fuzzing of the small files a user hands Recur (Jazzer): config files and vocabulary files are
 * refused with an {@link InvalidInputException} or read — any other exception is a finding. Kept
 * inputs: {@code src/test/resources/io/recur/core/config/UserFilesFuzzTestInputs}.
 */
class UserFilesFuzzTest {
  private static Path file(byte[] data, String name) throws IOException {
    Path dir = Files.createTempDirectory("recur-fuzz");
    dir.toFile().deleteOnExit();
    Path f = Files.write(dir.resolve(name), data);
    f.toFile().deleteOnExit();
    return f;
  }

  @FuzzTest(maxDuration = "60s")
  void configFile(byte[] data) throws IOException {
    Path f = file(data, "recur.properties");
    try {
      ConfigLoader.load(f);
    } catch (InvalidInputException expected) {
      // refused as bad input: the contract
    } finally {
      Files.deleteIfExists(f);
    }
  }

  @FuzzTest(maxDuration = "60s")
  void vocabularyFile(byte[] data) throws IOException {
    Path f = file(data, "vocab.json");
    try {
      Vocab.load(f);
    } catch (InvalidInputException expected) {
      // refused as bad input: the contract
    } finally {
      Files.deleteIfExists(f);
    }
  }
}
