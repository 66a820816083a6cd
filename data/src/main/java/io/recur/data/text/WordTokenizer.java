package io.recur.data.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits on white space as Python's {@code str.split()} does (any run of Unicode white space,
 * no empty tokens). With {@code endOfLine}, every line — ended by {@code \n}, {@code \r\n} or
 * {@code \r}, or the unterminated last line — contributes its words and then {@code <eos>},
 * empty lines included: the counting convention of PyTorch's word_language_model and of the
 * published WikiText-2 and PTB statistics. A prefix ({@link #tokenizePrefix}) is a text that goes
 * on, so its unterminated last line gets no {@code <eos>}. Joining puts one space between words
 * and a line end in place of each {@code <eos>}.
 */
public final class WordTokenizer implements Tokenizer {
  /** The end-of-line token. */
  public static final String EOS = "<eos>";

  private final boolean endOfLine;

  /** @param endOfLine whether each line end becomes an {@code <eos>} token */
  public WordTokenizer(boolean endOfLine) {
    this.endOfLine = endOfLine;
  }

  @Override
  public List<String> tokenize(CharSequence text) {
    return split(text, true);
  }

  @Override
  public List<String> tokenizePrefix(CharSequence text) {
    return split(text, false);
  }

  /** @param closeLastLine whether an unterminated last line ends the text (and so gets its {@code <eos>}) */
  private List<String> split(CharSequence text, boolean closeLastLine) {
    List<String> out = new ArrayList<>(text.length() / 5 + 1);
    int n = text.length();
    int start = -1;
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      boolean lineEnd = endOfLine && (c == '\n' || c == '\r');
      if (lineEnd || isSpace(c)) {
        if (start >= 0) {
          out.add(text.subSequence(start, i).toString());
          start = -1;
        }
        if (lineEnd) {
          out.add(EOS);
          if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
            i++;
          }
        }
      } else if (start < 0) {
        start = i;
      }
    }
    if (start >= 0) {
      out.add(text.subSequence(start, n).toString());
    }
    if (endOfLine && closeLastLine && n > 0 && text.charAt(n - 1) != '\n' && text.charAt(n - 1) != '\r') {
      out.add(EOS);
    }
    return out;
  }

  @Override
  public String join(List<String> tokens) {
    StringBuilder out = new StringBuilder();
    boolean lineStart = true;
    for (String t : tokens) {
      if (endOfLine && t.equals(EOS)) {
        out.append('\n');
        lineStart = true;
      } else {
        if (!lineStart) {
          out.append(' ');
        }
        out.append(t);
        lineStart = false;
      }
    }
    return out.toString();
  }

  /** Python's {@code str.isspace()} for one UTF-16 unit (no white space lies outside the BMP). */
  static boolean isSpace(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u0085';
  }
}
