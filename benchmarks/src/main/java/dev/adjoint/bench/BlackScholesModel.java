package dev.adjoint.bench;

import dev.adjoint.Differentiable;
import org.hipparchus.analysis.differentiation.Gradient;

/**
 * Workload 1: the Black-Scholes call price, 5 active inputs, in three forms that compute the same
 * function: the {@code @Differentiable} primal (a copy of {@code dev.adjoint.sample.BlackScholes
 * #callPrice}, kept here so the benchmark does not change when the sample is edited and the
 * benchmarks jar does not carry the sample), a hand-written reverse-mode adjoint and a Hipparchus
 * forward-mode version.
 */
public final class BlackScholesModel {
  private BlackScholesModel() {}

  /** Number of differentiated inputs; read by {@link Report}. */
  public static final int ACTIVE_INPUTS = 5;

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

    // N(d1): the tail probability of |d1|, then reflected
    double z1 = Math.abs(d1);
    double tail1 =
        z1 > TAIL_LIMIT
            ? 0.0
            : z1 < RATIONAL_LIMIT
                ? Math.exp(-0.5 * z1 * z1)
                    * ((((((P6 * z1 + P5) * z1 + P4) * z1 + P3) * z1 + P2) * z1 + P1) * z1 + P0)
                    / (((((((Q7 * z1 + Q6) * z1 + Q5) * z1 + Q4) * z1 + Q3) * z1 + Q2) * z1 + Q1)
                            * z1
                        + Q0)
                : Math.exp(-0.5 * z1 * z1)
                    / ((z1 + 1.0 / (z1 + 2.0 / (z1 + 3.0 / (z1 + 4.0 / (z1 + 0.65)))))
                        * SQRT_TWO_PI);
    double nd1 = d1 > 0.0 ? 1.0 - tail1 : tail1;

    // N(d2), likewise
    double z2 = Math.abs(d2);
    double tail2 =
        z2 > TAIL_LIMIT
            ? 0.0
            : z2 < RATIONAL_LIMIT
                ? Math.exp(-0.5 * z2 * z2)
                    * ((((((P6 * z2 + P5) * z2 + P4) * z2 + P3) * z2 + P2) * z2 + P1) * z2 + P0)
                    / (((((((Q7 * z2 + Q6) * z2 + Q5) * z2 + Q4) * z2 + Q3) * z2 + Q2) * z2 + Q1)
                            * z2
                        + Q0)
                : Math.exp(-0.5 * z2 * z2)
                    / ((z2 + 1.0 / (z2 + 2.0 / (z2 + 3.0 / (z2 + 4.0 / (z2 + 0.65)))))
                        * SQRT_TWO_PI);
    double nd2 = d2 > 0.0 ? 1.0 - tail2 : tail2;

