package dev.adjoint.sample;

/**
 * A problem with the user's input (a missing or malformed file, a value out of range): {@link
 * Main} prints its message on stderr, without a stack trace, and exits with status 1.
 */
final class BadInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  BadInputException(String message) {
    super(message);
  }

  BadInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
