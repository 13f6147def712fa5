package dev.adjoint.runtime.check;

import dev.adjoint.runtime.Objective;
import java.util.Locale;

/**
 * Compares the gradient an {@link Objective} reports with central finite differences, to catch
 * a hand-written or wrongly wired gradient before it silently slows or breaks an optimization.
 *
 * <p>For component {@code i} the step is {@code h_i = ∛ε · max(|x_i|, 1)} (ε the machine
 * epsilon, so {@code h_i ≈ 6e-6} near the origin); the numeric derivative is {@code (f(x + h_i
 * e_i) − f(x − h_i e_i)) / (2 h_i)}, with {@code 2 h_i} taken as the distance between the two
 * points actually evaluated (after rounding), whose
 * truncation and rounding errors are then both about {@code 1e-10} relative for a smooth,
 * well-scaled function. The error of a component is {@code |analytic − numeric| / max(|analytic|,
 * |numeric|, 1)}: relative for derivatives larger than one, absolute below, so tiny derivatives
 * dominated by rounding noise do not report huge relative errors. A NaN in either derivative
 * counts as an infinite error.
 *
 * <p>Costs {@code 2n + 1} evaluations; {@code x} is not modified.
 */
public final class GradientCheck {
  /** ∛(machine epsilon): balances the O(h²) truncation error against the O(ε/h) rounding error. */
  private static final double RELATIVE_STEP = Math.cbrt(Math.ulp(1.0));

  /** A default tolerance suitable for smooth functions of well-scaled arguments. */
  public static final double DEFAULT_TOLERANCE = 1e-6;

  private GradientCheck() {}

  /**
   * The outcome of a check: the worst component and both full gradients.
   *
   * @param value f(x)
   * @param worstIndex index of the component with the largest error
   * @param analytic the objective's derivative at {@code worstIndex}
   * @param numeric the central-difference derivative at {@code worstIndex}
   * @param relativeError the error at {@code worstIndex} (see {@link GradientCheck}); {@code +∞}
   *     if a derivative there is NaN
   * @param analyticGradient the objective's gradient (owned by this result)
   * @param numericGradient the central-difference gradient (owned by this result)
   */
  public record Result(
      double value,
      int worstIndex,
      double analytic,
      double numeric,
      double relativeError,
      double[] analyticGradient,
      double[] numericGradient) {

    /** Whether the worst error is at most {@code tolerance}. */
    public boolean passes(double tolerance) {
      return relativeError <= tolerance;
    }

    /**
     * A one-line human description of the worst component, for example {@code "gradient check:
     * worst component 3 of 10: analytic 1.500000000, central difference 1.200000000, relative error
     * 2.000e-01"} (ten significant digits).
     */
    public String message() {
      return String.format(
          Locale.ROOT,
          "gradient check: worst component %d of %d: analytic %.10g, central difference %.10g,"
              + " relative error %.3e",
          worstIndex,
          analyticGradient.length,
          analytic,
          numeric,
          relativeError);
    }
  }

  /**
   * Checks the gradient of {@code objective} at {@code x}.
   *
   * @throws IllegalArgumentException if {@code objective} or {@code x} is null, {@code x} is
   *     empty or holds a non-finite value, or f(x) is not finite
   */
  public static Result check(Objective objective, double[] x) {
    if (objective == null) {
      throw new IllegalArgumentException("objective must not be null");
    }
    if (x == null || x.length == 0) {
      throw new IllegalArgumentException("x must be a non-empty array");
    }
    for (int i = 0; i < x.length; i++) {
      if (!Double.isFinite(x[i])) {
        throw new IllegalArgumentException(
            "x[" + i + "] is " + x[i] + "; every element must be finite");
      }
    }
    int n = x.length;
    double[] point = x.clone();
    double[] analytic = new double[n];
    double[] numeric = new double[n];
    double[] scratch = new double[n];
    double value = objective.valueAndGradient(point, analytic);
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("objective value at x is " + value + "; it must be finite");
    }
    int worst = 0;
    double worstError = -1;
    for (int i = 0; i < n; i++) {
      double xi = x[i];
      double h = RELATIVE_STEP * Math.max(Math.abs(xi), 1.0);
      // Divide by the distance between the rounded points, not by 2h.
      double plus = xi + h;
      double minus = xi - h;
      point[i] = plus;
      double fPlus = objective.valueAndGradient(point, scratch);
      point[i] = minus;
      double fMinus = objective.valueAndGradient(point, scratch);
      point[i] = xi;
      numeric[i] = (fPlus - fMinus) / (plus - minus);
      double error = error(analytic[i], numeric[i]);
      if (error > worstError) {
        worstError = error;
        worst = i;
      }
    }
    return new Result(value, worst, analytic[worst], numeric[worst], worstError, analytic, numeric);
  }

  /**
   * Checks the gradient and throws if the worst error exceeds {@code tolerance}.
   *
   * @return the result, when it passes
   * @throws AssertionError with {@link Result#message()} and the tolerance, if it fails
   * @throws IllegalArgumentException as {@link #check}, or if {@code tolerance} is negative or NaN
   */
  public static Result assertGradient(Objective objective, double[] x, double tolerance) {
    if (!(tolerance >= 0)) {
      throw new IllegalArgumentException("tolerance must be >= 0, got " + tolerance);
    }
    Result result = check(objective, x);
    if (!result.passes(tolerance)) {
      throw new AssertionError(
          result.message() + String.format(Locale.ROOT, " exceeds tolerance %.3e", tolerance));
    }
    return result;
  }

  /** As {@link #assertGradient(Objective, double[], double)} with {@link #DEFAULT_TOLERANCE}. */
  public static Result assertGradient(Objective objective, double[] x) {
    return assertGradient(objective, x, DEFAULT_TOLERANCE);
  }

  private static double error(double analytic, double numeric) {
    double error =
        Math.abs(analytic - numeric)
            / Math.max(Math.max(Math.abs(analytic), Math.abs(numeric)), 1.0);
    return Double.isNaN(error) ? Double.POSITIVE_INFINITY : error;
  }
}
