package io.recur.data.text;

import java.util.ArrayList;
import java.util.List;

/**
 * One token per Unicode code point, white space and line ends included — Python's
 * {@code list(text)}. Joining concatenates.
 */
public final class CharTokenizer implements Tokenizer {
  private static final String[] ASCII = new String[128];

  static {
    for (int c = 0; c < ASCII.length; c++) {
      ASCII[c] = String.valueOf((char) c);
    }
  }

  @Override
  public List<String> tokenize(CharSequence text) {
    List<String> out = new ArrayList<>(text.length());
    for (int i = 0; i < text.length(); ) {
      int cp = Character.codePointAt(text, i);
      out.add(cp < ASCII.length ? ASCII[cp] : new String(Character.toChars(cp)));
      i += Character.charCount(cp);
    }
    return out;
  }

  @Override
  public String join(List<String> tokens) {
    return String.join("", tokens);
  }
}
