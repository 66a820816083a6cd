package io.recur.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/**
 * The {@code --json} option every subcommand mixes in: with it, the results are printed as one
 * JSON object on the last line of standard output; without it, as readable lines.
 */
public final class JsonOutput {
  @Option(names = "--json", description = "Print the results as one JSON object on the last line of standard output.")
  boolean json;

  public boolean enabled() {
    return json;
  }

  /** Prints {@code result}: one JSON line with {@code --json}, else one {@code key: value} line per field. */
  public void print(PrintWriter out, JsonObject result) {
    if (json) {
      out.println(new GsonBuilder().serializeNulls().serializeSpecialFloatingPointValues().disableHtmlEscaping().create().toJson(result));
    } else {
      result.entrySet().forEach(e -> out.println(e.getKey() + ": " + (e.getValue().isJsonPrimitive()
          ? e.getValue().getAsJsonPrimitive().getAsString() : e.getValue().toString())));
    }
    out.flush();
  }
}
