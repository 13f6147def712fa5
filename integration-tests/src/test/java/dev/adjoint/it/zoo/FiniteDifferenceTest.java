package dev.adjoint.it.zoo;

import dev.adjoint.it.support.FiniteDifferences;
import dev.adjoint.it.support.Tolerance;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A second opinion for a few zoo functions: generated gradients against central differences of the
 * plain methods. Differences are accurate to about 1e-9 here, hence the loose 1e-6 bound; the real
 * check is the Hipparchus comparison in the other zoo tests.
 */
class FiniteDifferenceTest {
  private static final double LOOSE = 1e-6;

  static Stream<Arguments> options() {
    return FinanceTest.options().limit(40);
  }

  static Stream<Arguments> cir() {
    return FinanceTest.cir().limit(40);
  }

  static Stream<Arguments> places() {
    return ScienceTest.places().limit(40);
  }

  static Stream<Arguments> projectiles() {
    return ScienceTest.projectiles().limit(40);
  }

  @ParameterizedTest
  @MethodSource("options")
  void blackScholesCall(double spot, double strike, double rate, double vol, double t) {
    var g = FinanceDerivatives.blackScholesCallGradient(spot, strike, rate, vol, t);
    assertMatches(
        p -> Finance.blackScholesCall(p[0], p[1], p[2], p[3], p[4]),
        new double[] {spot, strike, rate, vol, t},
        g.spot(),
        g.strike(),
        g.rate(),
        g.vol(),
        g.t());
  }

  @ParameterizedTest
  @MethodSource("cir")
  void cirBondPrice(double rate, double kappa, double theta, double sigma, double tau) {
    var g = FinanceDerivatives.cirBondPriceGradient(rate, kappa, theta, sigma, tau);
    assertMatches(
        p -> Finance.cirBondPrice(p[0], p[1], p[2], p[3], p[4]),
        new double[] {rate, kappa, theta, sigma, tau},
        g.rate(),
        g.kappa(),
        g.theta(),
        g.sigma(),
        g.tau());
  }

  @ParameterizedTest
  @MethodSource("places")
  void haversine(double lat1, double lon1, double lat2, double lon2) {
    var g = ScienceDerivatives.haversineGradient(lat1, lon1, lat2, lon2);
    assertMatches(
        p -> Science.haversine(p[0], p[1], p[2], p[3]),
        new double[] {lat1, lon1, lat2, lon2},
        g.lat1(),
        g.lon1(),
        g.lat2(),
        g.lon2());
  }

  @ParameterizedTest
  @MethodSource("projectiles")
  void projectileRange(double speed, double angle, double gravity, double height) {
    var g = ScienceDerivatives.projectileRangeGradient(speed, angle, gravity, height);
    assertMatches(
        p -> Science.projectileRange(p[0], p[1], p[2], p[3]),
        new double[] {speed, angle, gravity, height},
        g.v(),
        g.angle(),
        g.g(),
        g.h());
  }

  private static void assertMatches(
      ToDoubleFunction<double[]> f, double[] point, double... generated) {
    double[] differences = FiniteDifferences.gradient(f, point);
    for (int i = 0; i < point.length; i++) {
      Tolerance.assertClose(differences[i], generated[i], LOOSE, "∂f/∂p" + i + " vs differences");
    }
  }
}
