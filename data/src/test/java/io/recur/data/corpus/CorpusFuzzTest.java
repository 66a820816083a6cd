package io.recur.data.corpus;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.recur.core.InvalidInputException;
import io.recur.core.sequence.TextSpec;
import io.recur.data.text.TextPipeline;
import java.util.List;

/**
 * Fuzzing of corpus decoding and the tokenizers (Jazzer): any bytes are decoded or refused with an
 * {@link InvalidInputException}; decoded text tokenises under every text spec, its vocabulary
 * encodes it, and a word model's tokens join back without error. Kept inputs:
 * {@code src/test/resources/io/recur/data/corpus/CorpusFuzzTestInputs}.
 */
class CorpusFuzzTest {
  private static final List<TextSpec> SPECS = List.of(new TextSpec("letters", "char"), new TextSpec("letters", "word"),
      new TextSpec("none", "char"), new TextSpec("none", "word"));

  @FuzzTest(maxDuration = "60s")
  void corpusBytes(byte[] data) {
    String text;
    try {
      text = Corpora.decode(data, "fuzz.txt");
    } catch (InvalidInputException expected) {
      return;
    }
    for (TextSpec spec : SPECS) {
      try {
        TokenizedCorpus c = TokenizedCorpus.of("fuzz.txt", text, spec, 0);
        TextPipeline p = TextPipeline.of(spec);
        p.join(c.vocab().tokensOf(c.ids().toArray()));
        p.tokenizePrefix(text);
        c.encode(text);
      } catch (InvalidInputException expected) {
        // no tokens after preprocessing: refused as bad input
      }
    }
  }
}
