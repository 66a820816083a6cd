package io.recur.cli;

import io.recur.core.InvalidInputException;
import io.recur.core.util.Bytes;
import io.recur.core.util.TextFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code recur} command: subcommands for data, training, inference, export and benchmarks. */
@Command(
    name = "recur",
    mixinStandardHelpOptions = true,
    version = "recur 0.1.0",
    description = "Recurrent sequence models: RNN, LSTM and GRU language models and series forecasters on ND4J, exported to ONNX.",
    subcommands = {
        StatsCommand.class,
        NgramCommand.class,
        TrainCommand.class,
        GenerateCommand.class,
        EvalCommand.class,
        ExportCommand.class,
        ForecastCommand.class,
        BenchCommand.class,
    })
public final class Recur implements Runnable {
  /** Bad usage or bad input. */
  public static final int EXIT_BAD_INPUT = 2;
  /** An internal failure. */
  public static final int EXIT_INTERNAL = 1;

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the command line with the given streams and returns the exit status (for tests). */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new Recur());
    cli.setOut(out);
    cli.setErr(err);
    cli.setParameterExceptionHandler((ex, a) -> {
      err.println("recur: " + ex.getMessage() + " (see '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
      return EXIT_BAD_INPUT;
    });
    cli.setExecutionExceptionHandler((ex, c, parsed) -> {
      Throwable t = rootCauseOfInterest(ex);
      if (t instanceof InvalidInputException) {
        err.println("recur: " + oneLine(t.getMessage()));
        return EXIT_BAD_INPUT;
      }
      if (t instanceof NoSuchFileException nsf) {
        err.println("recur: no such file: " + nsf.getFile());
        return EXIT_BAD_INPUT;
      }
      if (t instanceof IOException || t instanceof UncheckedIOException) {
        err.println("recur: " + oneLine(t.getMessage()) + ioReason(t) + "; check the disk space and permissions of the paths given");
        return EXIT_BAD_INPUT;
      }
      err.println("recur: internal error: " + t);
      if (Boolean.getBoolean("recur.debug")) {
        t.printStackTrace(err);
      } else {
        err.println("recur: rerun with JAVA_OPTS=-Drecur.debug=true for the stack trace");
      }
      return EXIT_INTERNAL;
    });
    try {
      return cli.execute(args);
    } catch (OutOfMemoryError e) {
      err.println("recur: out of memory (" + Bytes.format(Runtime.getRuntime().maxMemory()) + " is this JVM's limit); use a "
          + "smaller model, batch or input, or give Java more memory (JAVA_OPTS=-Xmx...)");
      return EXIT_BAD_INPUT;
    }
  }

  private static String oneLine(String message) {
    return String.valueOf(message).replaceAll("\\s*\\R\\s*", " ");
  }

  /** The I/O reason behind {@code t} ({@code : permission denied}) when its message lacks one. */
  private static String ioReason(Throwable t) {
    Throwable cause = t.getCause();
    if (t instanceof UncheckedIOException && cause != null && !String.valueOf(t.getMessage()).endsWith(
        TextFiles.reason((IOException) cause))) {
      return ": " + TextFiles.reason((IOException) cause);
    }
    return "";
  }

  /** The first bad-input cause in the chain (it carries the message meant for the user), else the exception itself. */
  private static Throwable rootCauseOfInterest(Throwable ex) {
    for (Throwable t = ex; t != null; t = t.getCause()) {
      if (t instanceof InvalidInputException || t instanceof NoSuchFileException) {
        return t;
      }
    }
    for (Throwable t = ex; t != null; t = t.getCause()) {
      if (t instanceof IOException || t instanceof UncheckedIOException) {
        return t;
      }
    }
    return ex;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(new CommandLine(this), "a subcommand is required");
  }
}
