package io.recur.core.sequence;

/** A language model's data: how text becomes tokens, and the vocabulary. */
public record TextData(TextSpec text, Vocab vocab) implements DataSpec {}
