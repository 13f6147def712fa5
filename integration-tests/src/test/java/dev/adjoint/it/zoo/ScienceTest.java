package dev.adjoint.it.zoo;

import static dev.adjoint.it.zoo.ScienceDerivatives.*;

import dev.adjoint.it.support.Expect;
import dev.adjoint.it.support.Points;
import dev.adjoint.it.support.Vars;
import java.util.stream.Stream;
import org.hipparchus.analysis.differentiation.Gradient;
import org.hipparchus.util.FastMath;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link Science} against Hipparchus. */
class ScienceTest {

  static Stream<Arguments> projectiles() {
    return Points.draw(
        301,
        r ->
            new Object[] {
              r.nextDouble(1, 50),
              r.nextDouble(-0.5, 1.5),
              r.nextDouble(1, 20),
              r.nextDouble(0, 100)
            });
  }

  static Stream<Arguments> arrhenius() {
    return Points.draw(
        302,
        r ->
            new Object[] {
              r.nextDouble(1e3, 1e10), r.nextDouble(1e4, 1e5), r.nextDouble(250, 1000)
            });
  }

  static Stream<Arguments> positiveTriples() {
    return Points.draw(
        303,
        r -> new Object[] {r.nextDouble(0.1, 10), r.nextDouble(0.1, 10), r.nextDouble(0.1, 10)});
  }

  static Stream<Arguments> growth() {
    return Points.draw(
        304,
        r ->
            new Object[] {
              r.nextDouble(100, 1000),
              r.nextDouble(1, 90),
              r.nextDouble(0.01, 1),
              r.nextDouble(0, 20)
            });
  }

  /** Two points in different latitude bands: never close to each other nor antipodal. */
  static Stream<Arguments> places() {
    return Points.draw(
        305,
        r ->
            new Object[] {
              r.nextDouble(-60, -5),
              r.nextDouble(-180, 180),
              r.nextDouble(5, 60),
              r.nextDouble(-90, 90)
            });
  }

  /** n (mol), volume (L), temperature (K): volume well above the excluded n b. */
  static Stream<Arguments> gases() {
    return Points.draw(
        306, r -> new Object[] {r.nextDouble(0.1, 5), r.nextDouble(1, 50), r.nextDouble(200, 600)});
  }

  static Stream<Arguments> oscillators() {
    return Points.draw(
        307,
        r ->
            new Object[] {
              r.nextDouble(0.1, 5),
              r.nextDouble(0, 2),
              r.nextDouble(0.5, 10),
              r.nextDouble(-3, 3),
              r.nextDouble(0, 5)
            });
  }

  static Stream<Arguments> orbits() {
    return Points.draw(308, r -> new Object[] {r.nextDouble(0.5, 40), r.nextDouble(0.1, 10)});
  }

  @ParameterizedTest
  @MethodSource("projectiles")
  void projectileRange(double speed, double angle, double g, double h) {
    var v = new Vars(4);
    Gradient gv = v.var(speed);
    Gradient ga = v.var(angle);
    Gradient gg = v.var(g);
    Gradient gh = v.var(h);
    Gradient vy = gv.multiply(ga.sin());
    Gradient time = vy.add(vy.square().add(gg.multiply(gh).multiply(2)).sqrt()).divide(gg);
    Gradient range = gv.multiply(ga.cos()).multiply(time);
    var expect = Expect.oracle(range, Science.projectileRange(speed, angle, g, h));
    var grad = projectileRangeGradient(speed, angle, g, h);
    expect
        .gradient(grad.value(), grad.v(), grad.angle(), grad.g(), grad.h())
        .pullback(
            pb ->
                projectileRangePullback(
                    speed, angle, g, h, pb.seed(), pb.vec(0), pb.vec(1), pb.vec(2), pb.vec(3)));
  }

  @ParameterizedTest
  @MethodSource("arrhenius")
  void arrhenius(double prefactor, double activationEnergy, double temperature) {
    var v = new Vars(3);
    Gradient a = v.var(prefactor);
    Gradient ea = v.var(activationEnergy);
    Gradient t = v.var(temperature);
    Gradient rate = a.multiply(ea.negate().divide(t.multiply(8.314462618)).exp());
    var expect = Expect.oracle(rate, Science.arrhenius(prefactor, activationEnergy, temperature));
    var g = arrheniusGradient(prefactor, activationEnergy, temperature);
    expect
        .gradient(g.value(), g.prefactor(), g.activationEnergy(), g.temperature())
        .pullback(
            pb ->
                arrheniusPullback(
                    prefactor,
                    activationEnergy,
                    temperature,
                    pb.seed(),
                    pb.vec(0),
                    pb.vec(1),
                    pb.vec(2)));
  }

  @ParameterizedTest
  @MethodSource("positiveTriples")
  void michaelisMenten(double vmax, double km, double substrate) {
    var v = new Vars(3);
    Gradient gv = v.var(vmax);
    Gradient gk = v.var(km);
    Gradient gs = v.var(substrate);
    Gradient oracle = gv.multiply(gs).divide(gk.add(gs));
    var expect = Expect.oracle(oracle, Science.michaelisMenten(vmax, km, substrate));
    var g = michaelisMentenGradient(vmax, km, substrate);
    expect
        .gradient(g.value(), g.vmax(), g.km(), g.substrate())
        .pullback(
            pb ->
                michaelisMentenPullback(
                    vmax, km, substrate, pb.seed(), pb.vec(0), pb.vec(1), pb.vec(2)));
  }

