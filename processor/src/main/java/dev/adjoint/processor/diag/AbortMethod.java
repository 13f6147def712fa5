package dev.adjoint.processor.diag;

/**
 * Thrown after an error has been reported for a method: stops work on that method only; the
 * processor carries on with the next one.
 */
public final class AbortMethod extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public AbortMethod() {
    super(null, null, false, false);
  }
}
