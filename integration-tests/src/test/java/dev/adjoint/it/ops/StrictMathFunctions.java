package dev.adjoint.it.ops;

import dev.adjoint.Differentiable;

/** {@code StrictMath} spellings of a few functions. */
final class StrictMathFunctions {
  private StrictMathFunctions() {}

  @Differentiable
  static double sin(double x) {
    return StrictMath.sin(x);
  }

  @Differentiable
  static double exp(double x) {
    return StrictMath.exp(x);
  }

  @Differentiable
  static double log(double x) {
    return StrictMath.log(x);
  }

  @Differentiable
  static double pow(double x, double y) {
    return StrictMath.pow(x, y);
  }

  @Differentiable
  static double atan2(double y, double x) {
    return StrictMath.atan2(y, x);
  }

  @Differentiable
  static double hypot(double x, double y) {
    return StrictMath.hypot(x, y);
  }

  @Differentiable
  static double cbrtAndTanh(double x) {
    return StrictMath.cbrt(x) * StrictMath.tanh(x);
  }

  @Differentiable
  static double mixedWithMath(double x, double y) {
    return StrictMath.sqrt(x) * Math.sqrt(y) + StrictMath.max(x, y);
  }
}