  @ParameterizedTest
  @MethodSource("growth")
  void logisticGrowth(double capacity, double p0, double rate, double t) {
    var v = new Vars(4);
    Gradient k = v.var(capacity);
    Gradient p = v.var(p0);
    Gradient r = v.var(rate);
    Gradient time = v.var(t);
    Gradient ratio = k.subtract(p).divide(p);
    Gradient oracle = k.divide(ratio.multiply(r.multiply(time).negate().exp()).add(1));
    var expect = Expect.oracle(oracle, Science.logisticGrowth(capacity, p0, rate, t));
    var g = logisticGrowthGradient(capacity, p0, rate, t);
    expect
        .gradient(g.value(), g.capacity(), g.p0(), g.rate(), g.t())
        .pullback(
            pb ->
                logisticGrowthPullback(
                    capacity, p0, rate, t, pb.seed(), pb.vec(0), pb.vec(1), pb.vec(2), pb.vec(3)));
  }

  @ParameterizedTest
  @MethodSource("places")
  void haversine(double lat1, double lon1, double lat2, double lon2) {
    var v = new Vars(4);
    Gradient phi1 = v.var(lat1).toRadians();
    Gradient lambda1 = v.var(lon1);
    Gradient phi2 = v.var(lat2).toRadians();
    Gradient lambda2 = v.var(lon2);
    Gradient sinDPhi = phi2.subtract(phi1).divide(2).sin();
    Gradient sinDLambda = lambda2.subtract(lambda1).toRadians().divide(2).sin();
    Gradient a =
        sinDPhi.square().add(phi1.cos().multiply(phi2.cos()).multiply(sinDLambda.square()));
    Gradient distance = a.sqrt().asin().multiply(2 * 6371.0);
    var expect = Expect.oracle(distance, Science.haversine(lat1, lon1, lat2, lon2));
    var g = haversineGradient(lat1, lon1, lat2, lon2);
    expect
        .gradient(g.value(), g.lat1(), g.lon1(), g.lat2(), g.lon2())
        .pullback(
            pb ->
                haversinePullback(
                    lat1, lon1, lat2, lon2, pb.seed(), pb.vec(0), pb.vec(1), pb.vec(2), pb.vec(3)));
  }

  @ParameterizedTest
  @MethodSource("gases")
  void vanDerWaalsPressure(double n, double volume, double temperature) {
    var v = new Vars(3);
    Gradient gn = v.var(n);
    Gradient vol = v.var(volume);
    Gradient t = v.var(temperature);
    Gradient ideal =
        gn.multiply(0.08314462618).multiply(t).divide(vol.subtract(gn.multiply(0.04267)));
    Gradient oracle = ideal.subtract(gn.square().multiply(3.640).divide(vol.square()));
    var expect = Expect.oracle(oracle, Science.vanDerWaalsPressure(n, volume, temperature));
    var g = vanDerWaalsPressureGradient(n, volume, temperature);
    expect
        .gradient(g.value(), g.n(), g.volume(), g.temperature())
        .pullback(
            pb ->
                vanDerWaalsPressurePullback(
                    n, volume, temperature, pb.seed(), pb.vec(0), pb.vec(1), pb.vec(2)));
  }

  @ParameterizedTest
  @MethodSource("oscillators")
  void dampedOscillator(double amplitude, double damping, double omega, double phase, double t) {
    var v = new Vars(5);
    Gradient a = v.var(amplitude);
    Gradient gamma = v.var(damping);
    Gradient w = v.var(omega);
    Gradient phi = v.var(phase);
    Gradient time = v.var(t);
    Gradient oracle =
        a.multiply(gamma.multiply(time).negate().exp()).multiply(w.multiply(time).add(phi).cos());
    var expect =
        Expect.oracle(oracle, Science.dampedOscillator(amplitude, damping, omega, phase, t));
    var g = dampedOscillatorGradient(amplitude, damping, omega, phase, t);
    expect
        .gradient(g.value(), g.amplitude(), g.damping(), g.omega(), g.phase(), g.t())
        .pullback(
            pb ->
                dampedOscillatorPullback(
                    amplitude, damping, omega, phase, t, pb.seed(), pb.vec(0), pb.vec(1), pb.vec(2),
                    pb.vec(3), pb.vec(4)));
  }

  @ParameterizedTest
  @MethodSource("orbits")
  void keplerPeriodInNestedClass(double semiMajorAxis, double mu) {
    var v = new Vars(2);
    Gradient a = v.var(semiMajorAxis);
    Gradient m = v.var(mu);
    Gradient oracle = a.pow(3).divide(m).sqrt().multiply(2 * FastMath.PI);
    var expect = Expect.oracle(oracle, Science.Orbits.period(semiMajorAxis, mu));
    var g = Science_OrbitsDerivatives.periodGradient(semiMajorAxis, mu);
    expect
        .gradient(g.value(), g.semiMajorAxis(), g.mu())
        .pullback(
            pb ->
                Science_OrbitsDerivatives.periodPullback(
                    semiMajorAxis, mu, pb.seed(), pb.vec(0), pb.vec(1)));
  }
}
