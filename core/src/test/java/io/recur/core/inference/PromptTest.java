package io.recur.core.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recur.core.sequence.Vocab;
import java.util.List;
import org.junit.jupiter.api.Test;

class PromptTest {
  private static final Vocab VOCAB = new Vocab(List.of("<unk>", "t", "h", "e", " "), new long[] {0, 5, 4, 3, 2});

  @Test
  void unknownTokensBecomeUnkAndAreNamedOnce() {
    Prompt p = Prompt.of(List.of("t", "h", "é", " ", "ß", "é", "e"), VOCAB);
    assertArrayEquals(new int[] {1, 2, 0, 4, 0, 0, 3}, p.ids());
    assertEquals(List.of("é", "ß"), List.copyOf(p.unknown()));
    assertEquals("2 prefix token(s) not in the model's vocabulary, read as <unk>: 'é', 'ß'", p.warning().orElseThrow());
  }

  @Test
  void aKnownPrefixHasNoWarning() {
    Prompt p = Prompt.of(List.of("t", "h", "e"), VOCAB);
    assertArrayEquals(new int[] {1, 2, 3}, p.ids());
    assertTrue(p.unknown().isEmpty());
    assertTrue(p.warning().isEmpty());
  }

  @Test
  void theUnkTokenItselfIsKnown() {
    assertTrue(Prompt.of(List.of("<unk>"), VOCAB).unknown().isEmpty());
  }

  @Test
  void idsAreCopied() {
    Prompt p = Prompt.of(List.of("t"), VOCAB);
    p.ids()[0] = 4;
    assertEquals(1, p.ids()[0]);
  }
}
