package dev.adjoint.sample;

/**
 * Textbook closed-form Black-Scholes Greeks: the independent check for the generated derivatives.
 *
 * <p>Nothing here is differentiated. The Greeks are the analytic formulas (delta = N(d1), vega =
 * S phi(d1) sqrt(T), ...), evaluated with the exact normal density phi and the normal CDF N.
 */
final class ClosedForm {
  private ClosedForm() {}

  /** Price and sensitivities of one option. {@code theta} is -dPrice/dTime, per year. */
  record Greeks(
      double price, double delta, double dStrike, double rho, double vega, double theta) {}

  private static final double SQRT_TWO_PI = Math.sqrt(2.0 * Math.PI);

  /** Standard normal density, exp(-x^2/2) / sqrt(2 pi). */
  static double normalPdf(double x) {
    return Math.exp(-0.5 * x * x) / SQRT_TWO_PI;
  }

  /**
   * Standard normal CDF: Hart's double-precision algorithm (West, 2005), in plain Java with
   * ordinary if-statements. Absolute error below 1e-15.
   */
  static double normalCdf(double x) {
    double z = Math.abs(x);
    double tail;
    if (z > BlackScholes.TAIL_LIMIT) {
      tail = 0.0;
    } else if (z < BlackScholes.RATIONAL_LIMIT) {
      double numerator = BlackScholes.P6;
      numerator = numerator * z + BlackScholes.P5;
      numerator = numerator * z + BlackScholes.P4;
      numerator = numerator * z + BlackScholes.P3;
      numerator = numerator * z + BlackScholes.P2;
      numerator = numerator * z + BlackScholes.P1;
      numerator = numerator * z + BlackScholes.P0;
      double denominator = BlackScholes.Q7;
      denominator = denominator * z + BlackScholes.Q6;
      denominator = denominator * z + BlackScholes.Q5;
      denominator = denominator * z + BlackScholes.Q4;
      denominator = denominator * z + BlackScholes.Q3;
      denominator = denominator * z + BlackScholes.Q2;
      denominator = denominator * z + BlackScholes.Q1;
      denominator = denominator * z + BlackScholes.Q0;
      tail = Math.exp(-0.5 * z * z) * numerator / denominator;
    } else {
      double fraction = z + 0.65;
      fraction = z + 4.0 / fraction;
      fraction = z + 3.0 / fraction;
      fraction = z + 2.0 / fraction;
      fraction = z + 1.0 / fraction;
      tail = Math.exp(-0.5 * z * z) / fraction / SQRT_TWO_PI;
    }
    return x > 0.0 ? 1.0 - tail : tail;
  }

  static Greeks call(double spot, double strike, double rate, double vol, double time) {
    double sqrtTime = Math.sqrt(time);
    double d1 = (Math.log(spot / strike) + (rate + 0.5 * vol * vol) * time) / (vol * sqrtTime);
    double d2 = d1 - vol * sqrtTime;
    double discount = Math.exp(-rate * time);
    double nd1 = normalCdf(d1);
    double nd2 = normalCdf(d2);
    double price = spot * nd1 - strike * discount * nd2;
    double delta = nd1;
    double dStrike = -discount * nd2;
    double rho = strike * time * discount * nd2;
    double vega = spot * normalPdf(d1) * sqrtTime;
    double theta =
        -spot * normalPdf(d1) * vol / (2.0 * sqrtTime) - rate * strike * discount * nd2;
    return new Greeks(price, delta, dStrike, rho, vega, theta);
  }

  static Greeks put(double spot, double strike, double rate, double vol, double time) {
    double sqrtTime = Math.sqrt(time);
    double d1 = (Math.log(spot / strike) + (rate + 0.5 * vol * vol) * time) / (vol * sqrtTime);
    double d2 = d1 - vol * sqrtTime;
    double discount = Math.exp(-rate * time);
    double nMinusD1 = normalCdf(-d1);
    double nMinusD2 = normalCdf(-d2);
    double price = strike * discount * nMinusD2 - spot * nMinusD1;
    double delta = -nMinusD1;
    double dStrike = discount * nMinusD2;
    double rho = -strike * time * discount * nMinusD2;
    double vega = spot * normalPdf(d1) * sqrtTime;
    double theta =
        -spot * normalPdf(d1) * vol / (2.0 * sqrtTime) + rate * strike * discount * nMinusD2;
    return new Greeks(price, delta, dStrike, rho, vega, theta);
  }
}
