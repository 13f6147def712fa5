package dev.adjoint.it.ops;

import dev.adjoint.Differentiable;

/** Reading {@code static final} constants: the class's own ones and library ones. */
final class Constants {
  static final double SQRT_2PI = Math.sqrt(2 * Math.PI);
  static final double HALF = 0.5;
  static final int THREE = 3;
  static final double[] COEFFS = {1.5, -2.0, 0.25, 0.125};

  private Constants() {}

  @Differentiable
  static double ownConstants(double x) {
    return HALF * x * x / SQRT_2PI + THREE * x;
  }

  @Differentiable
  static double libraryConstants(double x) {
    return Math.PI * x + Math.E + Math.min(x, Double.MAX_VALUE) - Math.max(x, -Double.MAX_VALUE);
  }

  /** A constant array read by index (inactive), including an index computed from an int. */
  @Differentiable
  static double constantArray(double x, int i) {
    return COEFFS[0] + COEFFS[1] * x + COEFFS[2] * x * x + COEFFS[i % 4] * x * x * x;
  }

  /** A nested class: its companion is {@code Constants_PolynomialDerivatives}. */
  static final class Polynomial {
    private Polynomial() {}

    @Differentiable
    static double horner(double x, double[] c) {
      return c[0] + x * (c[1] + x * (c[2] + x * c[c.length - 1]));
    }
  }
}
