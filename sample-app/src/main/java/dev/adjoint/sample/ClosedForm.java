package dev.adjoint.sample;

import dev.adjoint.runtime.special.SpecialFunctions;

/**
 * Textbook closed-form Black-Scholes Greeks: the independent check for the generated derivatives.
 *
 * <p>Nothing here is differentiated. The Greeks are the analytic formulas (delta = N(d1), vega =
 * S phi(d1) sqrt(T), ...), evaluated with the normal density phi and CDF N of the runtime's
 * {@code SpecialFunctions}, not with the Hart CDF that the differentiated prices call.
 */
final class ClosedForm {
  private ClosedForm() {}

  /** Price and sensitivities of one option. {@code theta} is -dPrice/dTime, per year. */
  record Greeks(
      double price, double delta, double dStrike, double rho, double vega, double theta) {}

  /** Standard normal density, from the runtime (an implementation independent of the prices'). */
  static double normalPdf(double x) {
    return SpecialFunctions.normalPdf(x);
  }

  /**
   * Standard normal CDF from the runtime: erfc through the incomplete gamma function, an
   * algorithm independent of Hart's, which the differentiated prices use.
   */
  static double normalCdf(double x) {
    return SpecialFunctions.normalCdf(x);
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
