package io.recur.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recur.core.InvalidInputException;
import io.recur.core.config.Device;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir
  Path dir;

  @AfterEach
  void clearProperties() {
    System.clearProperty("recur.backend");
    System.clearProperty("recur.threads");
  }

  @Test
  void defaultsWithoutAFile() {
    assertEquals(RecurConfig.defaults(), ConfigLoader.load(null));
    assertEquals("nd4j", RecurConfig.defaults().backend());
  }

  @Test
  void readsAFileAndSystemPropertiesOverrideIt() throws Exception {
    Path f = dir.resolve("recur.properties");
    Files.writeString(f, "# test\nbackend = tensorflow\nthreads = 2\nfused = off\n");
    RecurConfig c = ConfigLoader.load(f);
    assertEquals(new RecurConfig("tensorflow", 2, FusedMode.OFF, Device.AUTO), c);
    System.setProperty("recur.backend", "onnx");
    assertEquals("onnx", ConfigLoader.load(f).backend());
  }

  @Test
  void badFilesAndValuesAreNamed() throws Exception {
    Path f = dir.resolve("bad.properties");
    Files.writeString(f, "backnd = nd4j\n");
    var e = assertThrows(InvalidInputException.class, () -> ConfigLoader.load(f));
    assertTrue(e.getMessage().contains("unknown key 'backnd'") && e.getMessage().contains("[backend, device, fused, threads]"), e.getMessage());
    Files.writeString(f, "threads = many\n");
    e = assertThrows(InvalidInputException.class, () -> ConfigLoader.load(f));
    assertTrue(e.getMessage().contains("'many'"), e.getMessage());
    Files.writeString(f, "fused = sometimes\n");
    e = assertThrows(InvalidInputException.class, () -> ConfigLoader.load(f));
    assertTrue(e.getMessage().contains("[auto, on, off]"), e.getMessage());
    e = assertThrows(InvalidInputException.class, () -> ConfigLoader.load(dir.resolve("missing.properties")));
    assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    e = assertThrows(InvalidInputException.class, () -> RecurConfig.defaults().withThreads(-1));
    assertTrue(e.getMessage().contains("--threads"), e.getMessage());
  }

  @Test
  void cellOptionsLiveInTheSameFile() throws Exception {
    Path f = dir.resolve("recur.properties");
    Files.writeString(f, "threads = 1\ncell_opt.activation = tanh\ncell_opt.recurrent_max = 2\n");
    assertEquals(1, ConfigLoader.load(f).threads());
    assertEquals(Map.of("activation", "tanh", "recurrent_max", "2"), ConfigLoader.cellOptions(f).values());
    assertTrue(ConfigLoader.cellOptions(null).isEmpty());
  }

  @Test
  void aByteOrderMarkIsNoKeyAndTheFileIsReadStrictly() throws Exception {
    Path f = dir.resolve("bom.properties");
    Files.write(f, "\uFEFFthreads = 1\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertEquals(1, ConfigLoader.load(f).threads());
    Files.writeString(f, "threads = 1\nthreads = 2\n");
    var twice = assertThrows(InvalidInputException.class, () -> ConfigLoader.load(f));
    assertTrue(twice.getMessage().contains("sets 'threads' twice (line 2)"), twice.getMessage());
    Files.writeString(f, "threads 1\n");
    var noEquals = assertThrows(InvalidInputException.class, () -> ConfigLoader.load(f));
    assertTrue(noEquals.getMessage().contains("line 1 is not 'key = value'"), noEquals.getMessage());
    Files.write(f, new byte[] {'t', 0, 1});
    var binary = assertThrows(InvalidInputException.class, () -> ConfigLoader.load(f));
    assertTrue(binary.getMessage().contains("is binary"), binary.getMessage());
    var directory = assertThrows(InvalidInputException.class, () -> ConfigLoader.load(dir));
    assertTrue(directory.getMessage().contains("is a directory"), directory.getMessage());
  }

  @Test
  void threadsBeyondTheCoresAreRefusedNamingTheCoreCount() {
    int cores = Runtime.getRuntime().availableProcessors();
    var e = assertThrows(InvalidInputException.class, () -> RecurConfig.defaults().withThreads(cores + 1));
    assertTrue(e.getMessage().contains("[0, " + cores + "]") && e.getMessage().contains(cores + " cores"), e.getMessage());
    assertEquals(cores, RecurConfig.defaults().withThreads(cores).threads());
  }
}
