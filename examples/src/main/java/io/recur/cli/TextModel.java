package io.recur.cli;

import io.recur.core.backend.Backend;
import io.recur.core.backend.InferenceModel;
import io.recur.core.inference.LoadedModel;
import io.recur.core.inference.Prompt;
import io.recur.core.sequence.TextSpec;
import io.recur.core.sequence.Vocab;
import io.recur.data.text.TextPipeline;
import java.util.ArrayList;
import java.util.List;

/**
 * A loaded model together with the text pipeline of its own {@link TextSpec} and its vocabulary,
 * so that prefixes and texts are tokenised exactly as its training text was, and the backend it
 * runs on (for reports). Closing it closes the model.
 */
final class TextModel implements AutoCloseable {
  private final LoadedModel loaded;
  private final Backend backend;
  private final TextPipeline pipeline;

  TextModel(LoadedModel loaded, Backend backend) {
    this.loaded = loaded;
    this.backend = backend;
    this.pipeline = TextPipeline.of(loaded.text().text());
  }

  InferenceModel model() {
    return loaded.model();
  }

  TextSpec text() {
    return loaded.text().text();
  }

  Vocab vocab() {
    return loaded.text().vocab();
  }

  /** The backend the model runs on: its name, thread count and description go into reports. */
  Backend backend() {
    return backend;
  }

  /** The tokens of a generation prefix (an unfinished last line gets no {@code <eos>}; see {@link TextPipeline#tokenizePrefix}). */
  List<String> prefixTokens(String prefix) {
    return pipeline.tokenizePrefix(prefix);
  }

  /** The tokens of a whole text, as the training text was tokenised. */
  List<String> textTokens(String text) {
    return pipeline.tokenize(text);
  }

  /** Token ids in the model's vocabulary; tokens it lacks read as {@code <unk>} and are listed in {@link Prompt#unknown()}. */
  Prompt encode(List<String> tokens) {
    return Prompt.of(tokens, vocab());
  }

  /** The prefix followed by the generated tokens, joined as the model's tokenizer joins text. */
  String join(List<String> prefix, int[] generated) {
    List<String> all = new ArrayList<>(prefix);
    all.addAll(vocab().tokensOf(generated));
    return pipeline.join(all);
  }

  /**
   * The text {@code token} adds after {@code previous} when joined: both tokenizers join each token
   * according to the one before it only (a space before a word unless a line just ended), so the
   * pieces of a generation add up to {@link #join} of all of it.
   */
  String piece(String previous, String token) {
    return pipeline.join(List.of(previous, token)).substring(pipeline.join(List.of(previous)).length());
  }

  @Override
  public void close() {
    loaded.close();
  }
}
