package io.recur.core;

/**
 * Bad input from the user — a value out of range, a file that is not what it claims to be, a
 * checkpoint that does not fit. The message names the problem and the way out; the command line
 * prints it as one line and exits with status 2.
 */
public class InvalidInputException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public InvalidInputException(String message) {
    super(message);
  }

  public InvalidInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
