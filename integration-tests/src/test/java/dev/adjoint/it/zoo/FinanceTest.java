package dev.adjoint.it.zoo;

import static dev.adjoint.it.zoo.FinanceDerivatives.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adjoint.it.support.Expect;
import dev.adjoint.it.support.Points;
import dev.adjoint.it.support.Records;
import dev.adjoint.it.support.Vars;
import java.util.List;
import java.util.stream.Stream;
import org.hipparchus.analysis.differentiation.Gradient;
import org.hipparchus.util.FastMath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link Finance} against the same formulas written with Hipparchus gradients. */
class FinanceTest {

  static Stream<Arguments> reals() {
    return Points.draw(101, r -> new Object[] {r.nextDouble(-6, 6)});
  }

  /** spot, strike, rate, vol, t: near the money to far out of it. */
  static Stream<Arguments> options() {
    return Points.draw(
        102,
        r ->
            new Object[] {
              r.nextDouble(60, 140),
              r.nextDouble(80, 120),
              r.nextDouble(0, 0.08),
              r.nextDouble(0.1, 0.6),
              r.nextDouble(0.1, 3)
            });
  }

  static Stream<Arguments> bonds() {
    return Points.draw(
        103,
        r ->
            new Object[] {
              Points.uniform(r, 5, 0.0, 0.08), r.nextDouble(0, 10), r.nextDouble(50, 150)
            });
  }

  static Stream<Arguments> returns() {
    return Points.draw(
        104, r -> new Object[] {Points.uniform(r, 4, -0.1, 0.1), r.nextDouble(0, 0.05), 12});
  }

  /** rate, kappa, theta, sigma, tau. */
  static Stream<Arguments> cir() {
    return Points.draw(
        105,
        r ->
            new Object[] {
              r.nextDouble(0.0, 0.1),
              r.nextDouble(0.1, 3),
              r.nextDouble(0.01, 0.1),
              r.nextDouble(0.05, 0.5),
              r.nextDouble(0.1, 10)
            });
  }

  /** v0, kappa, theta, tau. */
  static Stream<Arguments> heston() {
    return Points.draw(
        106,
        r ->
            new Object[] {
              r.nextDouble(0.01, 0.2),
              r.nextDouble(0.1, 5),
              r.nextDouble(0.01, 0.2),
              r.nextDouble(0.1, 5)
            });
  }

  @ParameterizedTest
  @MethodSource("reals")
  void normalCdf(double x) {
    var expect = Expect.oracle(normalCdf(Vars.single(x)), Finance.normalCdf(x));
    var g = normalCdfGradient(x);
    expect.gradient(g.value(), g.x()).pullback(pb -> normalCdfPullback(x, pb.seed(), pb.vec(0)));
  }

  @ParameterizedTest
  @MethodSource("options")
  void blackScholesCall(double spot, double strike, double rate, double vol, double t) {
    var v = new Vars(5);
    Gradient s = v.var(spot);
    Gradient k = v.var(strike);
    Gradient r = v.var(rate);
    Gradient sigma = v.var(vol);
    Gradient time = v.var(t);
    Gradient[] d = d1d2(s, k, r, sigma, time);
    Gradient call =
        s.multiply(normalCdf(d[0]))
            .subtract(k.multiply(r.multiply(time).negate().exp()).multiply(normalCdf(d[1])));
    var expect = Expect.oracle(call, Finance.blackScholesCall(spot, strike, rate, vol, t));
    var g = blackScholesCallGradient(spot, strike, rate, vol, t);
    expect
        .gradient(g.value(), g.spot(), g.strike(), g.rate(), g.vol(), g.t())
        .pullback(
            pb ->
                blackScholesCallPullback(
                    spot, strike, rate, vol, t, pb.seed(), pb.vec(0), pb.vec(1), pb.vec(2),
                    pb.vec(3), pb.vec(4)));
  }

