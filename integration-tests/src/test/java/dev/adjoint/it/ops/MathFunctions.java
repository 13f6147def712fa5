package dev.adjoint.it.ops;

import dev.adjoint.Differentiable;

/** One method per {@code java.lang.Math} function that the processor differentiates. */
final class MathFunctions {
  private MathFunctions() {}

  @Differentiable
  static double sin(double x) {
    return Math.sin(x);
  }

  @Differentiable
  static double cos(double x) {
    return Math.cos(x);
  }

  @Differentiable
  static double tan(double x) {
    return Math.tan(x);
  }

  @Differentiable
  static double asin(double x) {
    return Math.asin(x);
  }

  @Differentiable
  static double acos(double x) {
    return Math.acos(x);
  }

  @Differentiable
  static double atan(double x) {
    return Math.atan(x);
  }

  @Differentiable
  static double atan2(double y, double x) {
    return Math.atan2(y, x);
  }

  @Differentiable
  static double sinh(double x) {
    return Math.sinh(x);
  }

  @Differentiable
  static double cosh(double x) {
    return Math.cosh(x);
  }

  @Differentiable
  static double tanh(double x) {
    return Math.tanh(x);
  }

  @Differentiable
  static double exp(double x) {
    return Math.exp(x);
  }

  @Differentiable
  static double expm1(double x) {
    return Math.expm1(x);
  }

  @Differentiable
  static double log(double x) {
    return Math.log(x);
  }

  @Differentiable
  static double log10(double x) {
    return Math.log10(x);
  }

  @Differentiable
  static double log1p(double x) {
    return Math.log1p(x);
  }

  @Differentiable
  static double sqrt(double x) {
    return Math.sqrt(x);
  }

  @Differentiable
  static double cbrt(double x) {
    return Math.cbrt(x);
  }

  @Differentiable
  static double powConstantExponent(double x) {
    return Math.pow(x, 3.0);
  }

  @Differentiable
  static double powBoth(double x, double y) {
    return Math.pow(x, y);
  }

  @Differentiable
  static double powConstantBase(double y) {
    return Math.pow(2.0, y);
  }

  @Differentiable
  static double hypot(double x, double y) {
    return Math.hypot(x, y);
  }

  @Differentiable
  static double abs(double x) {
    return Math.abs(x);
  }

  @Differentiable
  static double max(double x, double y) {
    return Math.max(x, y);
  }

  @Differentiable
  static double min(double x, double y) {
    return Math.min(x, y);
  }

  @Differentiable
  static double fma(double x, double y, double z) {
    return Math.fma(x, y, z);
  }

  @Differentiable
  static double toRadians(double x) {
    return Math.toRadians(x);
  }

  @Differentiable
  static double toDegrees(double x) {
    return Math.toDegrees(x);
  }

  // Piecewise constant: zero derivative. Multiplying by x makes the product rule see them.

  @Differentiable
  static double floor(double x) {
    return Math.floor(x) * x;
  }

  @Differentiable
  static double ceil(double x) {
    return Math.ceil(x) * x;
  }

  @Differentiable
  static double rint(double x) {
    return Math.rint(x) * x;
  }

  @Differentiable
  static double round(double x) {
    return Math.round(x) * x;
  }

  @Differentiable
  static double signum(double x) {
    return Math.signum(x) * x;
  }

  @Differentiable
  static double floorAlone(double x) {
    return Math.floor(x);
  }

  /** The result of {@code Math.round(double)} is a long: returned directly, derivative zero. */
  @Differentiable
  static double roundToLong(double x) {
    return Math.round(x * 3);
  }

  /** int/long overloads of abs, max, min, round: integer results, no derivative. */
  @Differentiable
  static double integerOverloads(double x, int n) {
    int k = (int) x;
    long m = Math.round(x) - 2L;
    int r = Math.round((float) x);
    return Math.abs(k - n)
        + Math.max(k, n) * x
        + Math.min(m, 4L)
        + Math.abs(m) * x
        - Math.max(r, -1);
  }

  /** Every function in one expression: derivatives combine through the chain rule. */
  @Differentiable
  static double composed(double x, double y) {
    double a = Math.exp(Math.sin(x) * Math.cos(y));
    double b = Math.log1p(Math.hypot(x, y)) / Math.cosh(x - y);
    double c = Math.atan2(Math.tanh(x), Math.sqrt(y * y + 1)) + Math.cbrt(x * y + 10);
    return Math.pow(a + b, 1.5) * c + Math.fma(a, b, c);
  }
}
