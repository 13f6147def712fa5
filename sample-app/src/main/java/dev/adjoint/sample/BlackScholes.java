package dev.adjoint.sample;

import dev.adjoint.Differentiable;

/**
 * Black-Scholes prices of European options, written so that Adjoint can differentiate them.
 *
 * <p>The annotation processor generates {@code BlackScholesDerivatives} with {@code
 * callPriceGradient}/{@code putPriceGradient} (price and all five sensitivities in one reverse
 * sweep) and the allocation-free {@code callPricePullback}/{@code putPricePullback}.
 *
 * <p>The standard normal CDF is Hart's double-precision algorithm (J. F. Hart et al., <i>Computer
 * Approximations</i>, 1968, algorithm 5666) as given by G. West, "Better approximations to
 * cumulative normal functions", Wilmott Magazine, 2005: a rational function for |x| &lt; 7.07, a
 * continued fraction beyond, 0 for |x| &gt; 37, reflected for x &gt; 0. Its absolute error is a
 * few ulps and its derivative agrees with the normal density to about 1e-14 relative for |x| &lt;
 * 3, so the generated Greeks match the closed-form ones.
 *
 * <p>The CDF is a {@code @Differentiable} method of its own, called twice by each price: the
 * generated pullbacks call its generated pullback.
 */
public final class BlackScholes {
  private BlackScholes() {}

  // Numerator of Hart's rational approximation, P0 + P1 z + ... + P6 z^6.
  static final double P0 = 220.206867912376;
  static final double P1 = 221.213596169931;
  static final double P2 = 112.079291497871;
  static final double P3 = 33.912866078383;
  static final double P4 = 6.37396220353165;
  static final double P5 = 0.700383064443688;
  static final double P6 = 3.52624965998911E-02;

  // Denominator, Q0 + Q1 z + ... + Q7 z^7.
  static final double Q0 = 440.413735824752;
  static final double Q1 = 793.826512519948;
  static final double Q2 = 637.333633378831;
  static final double Q3 = 296.564248779674;
  static final double Q4 = 86.7807322029461;
  static final double Q5 = 16.064177579207;
  static final double Q6 = 1.75566716318264;
  static final double Q7 = 8.83883476483184E-02;

  /** Below this |x| the rational function is used, above it the continued fraction. */
  static final double RATIONAL_LIMIT = 7.07106781186547;

  /** Beyond this |x| the tail probability underflows to zero. */
  static final double TAIL_LIMIT = 37.0;

  /** sqrt(2 pi). */
  static final double SQRT_TWO_PI = 2.5066282746310002;

  /** Standard normal CDF N(x), Hart's algorithm (see the class comment). */
  @Differentiable
  public static double normalCdf(double x) {
    double z = Math.abs(x);
    double tail;
    if (z > TAIL_LIMIT) {
      tail = 0.0;
    } else if (z < RATIONAL_LIMIT) {
      double numerator = ((((((P6 * z + P5) * z + P4) * z + P3) * z + P2) * z + P1) * z + P0);
      double denominator =
          (((((((Q7 * z + Q6) * z + Q5) * z + Q4) * z + Q3) * z + Q2) * z + Q1) * z + Q0);
      tail = Math.exp(-0.5 * z * z) * numerator / denominator;
    } else {
      double fraction = z + 1.0 / (z + 2.0 / (z + 3.0 / (z + 4.0 / (z + 0.65))));
      tail = Math.exp(-0.5 * z * z) / (fraction * SQRT_TWO_PI);
    }
    return x > 0.0 ? 1.0 - tail : tail;
  }

  /**
   * Price of a European call.
   *
   * @param spot price of the underlying today
   * @param strike strike price
   * @param rate continuously compounded risk-free rate (0.03 = 3%)
   * @param vol annual volatility (0.2 = 20%)
   * @param time time to expiry in years
   */
  @Differentiable
  public static double callPrice(double spot, double strike, double rate, double vol, double time) {
    double volSqrtTime = vol * Math.sqrt(time);
    double d1 = (Math.log(spot / strike) + (rate + 0.5 * vol * vol) * time) / volSqrtTime;
    double d2 = d1 - volSqrtTime;
    return spot * normalCdf(d1) - strike * Math.exp(-rate * time) * normalCdf(d2);
  }

  /**
   * Price of a European put; parameters as for {@link #callPrice}. Uses N(-d) directly (not 1 -
   * N(d)) so that deep in-the-money puts keep full relative accuracy.
   */
  @Differentiable
  public static double putPrice(double spot, double strike, double rate, double vol, double time) {
    double volSqrtTime = vol * Math.sqrt(time);
    double d1 = (Math.log(spot / strike) + (rate + 0.5 * vol * vol) * time) / volSqrtTime;
    double d2 = d1 - volSqrtTime;
    return strike * Math.exp(-rate * time) * normalCdf(-d2) - spot * normalCdf(-d1);
  }
}