  /** Only spot and vol are wrt: strike, rate and t enter the oracle as constants. */
  @ParameterizedTest
  @MethodSource("options")
  void blackScholesPut(double spot, double strike, double rate, double vol, double t) {
    var v = new Vars(2);
    Gradient s = v.var(spot);
    Gradient sigma = v.var(vol);
    Gradient k = v.constant(strike);
    Gradient time = v.constant(t);
    Gradient[] d = d1d2(s, k, v.constant(rate), sigma, time);
    Gradient one = v.constant(1);
    Gradient put =
        k.multiply(FastMath.exp(-rate * t))
            .multiply(one.subtract(normalCdf(d[1])))
            .subtract(s.multiply(one.subtract(normalCdf(d[0]))));
    var expect = Expect.oracle(put, Finance.blackScholesPut(spot, strike, rate, vol, t));
    var g = blackScholesPutGradient(spot, strike, rate, vol, t);
    expect
        .gradient(g.value(), g.spot(), g.vol())
        .pullback(
            pb ->
                blackScholesPutPullback(
                    spot, strike, rate, vol, t, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  @Test
  void putRecordHasOnlyWrtComponents() {
    assertEquals(
        List.of("value", "spot", "vol"), Records.componentNames(BlackScholesPutGradient.class));
    assertEquals(List.of("value", "returns"), Records.componentNames(SharpeRatioGradient.class));
  }

  @ParameterizedTest
  @MethodSource("bonds")
  void bondPrice(double[] zeroRates, double coupon, double face) {
    var v = new Vars(zeroRates.length + 2);
    Gradient[] z = v.var(zeroRates);
    Gradient c = v.var(coupon);
    Gradient f = v.var(face);
    Gradient price = v.constant(0);
    for (int year = 1; year <= 5; year++) {
      Gradient cash = year == 5 ? c.add(f) : c;
      price = price.add(cash.multiply(z[year - 1].multiply(-year).exp()));
    }
    var expect = Expect.oracle(price, Finance.bondPrice(zeroRates, coupon, face), zeroRates);
    var g = bondPriceGradient(zeroRates, coupon, face);
    expect
        .gradient(g.value(), g.zeroRates(), g.coupon(), g.face())
        .pullback(
            pb ->
                bondPricePullback(
                    zeroRates, coupon, face, pb.seed(), pb.vec(0), pb.vec(1), pb.vec(2)));
  }

  @ParameterizedTest
  @MethodSource("returns")
  void sharpeRatio(double[] returns, double riskFree, int periodsPerYear) {
    Gradient[] x = new Vars(returns.length).var(returns);
    Gradient mean = x[0].add(x[1]).add(x[2]).add(x[3]).divide(4);
    Gradient sumSquares = mean.getField().getZero();
    for (Gradient xi : x) {
      sumSquares = sumSquares.add(xi.subtract(mean).square());
    }
    Gradient sd = sumSquares.divide(3).sqrt();
    Gradient sharpe =
        mean.subtract(riskFree / periodsPerYear).divide(sd).multiply(FastMath.sqrt(periodsPerYear));
    var expect =
        Expect.oracle(sharpe, Finance.sharpeRatio(returns, riskFree, periodsPerYear), returns);
    var g = sharpeRatioGradient(returns, riskFree, periodsPerYear);
    expect
        .gradient(g.value(), g.returns())
        .pullback(
            pb -> sharpeRatioPullback(returns, riskFree, periodsPerYear, pb.seed(), pb.vec(0)));
  }

  @ParameterizedTest
  @MethodSource("cir")
  void cirBondPrice(double rate, double kappa, double theta, double sigma, double tau) {
    var v = new Vars(5);
    Gradient r = v.var(rate);
    Gradient k = v.var(kappa);
    Gradient th = v.var(theta);
    Gradient s = v.var(sigma);
    Gradient t = v.var(tau);
    Gradient h = k.square().add(s.square().multiply(2)).sqrt();
    Gradient growth = h.multiply(t).expm1();
    Gradient denominator = h.multiply(2).add(k.add(h).multiply(growth));
    Gradient base =
        h.multiply(2).multiply(k.add(h).multiply(t).divide(2).exp()).divide(denominator);
    Gradient a = base.pow(k.multiply(th).multiply(2).divide(s.square()));
    Gradient b = growth.multiply(2).divide(denominator);
    Gradient price = a.multiply(b.multiply(r).negate().exp());
    var expect = Expect.oracle(price, Finance.cirBondPrice(rate, kappa, theta, sigma, tau));
    var g = cirBondPriceGradient(rate, kappa, theta, sigma, tau);
    expect
        .gradient(g.value(), g.rate(), g.kappa(), g.theta(), g.sigma(), g.tau())
        .pullback(
            pb ->
                cirBondPricePullback(
                    rate, kappa, theta, sigma, tau, pb.seed(), pb.vec(0), pb.vec(1), pb.vec(2),
                    pb.vec(3), pb.vec(4)));
  }

  @ParameterizedTest
  @MethodSource("heston")
  void hestonExpectedVariance(double v0, double kappa, double theta, double tau) {
    var v = new Vars(4);
    Gradient gv0 = v.var(v0);
    Gradient k = v.var(kappa);
    Gradient th = v.var(theta);
    Gradient t = v.var(tau);
    Gradient kt = k.multiply(t);
    Gradient weight = kt.negate().expm1().negate().divide(kt);
    Gradient oracle = th.add(gv0.subtract(th).multiply(weight));
    var expect = Expect.oracle(oracle, Finance.hestonExpectedVariance(v0, kappa, theta, tau));
    var g = hestonExpectedVarianceGradient(v0, kappa, theta, tau);
    expect
        .gradient(g.value(), g.v0(), g.kappa(), g.theta(), g.tau())
        .pullback(
            pb ->
                hestonExpectedVariancePullback(
                    v0, kappa, theta, tau, pb.seed(), pb.vec(0), pb.vec(1), pb.vec(2), pb.vec(3)));
  }

  /** A&S 26.2.17 in Hipparchus form, symmetric about zero. */
  static Gradient normalCdf(Gradient x) {
    Gradient z = x.abs();
    Gradient t = z.multiply(Finance.P).add(1).reciprocal();
    Gradient poly =
        t.multiply(Finance.B5)
            .add(Finance.B4)
            .multiply(t)
            .add(Finance.B3)
            .multiply(t)
            .add(Finance.B2)
            .multiply(t)
            .add(Finance.B1)
            .multiply(t);
    Gradient density = z.square().multiply(-0.5).exp().divide(FastMath.sqrt(2 * FastMath.PI));
    Gradient tail = density.multiply(poly);
    return x.getValue() >= 0 ? tail.negate().add(1) : tail;
  }

  /** d1 and d2 of Black–Scholes. */
  private static Gradient[] d1d2(Gradient s, Gradient k, Gradient r, Gradient vol, Gradient t) {
    Gradient volSqrtT = vol.multiply(t.sqrt());
    Gradient d1 =
        s.divide(k).log().add(r.add(vol.square().multiply(0.5)).multiply(t)).divide(volSqrtT);
    return new Gradient[] {d1, d1.subtract(volSqrtT)};
  }
}
