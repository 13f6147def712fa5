package dev.adjoint.it.ops;

import static java.lang.Math.PI;
import static java.lang.Math.exp;
import static java.lang.Math.sin;
import static java.lang.Math.sqrt;

import dev.adjoint.Differentiable;

/** Math functions and constants used through static imports. */
final class StaticImports {
  private StaticImports() {}

  @Differentiable
  static double staticallyImported(double x, double y) {
    return sin(PI * x) * exp(-y) + sqrt(x * x + y * y + 1);
  }
}
