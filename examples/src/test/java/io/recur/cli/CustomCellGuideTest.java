package io.recur.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Follows {@code docs/custom-cells.md} as a user would, so that the guide cannot rot: writes its
 * files into an empty project, checks its {@code pom.xml} against this build's artifacts, compiles
 * the cell and its test against the built classes ({@code mvn package} without Maven), runs the
 * test (the cell test kit), builds the jar, and runs every {@code $RECUR/recur} command of the
 * guide in its own JVM started with {@code java -jar} — which ignores {@code CLASSPATH}, as
 * {@code ./recur} does — from the project directory.
 */
class CustomCellGuideTest {
  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

  @TempDir
  Path project;

  @Test
  void theGuideTakesAnEmptyProjectToATrainedExportedAndEvaluatedCell() throws Exception {
    Guide guide = Guide.read(ROOT.resolve("docs/custom-cells.md"));
    guide.files().forEach((path, text) -> write(project.resolve(path), text));
    checkPom(project.resolve("pom.xml"));
    for (Map.Entry<String, String> e : guide.excerpts().entrySet()) {
      assertTrue(squeeze(Files.readString(ROOT.resolve(e.getKey()))).contains(squeeze(e.getValue())),
          "the guide quotes " + e.getKey() + " as it no longer is:\n" + e.getValue());
    }

    Path classes = project.resolve("target/classes");
    compile(project.resolve("src/main/java"), classes, System.getProperty("java.class.path"));
    copyTree(project.resolve("src/main/resources"), classes);
    Path testClasses = project.resolve("target/test-classes");
    compile(project.resolve("src/test/java"), testClasses, System.getProperty("java.class.path") + File.pathSeparator + classes);
    runTests(testClasses, classes);
    jar(classes, project.resolve("target/mgu-cell.jar"));

    Path launcher = launcher(project.resolve("target/recur-launcher.jar"));
    Map<String, String> env = new HashMap<>();
    int commands = 0;
    for (String line : guide.shellLines()) {
      if (line.startsWith("export RECUR_CLASSPATH=")) {
        env.put("RECUR_CLASSPATH", line.substring("export RECUR_CLASSPATH=".length()));
      } else if (line.startsWith("$RECUR/recur ")) {
        List<String> args = new ArrayList<>(words(line.substring("$RECUR/recur ".length())));
        args.add("--json");
        CliRun r = spawn(launcher, env, args);
        assertEquals(0, r.exit(), line + "\n" + r.err());
        check(args.get(0), r.json(), line);
        commands++;
      } else if (!List.of("mvn -q -DskipTests install", "export RECUR=$PWD", "mvn -q package").contains(line)) {
        throw new AssertionError("the guide runs a command this test does not follow: " + line);
      }
    }
    assertEquals(6, commands, "train, generate, export, eval by class name; train, export by short name");

    env.clear();
    env.put("CLASSPATH", classes.toString());
    CliRun without = spawn(launcher, env, List.of("train", "--cell", "com.example.MguCell", "--epochs", "1"));
    assertEquals(2, without.exit(), without.err());
    assertTrue(without.err().contains("cell class 'com.example.MguCell' is not on the class path; pass --classpath"), without.err());
  }

  /** What each command of the guide reports. */
  private static void check(String command, JsonObject json, String line) {
    switch (command) {
      case "train" -> assertTrue(json.get("val_ppl").getAsDouble() < 28, line + " → " + json);
      case "generate" -> assertTrue(json.get("text").getAsString().startsWith("time traveller"), line + " → " + json);
      case "export" -> assertTrue(json.get("max_abs_diff").getAsDouble() <= 1e-4, line + " → " + json);
      case "eval" -> assertTrue(json.get("ppl").getAsDouble() < 28, line + " → " + json);
      default -> throw new AssertionError("unexpected command in the guide: " + line);
    }
  }

  /** The pom's Recur dependencies are artifacts of this build, at its version. */
  private static void checkPom(Path pom) throws Exception {
    var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
    String version = doc.getElementsByTagName("recur.version").item(0).getTextContent();
    var root = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(ROOT.resolve("pom.xml").toFile());
    assertEquals(text(root.getDocumentElement(), "version"), version, "recur.version in the guide's pom");
    List<String> modules = new ArrayList<>();
    NodeList ms = root.getElementsByTagName("module");
    for (int i = 0; i < ms.getLength(); i++) {
      var m = DocumentBuilderFactory.newInstance().newDocumentBuilder()
          .parse(ROOT.resolve(ms.item(i).getTextContent()).resolve("pom.xml").toFile());
      modules.add(text(m.getDocumentElement(), "artifactId"));
    }
    NodeList deps = doc.getElementsByTagName("dependency");
    int recur = 0;
    for (int i = 0; i < deps.getLength(); i++) {
      Element d = (Element) deps.item(i);
      if (text(d, "groupId").equals("io.recur")) {
        assertTrue(modules.contains(text(d, "artifactId")), text(d, "artifactId") + " is not an artifact of " + modules);
        recur++;
      }
    }
    assertEquals(2, recur, "recur-core and recur-testkit");
  }

  private static String text(Element e, String child) {
    NodeList n = e.getChildNodes();
    for (int i = 0; i < n.getLength(); i++) {
      if (n.item(i) instanceof Element c && c.getTagName().equals(child)) {
        return c.getTextContent().trim();
      }
    }
    throw new AssertionError("no <" + child + "> in <" + e.getTagName() + ">");
  }