    return spot * nd1 - strike * Math.exp(-rate * time) * nd2;
  }

  /**
   * Hand-written reverse-mode adjoint of {@link #callPrice}, the speed target for the generated
   * pullback: the derivative of the same function (including Hart's CDF approximation, not the
   * exact normal density), in one forward sweep that keeps what the reverse sweep needs in locals,
   * then the reverse sweep. Adds {@code seed} times the gradient into {@code adjoint[0..4]} (spot,
   * strike, rate, vol, time), allocates nothing and returns the price.
   */
  public static double callPriceAdjoint(
      double spot,
      double strike,
      double rate,
      double vol,
      double time,
      double seed,
      double[] adjoint) {
    // forward sweep
    double sqrtTime = Math.sqrt(time);
    double volSqrtTime = vol * sqrtTime;
    double drift = rate + 0.5 * vol * vol;
    double d1 = (Math.log(spot / strike) + drift * time) / volSqrtTime;
    double d2 = d1 - volSqrtTime;
    double discount = Math.exp(-rate * time);

    // N(d) = d > 0 ? 1 - tail(|d|) : tail(|d|), so N'(d) = -tail'(|d|) on both sides
    double z1 = Math.abs(d1);
    double tail1;
    double tailSlope1;
    if (z1 > TAIL_LIMIT) {
      tail1 = 0.0;
      tailSlope1 = 0.0;
    } else if (z1 < RATIONAL_LIMIT) {
      double e = Math.exp(-0.5 * z1 * z1);
      double p = (((((P6 * z1 + P5) * z1 + P4) * z1 + P3) * z1 + P2) * z1 + P1) * z1 + P0;
      double dp =
          ((((6.0 * P6 * z1 + 5.0 * P5) * z1 + 4.0 * P4) * z1 + 3.0 * P3) * z1 + 2.0 * P2) * z1
              + P1;
      double q =
          ((((((Q7 * z1 + Q6) * z1 + Q5) * z1 + Q4) * z1 + Q3) * z1 + Q2) * z1 + Q1) * z1
              + Q0;
      double dq =
          (((((7.0 * Q7 * z1 + 6.0 * Q6) * z1 + 5.0 * Q5) * z1 + 4.0 * Q4) * z1 + 3.0 * Q3)
                      * z1
                  + 2.0 * Q2)
              * z1
              + Q1;
      tail1 = e * p / q;
      tailSlope1 = (e * dp - tail1 * dq) / q - z1 * tail1;
    } else {
      double c4 = z1 + 0.65;
      double c3 = z1 + 4.0 / c4;
      double c2 = z1 + 3.0 / c3;
      double c1 = z1 + 2.0 / c2;
      double f = z1 + 1.0 / c1;
      double dc3 = 1.0 - 4.0 / (c4 * c4);
      double dc2 = 1.0 - 3.0 / (c3 * c3) * dc3;
      double dc1 = 1.0 - 2.0 / (c2 * c2) * dc2;
      double df = 1.0 - 1.0 / (c1 * c1) * dc1;
      tail1 = Math.exp(-0.5 * z1 * z1) / (f * SQRT_TWO_PI);
      tailSlope1 = -tail1 * (z1 + df / f);
    }
    double nd1 = d1 > 0.0 ? 1.0 - tail1 : tail1;

    double z2 = Math.abs(d2);
    double tail2;
    double tailSlope2;
    if (z2 > TAIL_LIMIT) {
      tail2 = 0.0;
      tailSlope2 = 0.0;
    } else if (z2 < RATIONAL_LIMIT) {
      double e = Math.exp(-0.5 * z2 * z2);
      double p = (((((P6 * z2 + P5) * z2 + P4) * z2 + P3) * z2 + P2) * z2 + P1) * z2 + P0;
      double dp =
          ((((6.0 * P6 * z2 + 5.0 * P5) * z2 + 4.0 * P4) * z2 + 3.0 * P3) * z2 + 2.0 * P2) * z2
              + P1;
      double q =
          ((((((Q7 * z2 + Q6) * z2 + Q5) * z2 + Q4) * z2 + Q3) * z2 + Q2) * z2 + Q1) * z2
              + Q0;
      double dq =
          (((((7.0 * Q7 * z2 + 6.0 * Q6) * z2 + 5.0 * Q5) * z2 + 4.0 * Q4) * z2 + 3.0 * Q3)
                      * z2
                  + 2.0 * Q2)
              * z2
              + Q1;
      tail2 = e * p / q;
      tailSlope2 = (e * dp - tail2 * dq) / q - z2 * tail2;
    } else {
      double c4 = z2 + 0.65;
      double c3 = z2 + 4.0 / c4;
      double c2 = z2 + 3.0 / c3;
      double c1 = z2 + 2.0 / c2;
      double f = z2 + 1.0 / c1;
      double dc3 = 1.0 - 4.0 / (c4 * c4);
      double dc2 = 1.0 - 3.0 / (c3 * c3) * dc3;
      double dc1 = 1.0 - 2.0 / (c2 * c2) * dc2;
      double df = 1.0 - 1.0 / (c1 * c1) * dc1;
      tail2 = Math.exp(-0.5 * z2 * z2) / (f * SQRT_TWO_PI);
      tailSlope2 = -tail2 * (z2 + df / f);
    }
    double nd2 = d2 > 0.0 ? 1.0 - tail2 : tail2;

    double price = spot * nd1 - strike * discount * nd2;

    // reverse sweep
    double nd1Bar = seed * spot;
    double nd2Bar = -seed * strike * discount;
    double spotBar = seed * nd1;
    double strikeBar = -seed * discount * nd2;
    double discountBar = -seed * strike * nd2;
    double d1Bar = -nd1Bar * tailSlope1;
    double d2Bar = -nd2Bar * tailSlope2;
    // discount = exp(-rate * time)
    double minusRateTimeBar = discountBar * discount;
    double rateBar = -minusRateTimeBar * time;
    double timeBar = -minusRateTimeBar * rate;
    // d2 = d1 - volSqrtTime
    d1Bar += d2Bar;
    double volSqrtTimeBar = -d2Bar;
    // d1 = (log(spot / strike) + drift * time) / volSqrtTime
    double numeratorBar = d1Bar / volSqrtTime;
    volSqrtTimeBar -= numeratorBar * d1;
    spotBar += numeratorBar / spot;
    strikeBar -= numeratorBar / strike;
    double driftBar = numeratorBar * time;
    timeBar += numeratorBar * drift;
    // drift = rate + 0.5 * vol * vol
    rateBar += driftBar;
    double volBar = driftBar * vol;
    // volSqrtTime = vol * sqrt(time)
    volBar += volSqrtTimeBar * sqrtTime;
    timeBar += volSqrtTimeBar * vol * 0.5 / sqrtTime;

    adjoint[0] += spotBar;
    adjoint[1] += strikeBar;
    adjoint[2] += rateBar;
    adjoint[3] += volBar;
    adjoint[4] += timeBar;
    return price;
  }

  /**
   * {@link #callPrice} in Hipparchus forward mode: value and full gradient with respect to the five
   * inputs (spot, strike, rate, vol, time, in that order).
   */
  public static Gradient callPriceHipparchus(
      double spot, double strike, double rate, double vol, double time) {
    Gradient s = Gradient.variable(5, 0, spot);
    Gradient k = Gradient.variable(5, 1, strike);
    Gradient r = Gradient.variable(5, 2, rate);
    Gradient v = Gradient.variable(5, 3, vol);
    Gradient t = Gradient.variable(5, 4, time);
    Gradient volSqrtTime = v.multiply(t.sqrt());
    Gradient d1 = s.divide(k).log().add(r.add(v.multiply(v).multiply(0.5)).multiply(t)).divide(volSqrtTime);
    Gradient d2 = d1.subtract(volSqrtTime);
    return s.multiply(cdf(d1)).subtract(k.multiply(r.multiply(t).negate().exp()).multiply(cdf(d2)));
  }

  /** Hart's normal CDF on Hipparchus gradients, branching on the values like the primal. */
  private static Gradient cdf(Gradient d) {
    Gradient z = d.abs();
    double zValue = z.getValue();
    Gradient tail;
    if (zValue > TAIL_LIMIT) {
      tail = Gradient.constant(d.getFreeParameters(), 0.0);
    } else if (zValue < RATIONAL_LIMIT) {
      Gradient p = z.multiply(P6).add(P5).multiply(z).add(P4).multiply(z).add(P3).multiply(z).add(P2)
          .multiply(z).add(P1).multiply(z).add(P0);
      Gradient q = z.multiply(Q7).add(Q6).multiply(z).add(Q5).multiply(z).add(Q4).multiply(z).add(Q3)
          .multiply(z).add(Q2).multiply(z).add(Q1).multiply(z).add(Q0);
      tail = z.multiply(z).multiply(-0.5).exp().multiply(p).divide(q);
    } else {
      Gradient f = z.add(z.add(z.add(z.add(z.add(0.65).reciprocal().multiply(4.0)).reciprocal()
          .multiply(3.0)).reciprocal().multiply(2.0)).reciprocal());
      tail = z.multiply(z).multiply(-0.5).exp().divide(f.multiply(SQRT_TWO_PI));
    }
    return d.getValue() > 0.0 ? tail.negate().add(1.0) : tail;
  }
}
