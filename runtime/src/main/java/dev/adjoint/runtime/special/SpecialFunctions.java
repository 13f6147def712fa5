package dev.adjoint.runtime.special;

/**
 * Special functions that {@code @Differentiable} code may call: each has a {@code @DerivativeOf}
 * rule in {@link SpecialFunctionRules}, so generated reverse sweeps use its exact derivative.
 *
 * <p>{@code erf} and {@code erfc} go through the regularised incomplete gamma function
 * {@code P(1/2, x²)} (its series for small arguments, its continued fraction for large ones), which
 * keeps both accurate to a few units in the last place, {@code erfc} also far in the tail.
 */
public final class SpecialFunctions {
  private static final double EPSILON = 1e-17;
  private static final double TINY = 1e-300;
  /** ln Γ(1/2) = ln √π. */
  private static final double LOG_GAMMA_HALF = 0.5 * Math.log(Math.PI);

  private SpecialFunctions() {}

  /** The error function, 2/√π ∫₀ˣ e^(−t²) dt. */
  public static double erf(double x) {
    if (Double.isNaN(x)) {
      return x;
    }
    double x2 = x * x;
    double p = x2 < 1.5 ? lowerSeries(x2) : 1 - upperFraction(x2);
    return x < 0 ? -p : p;
  }

  /** The complementary error function, 1 − erf(x), without cancellation for large x. */
  public static double erfc(double x) {
    if (Double.isNaN(x)) {
      return x;
    }
    double x2 = x * x;
    if (x < 0) {
      return 1 + (x2 < 1.5 ? lowerSeries(x2) : 1 - upperFraction(x2));
    }
    return x2 < 1.5 ? 1 - lowerSeries(x2) : upperFraction(x2);
  }

  /** The standard normal cumulative distribution function Φ(x). */
  public static double normalCdf(double x) {
    return 0.5 * erfc(-x / Math.sqrt(2));
  }

  /** The standard normal density φ(x) = e^(−x²/2) / √(2π). */
  public static double normalPdf(double x) {
    return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
  }

  /** P(1/2, y) by its power series (converges fast for y below about 1.5). */
  private static double lowerSeries(double y) {
    if (y == 0) {
      return 0;
    }
    double a = 0.5;
    double term = 1 / a;
    double sum = term;
    for (int n = 1; n < 500; n++) {
      term *= y / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * EPSILON) {
        break;
      }
    }
    return sum * Math.exp(-y + a * Math.log(y) - LOG_GAMMA_HALF);
  }

  /** Q(1/2, y) = 1 − P(1/2, y) by its continued fraction (modified Lentz), for y ≥ 1.5. */
  private static double upperFraction(double y) {
    if (Double.isInfinite(y)) {
      return 0;
    }
    double a = 0.5;
    double b = y + 1 - a;
    double c = 1 / TINY;
    double d = 1 / b;
    double h = d;
    for (int i = 1; i < 500; i++) {
      double an = -i * (i - a);
      b += 2;
      d = an * d + b;
      if (Math.abs(d) < TINY) {
        d = TINY;
      }
      c = b + an / c;
      if (Math.abs(c) < TINY) {
        c = TINY;
      }
      d = 1 / d;
      double delta = d * c;
      h *= delta;
      if (Math.abs(delta - 1) < EPSILON) {
        break;
      }
    }
    return Math.exp(-y + a * Math.log(y) - LOG_GAMMA_HALF) * h;
  }
}
