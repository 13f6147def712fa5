package dev.adjoint.it.zoo;

import dev.adjoint.Differentiable;

/** Pricing formulas: Black–Scholes, bonds, short-rate and stochastic-volatility terms. */
final class Finance {
  static final double SQRT_2PI = Math.sqrt(2 * Math.PI);

  // Abramowitz & Stegun 26.2.17: N(x) ≈ 1 - φ(x) t (b1 + b2 t + ... + b5 t^4), t = 1/(1 + p x).
  static final double P = 0.2316419;
  static final double B1 = 0.319381530;
  static final double B2 = -0.356563782;
  static final double B3 = 1.781477937;
  static final double B4 = -1.821255978;
  static final double B5 = 1.330274429;

  private Finance() {}

  /** Standard normal CDF (A&S 26.2.17, absolute error below 7.5e-8), symmetric via a ternary. */
  @Differentiable
  static double normalCdf(double x) {
    double z = Math.abs(x);
    double t = 1 / (1 + P * z);
    double poly = t * (B1 + t * (B2 + t * (B3 + t * (B4 + t * B5))));
    double tail = Math.exp(-0.5 * z * z) / SQRT_2PI * poly;
    return x >= 0 ? 1 - tail : tail;
  }

  /** European call; the normal CDF is inlined twice since calls are not supported yet. */
  @Differentiable
  static double blackScholesCall(double spot, double strike, double rate, double vol, double t) {
    double sqrtT = Math.sqrt(t);
    double d1 = (Math.log(spot / strike) + (rate + 0.5 * vol * vol) * t) / (vol * sqrtT);
    double d2 = d1 - vol * sqrtT;

    double z1 = Math.abs(d1);
    double t1 = 1 / (1 + P * z1);
    double poly1 = t1 * (B1 + t1 * (B2 + t1 * (B3 + t1 * (B4 + t1 * B5))));
    double tail1 = Math.exp(-0.5 * z1 * z1) / SQRT_2PI * poly1;
    double n1 = d1 >= 0 ? 1 - tail1 : tail1;

    double z2 = Math.abs(d2);
    double t2 = 1 / (1 + P * z2);
    double poly2 = t2 * (B1 + t2 * (B2 + t2 * (B3 + t2 * (B4 + t2 * B5))));
    double tail2 = Math.exp(-0.5 * z2 * z2) / SQRT_2PI * poly2;
    double n2 = d2 >= 0 ? 1 - tail2 : tail2;

    double discount = Math.exp(-rate * t);
    return spot * n1 - strike * discount * n2;
  }

  /** European put, differentiated only for delta and vega. */
  @Differentiable(wrt = {"spot", "vol"})
  static double blackScholesPut(double spot, double strike, double rate, double vol, double t) {
    double volSqrtT = vol * Math.sqrt(t);
    double d1 = (Math.log(spot / strike) + (rate + vol * vol / 2) * t) / volSqrtT;
    double d2 = d1 - volSqrtT;
    // N(-d) = 1 - N(d): the tail of |d| on the other side.
    var z1 = Math.abs(d1);
    var t1 = 1 / (1 + P * z1);
    var tail1 =
        Math.exp(-z1 * z1 / 2) / SQRT_2PI * t1 * (B1 + t1 * (B2 + t1 * (B3 + t1 * (B4 + t1 * B5))));
    var nMinusD1 = d1 >= 0 ? tail1 : 1 - tail1;
    var z2 = Math.abs(d2);
    var t2 = 1 / (1 + P * z2);
    var tail2 =
        Math.exp(-z2 * z2 / 2) / SQRT_2PI * t2 * (B1 + t2 * (B2 + t2 * (B3 + t2 * (B4 + t2 * B5))));
    var nMinusD2 = d2 >= 0 ? tail2 : 1 - tail2;
    return strike * Math.exp(-rate * t) * nMinusD2 - spot * nMinusD1;
  }

  /** A 5-year annual-coupon bond discounted on a zero curve given at years 1..5. */
  @Differentiable
  static double bondPrice(double[] zeroRates, double coupon, double face) {
    int last = zeroRates.length - 1;
    double price = 0;
    price += coupon * Math.exp(-zeroRates[0]);
    price += coupon * Math.exp(-zeroRates[1] * 2);
    price += coupon * Math.exp(-zeroRates[2] * 3);
    price += coupon * Math.exp(-zeroRates[3] * 4);
    price += (coupon + face) * Math.exp(-zeroRates[last] * (last + 1));
    return price;
  }

  /** Annualised Sharpe ratio of four monthly returns; the risk-free rate is a constant. */
  @Differentiable(wrt = {"returns"})
  static double sharpeRatio(double[] returns, double riskFree, int periodsPerYear) {
    int n = returns.length;
    double mean = (returns[0] + returns[1] + returns[2] + returns[3]) / n;
    double d0 = returns[0] - mean;
    double d1 = returns[1] - mean;
    double d2 = returns[2] - mean;
    double d3 = returns[3] - mean;
    double variance = (d0 * d0 + d1 * d1 + d2 * d2 + d3 * d3) / (n - 1);
    double excess = mean - riskFree / periodsPerYear;
    return excess / Math.sqrt(variance) * Math.sqrt(periodsPerYear);
  }

  /** Zero-coupon bond price in the Cox–Ingersoll–Ross model (the Heston variance process). */
  @Differentiable
  static double cirBondPrice(double rate, double kappa, double theta, double sigma, double tau) {
    double h = Math.sqrt(kappa * kappa + 2 * sigma * sigma);
    double growth = Math.expm1(h * tau);
    double denominator = 2 * h + (kappa + h) * growth;
    double a =
        Math.pow(
            2 * h * Math.exp((kappa + h) * tau / 2) / denominator,
            2 * kappa * theta / (sigma * sigma));
    double b = 2 * growth / denominator;
    return a * Math.exp(-b * rate);
  }

  /** Heston: expected average variance over [0, τ], E[(1/τ)∫v] = θ + (v0 - θ)(1 - e^{-κτ})/(κτ). */
  @Differentiable
  static double hestonExpectedVariance(double v0, double kappa, double theta, double tau) {
    double kt = kappa * tau;
    double weight = -Math.expm1(-kt) / kt;
    return theta + (v0 - theta) * weight;
  }
}
