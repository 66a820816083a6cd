package io.recur.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.recur.core.inference.Decoding;
import io.recur.core.inference.Generation;
import io.recur.core.inference.Generator;
import io.recur.core.inference.Prompt;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code recur generate}: continues a prefix with a trained model. The prefix is tokenised with
 * the model's own text spec and vocabulary (unknown tokens read as {@code <unk>}, with a warning
 * naming them); the prefix and the generated text are printed joined as the model's tokenizer
 * joins text, each token as soon as it is chosen (a beam search's at the end), the {@code --json}
 * object after them.
 */
@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Continue a prefix with a trained model (a checkpoint directory, or a .onnx file on ONNX Runtime). "
        + "Decoding: --greedy (the default), --temperature X [--top-k K] [--top-p P], or --beam W. "
        + "Prints the prefix and the generated text; ms_per_token counts only the steps after the prefix.")
final class GenerateCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  JsonOutput json;

  @Mixin
  ModelOptions model;

  @Option(names = "--prefix", required = true, paramLabel = "TEXT",
      description = "The text to continue, at least one token; a final line end counts only if given.")
  String prefix;

  @Option(names = "--length", defaultValue = "100", paramLabel = "N", description = "Tokens to generate (default: ${DEFAULT-VALUE}).")
  int length;

  @Option(names = "--greedy", description = "Always the most likely token (the default).")
  boolean greedy;

  @Option(names = "--temperature", paramLabel = "X", description = "Sample from softmax(logits / X), X > 0.")
  Double temperature;

  @Option(names = "--top-k", paramLabel = "K", description = "Sample among the K most likely tokens only.")
  Integer topK;

  @Option(names = "--top-p", paramLabel = "P", description = "Sample within the smallest set of tokens of probability >= P (nucleus).")
  Double topP;

  @Option(names = "--beam", paramLabel = "W", description = "Beam search of width W (mean log-probability per token).")
  Integer beam;

  @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Seed of sampling; the same seed gives the same text (default: ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() {
    Decoding decoding = Decoding.fromOptions(greedy, temperature, topK, topP, beam);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (TextModel m = model.open(err)) {
      List<String> prefixTokens = m.prefixTokens(prefix);
      Prompt prompt = m.encode(prefixTokens);
      Generator generator = new Generator(m.model());
      String[] previous = {prefixTokens.isEmpty() ? null : prefixTokens.get(prefixTokens.size() - 1)};
      boolean[] started = {false};
      Generation g = generator.generate(prompt.ids(), length, decoding, seed, id -> {
        if (!started[0]) {
          out.print(m.join(prefixTokens, new int[0]));
          started[0] = true;
        }
        String token = m.vocab().token(id);
        out.print(m.piece(previous[0], token));
        out.flush();
        previous[0] = token;
      });
      if (!started[0]) {
        out.print(m.join(prefixTokens, new int[0]));
      }
      out.println();
      prompt.warning().ifPresent(w -> err.println("recur: warning: " + w));
      String text = m.join(prefixTokens, g.tokens());
      err.printf("recur: %d tokens after a prefix of %d, %.3f ms/token, on %s%n", g.tokens().length, prefixTokens.size(),
          g.msPerToken(), m.backend().describe());
      if (json.enabled()) {
        json.print(out, report(m, text, prefixTokens.size(), prompt, g, decoding));
      }
      out.flush();
    }
    return 0;
  }

  private JsonObject report(TextModel m, String text, int prefixTokens, Prompt prompt, Generation g, Decoding decoding) {
    JsonObject o = new JsonObject();
    o.addProperty("text", text);
    o.addProperty("ms_per_token", g.msPerToken());
    o.addProperty("prefix_ms", g.prefixMs());
    o.addProperty("tokens", g.tokens().length);
    o.addProperty("prefix_tokens", prefixTokens);
    JsonArray unknown = new JsonArray();
    prompt.unknown().forEach(unknown::add);
    o.add("unknown", unknown);
    o.addProperty("decoding", decoding.toString());
    o.addProperty("seed", seed);
    o.addProperty("backend", m.model().backend());
    o.addProperty("threads", m.backend().threads());
    o.addProperty("compute", m.backend().describe());
    o.addProperty("model", model.path().toString());
    return o;
  }
}
