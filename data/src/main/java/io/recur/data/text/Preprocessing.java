package io.recur.data.text;

import io.recur.core.InvalidInputException;

/**
 * What happens to raw text before it is tokenised. {@code letters} is the classic Time Machine
 * cleaning, exactly Python's {@code re.sub('[^A-Za-z]+', ' ', text).lower()}; {@code none}
 * keeps the text as it is.
 */
public enum Preprocessing {
  /** Every run of characters outside {@code [A-Za-z]} becomes one space; letters become lower case. */
  LETTERS("letters") {
    @Override
    public String apply(CharSequence text) {
      StringBuilder out = new StringBuilder(text.length());
      boolean inRun = false;
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c >= 'a' && c <= 'z') {
          out.append(c);
          inRun = false;
        } else if (c >= 'A' && c <= 'Z') {
          out.append((char) (c + ('a' - 'A')));
          inRun = false;
        } else if (!inRun) {
          out.append(' ');
          inRun = true;
        }
      }
      return out.toString();
    }
  },
  /** The text unchanged. */
  NONE("none") {
    @Override
    public String apply(CharSequence text) {
      return text.toString();
    }
  };

  private final String configName;

  Preprocessing(String configName) {
    this.configName = configName;
  }

  public abstract String apply(CharSequence text);

  /** The name used in configuration and on the command line. */
  public String configName() {
    return configName;
  }

  /** @throws InvalidInputException for an unknown name, listing the known ones */
  public static Preprocessing byName(String name) {
    for (Preprocessing p : values()) {
      if (p.configName.equals(name)) {
        return p;
      }
    }
    throw new InvalidInputException("unknown preprocessing '" + name + "'; available: [letters, none]; set --preprocess");
  }
}
