package io.recur.core.cell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recur.core.InvalidInputException;
import io.recur.core.ops.CellOps;
import io.recur.core.tensor.Tensor;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CellRegistryTest {
  /** A user cell found by class name: h' = tanh(x·W_xᵀ). */
  public static final class Echo implements RecurrentCell {
    private final int in;
    private final int hidden;

    public Echo(int in, int hidden) {
      this.in = in;
      this.hidden = hidden;
    }

    @Override
    public int inputSize() {
      return in;
    }

    @Override
    public int hiddenSize() {
      return hidden;
    }

    @Override
    public List<ParamSpec> params() {
      return List.of(ParamSpec.weight("W_x", hidden, in));
    }

    @Override
    public List<StateSpec> state() {
      return List.of(StateSpec.of("h", hidden));
    }

    @Override
    public Step step(CellOps ops, Params w, Tensor x, State s) {
      Tensor h = ops.tanh(ops.linear(x, w.get("W_x")));
      return new Step(h, State.of(h));
    }
  }

  /** A user cell with options, made by class name through its nested factory. */
  public static final class Scaled extends AbstractCell {
    /** Takes {@code gain}. */
    public static final class Factory implements CellProvider {
      @Override
      public String name() {
        return "scaled";
      }

      @Override
      public RecurrentCell create(CellConfig c) {
        return new Scaled(c, c.options().number("gain", 1));
      }

      @Override
      public java.util.Set<String> options() {
        return java.util.Set.of("gain");
      }
    }

    private final double gain;

    Scaled(CellConfig c, double gain) {
      super(c);
      this.gain = gain;
    }

    @Override
    public List<ParamSpec> params() {
      return List.of(ParamSpec.weight("W_x", hiddenSize(), inputSize()));
    }

    @Override
    public List<StateSpec> state() {
      return List.of(StateSpec.of("h", hiddenSize()));
    }

    @Override
    public Step step(CellOps ops, Params w, Tensor x, State s) {
      Tensor h = ops.scale(ops.tanh(ops.linear(x, w.get("W_x"))), gain);
      return new Step(h, State.of(h));
    }
  }

  /** Registers {@code lstm} a second time. */
  public static final class SecondLstm implements CellProvider {
    @Override
    public String name() {
      return "lstm";
    }

    @Override
    public RecurrentCell create(CellConfig c) {
      return new LstmCell(c.inputSize(), c.hiddenSize());
    }
  }

  /** A class that is not a cell. */
  public static final class NotACell {}

  private final CellRegistry registry = CellRegistry.withBuiltIns();

  @Test
  void resolvesBuiltInsByName() {
    assertInstanceOf(LstmCell.class, registry.resolve("lstm").create(3, 4));
    assertInstanceOf(GruCell.class, registry.resolve("gru").create(3, 4));
    assertEquals(RnnCell.Activation.RELU, ((RnnCell) registry.resolve("rnn-relu").create(3, 4)).activation());
    assertEquals(RnnCell.Activation.TANH, ((RnnCell) registry.resolve("rnn").create(3, 4)).activation());
  }

  @Test
  void lstmFactoryHonoursTheForgetBias() {
    RecurrentCell c = registry.resolve("lstm").create(new CellConfig(3, 2, CellOptions.parse(List.of("forget_bias=1"))));
    float[] b = c.params().get(2).initializer().orElseThrow().initialize(new int[] {8}, new io.recur.core.util.Rng(0));
    assertEquals(List.of(0f, 0f, 1f, 1f, 0f, 0f, 0f, 0f), toList(b));
  }

  @Test
  void resolvesUserCellsByClassName() {
    RecurrentCell c = registry.resolve(Echo.class.getName()).create(5, 6);
    assertInstanceOf(Echo.class, c);
    assertEquals(6, c.hiddenSize());
  }

  @Test
  void aClassWithANestedFactoryTakesItsOptions() {
    RecurrentCell c = registry.resolve(Scaled.class.getName()).create(new CellConfig(3, 2, CellOptions.parse(List.of("gain=2"))));
    assertEquals(2.0, ((Scaled) c).gain);
    var e = assertThrows(InvalidInputException.class,
        () -> registry.resolve(Echo.class.getName()).create(new CellConfig(3, 2, CellOptions.parse(List.of("gain=2")))));
    assertTrue(e.getMessage().contains("has no option 'gain'; it takes none"), e.getMessage());
  }

  @Test
  void theBuiltInsAreRegisteredThroughTheServiceFile() {
    assertEquals(CellRegistry.builtIns().keySet(), CellRegistry.providers(CellRegistry.class.getClassLoader()).keySet());
  }

  @Test
  void aServiceFileOnAClassLoaderAddsAShortName(@TempDir Path dir) throws Exception {
    try (URLClassLoader loader = withServices(dir, Scaled.Factory.class)) {
      CellRegistry r = CellRegistry.discover(loader);
      assertEquals(List.of("gru", "lstm", "rnn", "rnn-relu", "scaled"), List.copyOf(r.names()));
      assertInstanceOf(Scaled.class, r.resolve("scaled").create(3, 4));
    }
  }

  @Test
  void aNameRegisteredTwiceIsRefusedNamingBothProviders(@TempDir Path dir) throws Exception {
    try (URLClassLoader loader = withServices(dir, SecondLstm.class)) {
      var e = assertThrows(InvalidInputException.class, () -> CellRegistry.discover(loader));
      assertTrue(e.getMessage().startsWith("cell name 'lstm' is registered twice, by io.recur.core.cell.LstmCell$Factory and "
          + SecondLstm.class.getName()), e.getMessage());
    }
  }

  @Test
  void aProviderThatCannotBeLoadedIsNamed(@TempDir Path dir) throws Exception {
    Path services = Files.createDirectories(dir.resolve("META-INF/services"));
    Files.writeString(services.resolve(CellProvider.class.getName()), "com.nowhere.Missing\n");
    try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
      var e = assertThrows(InvalidInputException.class, () -> CellRegistry.discover(loader));
      assertTrue(e.getMessage().contains("com.nowhere.Missing") && e.getMessage().contains(CellRegistry.SERVICE_FILE), e.getMessage());
    }
  }

  private URLClassLoader withServices(Path dir, Class<?> provider) throws Exception {
    Path services = Files.createDirectories(dir.resolve("META-INF/services"));
    Files.writeString(services.resolve(CellProvider.class.getName()), provider.getName() + "\n");
    return new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
  }

  @Test
  void errorsNameTheValidChoices() {
    var e = assertThrows(InvalidInputException.class, () -> registry.resolve("lstmm"));
    assertTrue(e.getMessage().contains("[gru, lstm, rnn, rnn-relu]") && e.getMessage().contains("--cell"), e.getMessage());
    assertTrue(e.getMessage().contains("--classpath") && e.getMessage().contains(CellRegistry.SERVICE_FILE), e.getMessage());
    e = assertThrows(InvalidInputException.class, () -> registry.resolve("com.nowhere.Cell"));
    assertTrue(e.getMessage().contains("not on the class path; pass --classpath"), e.getMessage());
    e = assertThrows(InvalidInputException.class, () -> registry.resolve(NotACell.class.getName()));
    assertTrue(e.getMessage().contains("does not implement"), e.getMessage());
    e = assertThrows(InvalidInputException.class, () -> registry.resolve("java.lang.String"));
    assertTrue(e.getMessage().contains("does not implement"), e.getMessage());
  }

  @Test
  void cellsRejectNonPositiveSizes() {
    var e = assertThrows(InvalidInputException.class, () -> new LstmCell(3, -3));
    assertEquals("hiddenSize must be > 0 (got -3)", e.getMessage());
  }

  private static List<Float> toList(float[] a) {
    List<Float> l = new java.util.ArrayList<>();
    for (float v : a) {
      l.add(v);
    }
    return l;
  }
}
