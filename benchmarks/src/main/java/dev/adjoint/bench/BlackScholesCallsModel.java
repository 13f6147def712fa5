package dev.adjoint.bench;

import dev.adjoint.Differentiable;

/**
 * Workload: the Black–Scholes call of {@link BlackScholesModel} written as a composition, a price
 * that calls a {@code @Differentiable} normal CDF twice (Hart's algorithm with if statements, as in
 * the sample app), so the generated pullback calls the CDF's generated pullback. Its speed target
 * is the hand-written adjoint of the same composition, {@link BlackScholesModel#callPriceAdjoint}
 * (which differentiates the CDF in place), and its allocation target is zero.
 */
public final class BlackScholesCallsModel {
  private BlackScholesCallsModel() {}

  public static final int ACTIVE_INPUTS = 5;

  /** pullback / handAdjoint goal for compositions of straight-line methods (issue: calls). */
  public static final double HAND_GOAL = 1.2;

  /** Standard normal CDF, Hart's double-precision algorithm (constants of BlackScholesModel). */
  @Differentiable
  public static double normalCdf(double x) {
    double z = Math.abs(x);
    double tail;
    if (z > BlackScholesModel.TAIL_LIMIT) {
      tail = 0.0;
    } else if (z < BlackScholesModel.RATIONAL_LIMIT) {
      double numerator = ((((((BlackScholesModel.P6 * z + BlackScholesModel.P5) * z
          + BlackScholesModel.P4) * z + BlackScholesModel.P3) * z + BlackScholesModel.P2) * z
          + BlackScholesModel.P1) * z + BlackScholesModel.P0);
      double denominator = (((((((BlackScholesModel.Q7 * z + BlackScholesModel.Q6) * z
          + BlackScholesModel.Q5) * z + BlackScholesModel.Q4) * z + BlackScholesModel.Q3) * z
          + BlackScholesModel.Q2) * z + BlackScholesModel.Q1) * z + BlackScholesModel.Q0);
      tail = Math.exp(-0.5 * z * z) * numerator / denominator;
    } else {
      double fraction = z + 1.0 / (z + 2.0 / (z + 3.0 / (z + 4.0 / (z + 0.65))));
      tail = Math.exp(-0.5 * z * z) / (fraction * BlackScholesModel.SQRT_TWO_PI);
    }
    return x > 0.0 ? 1.0 - tail : tail;
  }

  /** The call price, through two calls of {@link #normalCdf}. */
  @Differentiable
  public static double callPrice(double spot, double strike, double rate, double vol, double time) {
    double volSqrtTime = vol * Math.sqrt(time);
    double d1 = (Math.log(spot / strike) + (rate + 0.5 * vol * vol) * time) / volSqrtTime;
    double d2 = d1 - volSqrtTime;
    return spot * normalCdf(d1) - strike * Math.exp(-rate * time) * normalCdf(d2);
  }
}
