package dev.adjoint.it.zoo;

import static dev.adjoint.it.zoo.StatisticsDerivatives.*;

import dev.adjoint.it.support.Expect;
import dev.adjoint.it.support.Points;
import dev.adjoint.it.support.Vars;
import java.util.stream.Stream;
import org.hipparchus.analysis.differentiation.Gradient;
import org.hipparchus.util.FastMath;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link Statistics} against Hipparchus. */
class StatisticsTest {
  private static final double LOG_SQRT_2PI = 0.5 * FastMath.log(2 * FastMath.PI);

  static Stream<Arguments> gaussians() {
    return Points.draw(
        401, r -> new Object[] {r.nextDouble(-5, 5), r.nextDouble(-2, 2), r.nextDouble(0.1, 3)});
  }

  static Stream<Arguments> fourVectors() {
    return Points.draw(402, r -> new Object[] {Points.uniform(r, 4, -2, 2)});
  }

  static Stream<Arguments> betaArguments() {
    return Points.draw(403, r -> new Object[] {r.nextDouble(0.5, 10), r.nextDouble(0.5, 10)});
  }

  /** A random symmetric positive definite 2×2 matrix (|off-diagonal| < 1 < diagonal). */
  static Stream<Arguments> covariances() {
    return Points.draw(
        404,
        r -> {
          double off = r.nextDouble(-0.9, 0.9);
          double[][] cov = {{r.nextDouble(1, 4), off}, {off, r.nextDouble(1, 4)}};
          return new Object[] {cov, Points.uniform(r, 2, -3, 3)};
        });
  }

  /** A 3×3 grid; x, y in (0, 2) at least 1e-6 away from the cell boundary at 1. */
  static Stream<Arguments> grids() {
    return Points.draw(
        405,
        r ->
            new Object[] {
              Points.uniform(r, 3, 3, -5, 5),
              Points.awayFromMultiples(r, 0, 2, 1, 1e-6),
              Points.awayFromMultiples(r, 0, 2, 1, 1e-6)
            });
  }

  @ParameterizedTest
  @MethodSource("gaussians")
  void gaussianLogDensity(double x, double mu, double sigma) {
    var v = new Vars(3);
    Gradient gx = v.var(x);
    Gradient gm = v.var(mu);
    Gradient gs = v.var(sigma);
    Gradient z = gx.subtract(gm).divide(gs);
    Gradient oracle = z.square().multiply(-0.5).subtract(gs.log()).subtract(LOG_SQRT_2PI);
    var expect = Expect.oracle(oracle, Statistics.gaussianLogDensity(x, mu, sigma));
    var g = gaussianLogDensityGradient(x, mu, sigma);
    expect
        .gradient(g.value(), g.x(), g.mu(), g.sigma())
        .pullback(
            pb ->
                gaussianLogDensityPullback(
                    x, mu, sigma, pb.seed(), pb.vec(0), pb.vec(1), pb.vec(2)));
  }

  @ParameterizedTest
  @MethodSource("fourVectors")
  void rosenbrock(double[] x) {
    Gradient[] gx = new Vars(4).var(x);
    Gradient total = gx[0].getField().getZero();
    for (int i = 0; i < 3; i++) {
      Gradient valley = gx[i + 1].subtract(gx[i].square());
      total = total.add(valley.square().multiply(100)).add(gx[i].negate().add(1).square());
    }
    var expect = Expect.oracle(total, Statistics.rosenbrock(x), x);
    var g = rosenbrockGradient(x);
    expect.gradient(g.value(), g.x()).pullback(pb -> rosenbrockPullback(x, pb.seed(), pb.vec(0)));
  }

  /**
   * The exponent is a difference of terms up to ~70 in size that cancel to about -15..1, and exp
   * turns their absolute rounding error into a relative one: a few × 70 × 2⁻⁵³ ≈ 1e-14, still well
   * below 1e-12, so the default tolerance holds.
   */
  @ParameterizedTest
  @MethodSource("betaArguments")
  void betaStirling(double a, double b) {
    var v = new Vars(2);
    Gradient ga = v.var(a);
    Gradient gb = v.var(b);
    Gradient logBeta =
        ga.subtract(0.5)
            .multiply(ga.log())
            .add(gb.subtract(0.5).multiply(gb.log()))
            .subtract(ga.add(gb).subtract(0.5).multiply(ga.add(gb).log()))
            .add(LOG_SQRT_2PI);
    var expect = Expect.oracle(logBeta.exp(), Statistics.betaStirling(a, b));
    var g = betaStirlingGradient(a, b);
    expect
        .gradient(g.value(), g.a(), g.b())
        .pullback(pb -> betaStirlingPullback(a, b, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  /** Only the lower triangle is read: ∂/∂cov[0][1] must be exactly zero. */
  @ParameterizedTest
  @MethodSource("covariances")
  void gaussianNll2d(double[][] cov, double[] r) {
    var v = new Vars(4 + 2);
    Gradient[][] c = v.var(cov);
    Gradient[] gr = v.var(r);
    Gradient l00 = c[0][0].sqrt();
    Gradient l10 = c[1][0].divide(l00);
    Gradient l11 = c[1][1].subtract(l10.square()).sqrt();
    Gradient y0 = gr[0].divide(l00);
    Gradient y1 = gr[1].subtract(l10.multiply(y0)).divide(l11);
    Gradient oracle =
        y0.square()
            .add(y1.square())
            .multiply(0.5)
            .add(l00.log())
            .add(l11.log())
            .add(2 * LOG_SQRT_2PI);
    var expect = Expect.oracle(oracle, Statistics.gaussianNll2d(cov, r), cov, r);
    var g = gaussianNll2dGradient(cov, r);
    expect
        .gradient(g.value(), g.cov(), g.r())
        .pullback(pb -> gaussianNll2dPullback(cov, r, pb.seed(), pb.mat(0), pb.vec(1)));
  }

  @ParameterizedTest
  @MethodSource("grids")
  void bilinear(double[][] grid, double x, double y) {
    var v = new Vars(9 + 2);
    Gradient[][] gg = v.var(grid);
    Gradient gx = v.var(x);
    Gradient gy = v.var(y);
    int i = (int) FastMath.floor(x);
    int j = (int) FastMath.floor(y);
    Gradient fx = gx.subtract(i);
    Gradient fy = gy.subtract(j);
    Gradient top = lerp(gg[i][j], gg[i + 1][j], fx);
    Gradient bottom = lerp(gg[i][j + 1], gg[i + 1][j + 1], fx);
    var expect =
        Expect.oracle(lerp(top, bottom, fy), Statistics.bilinear(grid, x, y), (Object) grid);
    var g = bilinearGradient(grid, x, y);
    expect
        .gradient(g.value(), g.grid(), g.x(), g.y())
        .pullback(pb -> bilinearPullback(grid, x, y, pb.seed(), pb.mat(0), pb.vec(1), pb.vec(2)));
  }

  /** a (1 - t) + b t. */
  private static Gradient lerp(Gradient a, Gradient b, Gradient t) {
    return a.multiply(t.negate().add(1)).add(b.multiply(t));
  }
}
