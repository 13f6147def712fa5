package dev.adjoint.sample;

import dev.adjoint.Differentiable;

/**
 * The discounted payoff of one antithetic pair of Monte Carlo paths of a European option under
 * Black-Scholes dynamics, as a differentiable function of the market inputs given the normal
 * draw.
 *
 * <p>Adjoint generates {@code PathPayoffDerivatives.discountedPayoffPullback}: one reverse sweep
 * per pair gives the pathwise derivatives with respect to spot, volatility and rate at once. The
 * mean of the pathwise derivatives over many pairs is an unbiased estimate of delta, vega and rho:
 * the payoff {@code max(S_T - K, 0)} is Lipschitz in the inputs and differentiable except where
 * {@code S_T = K}, an event of probability zero (Broadie and Glasserman, 1996).
 */
public final class PathPayoff {
  private PathPayoff() {}

  /**
   * Average of the discounted payoffs of the paths driven by {@code z} and {@code -z}.
   *
   * @param spot price of the underlying today
   * @param vol annual volatility
   * @param rate continuously compounded risk-free rate
   * @param strike strike price (a constant for differentiation)
   * @param time time to expiry in years (a constant for differentiation)
   * @param z a standard normal draw
   * @param call true for a call, false for a put
   */
  @Differentiable(wrt = {"spot", "vol", "rate"})
  public static double discountedPayoff(
      double spot, double vol, double rate, double strike, double time, double z, boolean call) {
    double drift = (rate - 0.5 * vol * vol) * time;
    double diffusion = vol * Math.sqrt(time) * z;
    double up = spot * Math.exp(drift + diffusion);
    double down = spot * Math.exp(drift - diffusion);
    double payoff;
    if (call) {
      payoff = Math.max(up - strike, 0.0) + Math.max(down - strike, 0.0);
    } else {
      payoff = Math.max(strike - up, 0.0) + Math.max(strike - down, 0.0);
    }
    return 0.5 * Math.exp(-rate * time) * payoff;
  }
}
