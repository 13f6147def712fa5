package dev.adjoint.runtime.special;

import dev.adjoint.DerivativeOf;

/**
 * The pullbacks of {@link SpecialFunctions}, in the shape generated code calls: they add
 * {@code seed · f'(x)} into {@code dX[0]} and return {@code f(x)}. Listed in the rule index
 * {@code dev.adjoint.rules.index.Rules_runtime}, so the processor finds them in this jar.
 */
public final class SpecialFunctionRules {
  private static final double TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

  private SpecialFunctionRules() {}

  /** erf'(x) = 2/√π e^(−x²). */
  @DerivativeOf(value = SpecialFunctions.class, method = "erf")
  public static double erfPullback(double x, double seed, double[] dX) {
    dX[0] += seed * TWO_OVER_SQRT_PI * Math.exp(-x * x);
    return SpecialFunctions.erf(x);
  }

  /** erfc'(x) = −2/√π e^(−x²). */
  @DerivativeOf(value = SpecialFunctions.class, method = "erfc")
  public static double erfcPullback(double x, double seed, double[] dX) {
    dX[0] -= seed * TWO_OVER_SQRT_PI * Math.exp(-x * x);
    return SpecialFunctions.erfc(x);
  }

  /** Φ'(x) = φ(x). */
  @DerivativeOf(value = SpecialFunctions.class, method = "normalCdf")
  public static double normalCdfPullback(double x, double seed, double[] dX) {
    dX[0] += seed * SpecialFunctions.normalPdf(x);
    return SpecialFunctions.normalCdf(x);
  }

  /** φ'(x) = −x φ(x). */
  @DerivativeOf(value = SpecialFunctions.class, method = "normalPdf")
  public static double normalPdfPullback(double x, double seed, double[] dX) {
    double pdf = SpecialFunctions.normalPdf(x);
    dX[0] -= seed * x * pdf;
    return pdf;
  }
}
