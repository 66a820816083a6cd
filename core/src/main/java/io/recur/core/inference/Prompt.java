package io.recur.core.inference;

import io.recur.core.sequence.Vocab;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A prefix as token ids of a model's vocabulary. Tokens the vocabulary lacks are read as
 * {@code <unk>} and collected in {@code unknown} (distinct, in order of first appearance), so the
 * caller can warn, naming them.
 */
public record Prompt(int[] ids, Set<String> unknown) {
  public Prompt {
    ids = ids.clone();
    unknown = Collections.unmodifiableSet(new LinkedHashSet<>(unknown));
  }

  /** Encodes already tokenised text with {@code vocab}. */
  public static Prompt of(List<String> tokens, Vocab vocab) {
    return new Prompt(vocab.indicesOf(tokens), vocab.missing(tokens));
  }

  @Override
  public int[] ids() {
    return ids.clone();
  }

  /** A one-line warning naming the unknown tokens, or empty if every token is known. */
  public Optional<String> warning() {
    if (unknown.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(unknown.size() + " prefix token(s) not in the model's vocabulary, read as " + Vocab.UNK + ": "
        + unknown.stream().map(t -> "'" + t + "'").collect(Collectors.joining(", ")));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Prompt p && Arrays.equals(ids, p.ids) && unknown.equals(p.unknown);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(ids) + unknown.hashCode();
  }

  @Override
  public String toString() {
    return "Prompt(" + ids.length + " tokens, unknown " + unknown + ")";
  }
}
