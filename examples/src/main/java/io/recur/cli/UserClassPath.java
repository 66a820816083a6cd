package io.recur.cli;

import io.recur.core.InvalidInputException;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The user's own code — cells named by class, {@code CellProvider} and backend jars — as a class
 * loader over {@code --classpath} (or {@code RECUR_CLASSPATH}), a child of the application's.
 * {@code java -jar} ignores {@code CLASSPATH} and {@code -cp}, so this is how the command line sees
 * user code. Entries are jars, class directories, or {@code DIR/*} for every jar in a directory,
 * separated by {@link File#pathSeparator}.
 */
final class UserClassPath {
  private UserClassPath() {}

  /**
   * @param path the entries, or null/blank for none (then {@code parent} itself is returned)
   * @param source where the path came from, for messages ({@code --classpath}, {@code RECUR_CLASSPATH})
   */
  static ClassLoader of(String path, String source, ClassLoader parent) {
    if (path == null || path.isBlank()) {
      return parent;
    }
    List<URL> urls = new ArrayList<>();
    for (String entry : path.split(File.pathSeparator)) {
      if (!entry.isBlank()) {
        urls.addAll(urls(entry.trim(), source));
      }
    }
    return new URLClassLoader("recur-user", urls.toArray(URL[]::new), parent);
  }

  private static List<URL> urls(String entry, String source) {
    if (entry.endsWith(File.separator + "*")) {
      Path dir = Path.of(entry.substring(0, entry.length() - 2));
      if (!Files.isDirectory(dir)) {
        throw new InvalidInputException(source + " entry '" + entry + "' names no directory; pass DIR/* for the jars in DIR");
      }
      try (Stream<Path> files = Files.list(dir)) {
        return files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().map(UserClassPath::url).toList();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
      }
    }
    Path p = Path.of(entry);
    if (!Files.exists(p)) {
      throw new InvalidInputException(source + " entry '" + entry + "' does not exist; pass jars or class directories separated by '"
          + File.pathSeparator + "'");
    }
    if (!Files.isDirectory(p) && !entry.endsWith(".jar")) {
      throw new InvalidInputException(source + " entry '" + entry + "' is neither a directory nor a .jar; pass the directory "
          + "your classes were compiled into (javac -d DIR) or a jar of them");
    }
    return List.of(url(p));
  }

  private static URL url(Path p) {
    try {
      return p.toAbsolutePath().toUri().toURL();
    } catch (MalformedURLException e) {
      throw new InvalidInputException("cannot use " + p + " as a class path entry: " + e.getMessage());
    }
  }
}
