package dev.adjoint.it.flow;

import dev.adjoint.Differentiable;

/**
 * Methods that make the generated reverse sweep keep values, branch decisions and trip counts on
 * the runtime's per-thread tape: used to check that the tape is reused correctly across calls of
 * different lengths, after an exception, between threads, and for a million iterations.
 */
final class TapeUse {
  private TapeUse() {}

  /**
   * A loop with a data-dependent branch and an overwritten accumulator; {@code n > a.length} throws
   * ArrayIndexOutOfBoundsException after {@code a.length} iterations.
   */
  @Differentiable
  static double decaySum(double[] a, double x, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) {
      double t = a[i] * x;
      if (t > 0) {
        s = s * 0.5 + t;
      } else {
        s = s * 0.25 - t * t;
      }
    }
    return s;
  }

  /**
   * A contracting recurrence with a branch on the running value, run for 10^6 iterations: for x > 0
   * it starts at -x in the cosine branch, crosses 0 once and settles in the sine branch.
   */
  @Differentiable
  static double longLoop(double x, int n) {
    double s = -x;
    for (int i = 0; i < n; i++) {
      s = 0.999 * s + 1e-3 * (s > 0 ? Math.sin(s + x) : Math.cos(x * s));
    }
    return s;
  }
}
