package dev.adjoint.it.support;

/**
 * The zoo's single notion of "equal up to rounding": a mixed absolute/relative bound, {@code
 * |expected - actual| <= tol * max(1, |expected|, |actual|)}.
 *
 * <p>Relative for large magnitudes, absolute (scaled by {@code tol}) near zero, where a relative
 * bound would demand more than rounding can deliver when a derivative is a cancelling sum.
 */
public final class Tolerance {
  /** Default bound for well-conditioned functions: a few thousand ulps of slack. */
  public static final double TIGHT = 1e-12;

  private Tolerance() {}

  public static boolean close(double expected, double actual, double tol) {
    if (Double.isNaN(expected) || Double.isNaN(actual)) {
      return false;
    }
    if (expected == actual) {
      return true; // also covers equal infinities
    }
    double scale = Math.max(1.0, Math.max(Math.abs(expected), Math.abs(actual)));
    return Math.abs(expected - actual) <= tol * scale;
  }

  public static void assertClose(double expected, double actual, double tol, String what) {
    if (!close(expected, actual, tol)) {
      throw new AssertionError(
          String.format(
              "%s: expected %s but was %s (difference %.3e, tolerance %.1e)",
              what, expected, actual, Math.abs(expected - actual), tol));
    }
  }
}