  private static void compile(Path sources, Path out, String classPath) throws IOException {
    Files.createDirectories(out);
    List<String> files;
    try (Stream<Path> s = Files.walk(sources)) {
      files = s.filter(p -> p.toString().endsWith(".java")).map(Path::toString).toList();
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<String> args = new ArrayList<>(List.of("-d", out.toString(), "-cp", classPath, "--release", "17", "-Xlint:all"));
    args.addAll(files);
    assertEquals(0, javac.run(null, null, null, args.toArray(String[]::new)), "javac " + files);
  }

  /** Runs every {@code @Test} method of the compiled test classes, as Surefire would. */
  private static void runTests(Path testClasses, Path classes) throws Exception {
    int run = 0;
    try (URLClassLoader loader = new URLClassLoader(new URL[] {testClasses.toUri().toURL(), classes.toUri().toURL()},
        CustomCellGuideTest.class.getClassLoader()); Stream<Path> s = Files.walk(testClasses)) {
      for (Path f : s.filter(p -> p.toString().endsWith("Test.class")).toList()) {
        String name = testClasses.relativize(f).toString().replace(File.separatorChar, '.').replace(".class", "");
        Class<?> type = loader.loadClass(name);
        var ctor = type.getDeclaredConstructor();
        ctor.setAccessible(true);
        Object instance = ctor.newInstance();
        for (Method m : type.getDeclaredMethods()) {
          if (m.isAnnotationPresent(Test.class)) {
            m.setAccessible(true);
            m.invoke(instance);
            run++;
          }
        }
      }
    }
    assertEquals(1, run, "the guide's test class has one test");
  }

  private static void jar(Path classes, Path out) throws IOException {
    try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(out)); Stream<Path> s = Files.walk(classes)) {
      for (Path f : s.filter(Files::isRegularFile).toList()) {
        jar.putNextEntry(new JarEntry(classes.relativize(f).toString().replace(File.separatorChar, '/')));
        jar.write(Files.readAllBytes(f));
        jar.closeEntry();
      }
    }
  }

  /** A jar holding only a manifest: the command line's main class and this test's class path, as {@code recur.jar} has. */
  private static Path launcher(Path out) throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, Recur.class.getName());
    List<String> urls = new ArrayList<>();
    for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
      urls.add(Path.of(e).toUri().toString());
    }
    manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", urls));
    Files.createDirectories(out.getParent());
    try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(out), manifest)) {
      jar.flush();
    }
    return out;
  }

  private CliRun spawn(Path launcher, Map<String, String> env, List<String> args) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx1g", "-jar", launcher.toString()));
    command.addAll(args);
    Path out = Files.createTempFile(project, "out", ".txt");
    Path err = Files.createTempFile(project, "err", ".txt");
    ProcessBuilder pb = new ProcessBuilder(command).directory(project.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
    pb.environment().remove("RECUR_CLASSPATH");
    pb.environment().remove("CLASSPATH");
    pb.environment().putAll(env);
    pb.environment().put("OMP_NUM_THREADS", "1");
    Process p = pb.start();
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("recur " + String.join(" ", args) + " did not finish in 10 minutes");
    }
    return new CliRun(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  /** Shell words: split on spaces, double quotes group. */
  static List<String> words(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder w = new StringBuilder();
    boolean quoted = false;
    boolean any = false;
    for (char c : line.toCharArray()) {
      if (c == '"') {
        quoted = !quoted;
        any = true;
      } else if (c == ' ' && !quoted) {
        if (any) {
          out.add(w.toString());
          w.setLength(0);
          any = false;
        }
      } else {
        w.append(c);
        any = true;
      }
    }
    if (any) {
      out.add(w.toString());
    }
    return out;
  }

  private static String squeeze(String s) {
    return s.replaceAll("\\s+", " ").trim();
  }

  private static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path f : s.filter(Files::isRegularFile).toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        Files.createDirectories(target.getParent());
        Files.copy(f, target);
      }
    }
  }

  /** The fenced blocks of the guide: files ({@code ```java PATH}), quoted excerpts ({@code excerpt:PATH}) and shell lines. */
  record Guide(Map<String, String> files, Map<String, String> excerpts, List<String> shellLines) {
    static Guide read(Path markdown) throws IOException {
      Map<String, String> files = new java.util.LinkedHashMap<>();
      Map<String, String> excerpts = new java.util.LinkedHashMap<>();
      List<String> shell = new ArrayList<>();
      List<String> lines = Files.readAllLines(markdown);
      for (int i = 0; i < lines.size(); i++) {
        if (!lines.get(i).startsWith("```") || lines.get(i).equals("```")) {
          continue;
        }
        String[] info = lines.get(i).substring(3).trim().split("\\s+", 2);
        StringBuilder body = new StringBuilder();
        for (i++; !lines.get(i).equals("```"); i++) {
          body.append(lines.get(i)).append('\n');
        }
        if (info[0].equals("bash")) {
          body.toString().lines().filter(l -> !l.isBlank()).forEach(shell::add);
        } else if (info.length == 2 && info[1].startsWith("excerpt:")) {
          excerpts.put(info[1].substring("excerpt:".length()), body.toString());
        } else if (info.length == 2) {
          files.put(info[1], body.toString());
        }
      }
      return new Guide(files, excerpts, shell);
    }
  }
}
