package dev.adjoint.it.ops;

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

/** Static final constants, static imports, and a nested class's companion name. */
class ConstantsTest {
  private static final String DOMAINS = "dev.adjoint.it.ops.Domains#";

  static Stream<Arguments> realAndIndex() {
    return Points.draw(41, r -> new Object[] {r.nextDouble(-3, 3), r.nextInt(0, 40)});
  }

  static Stream<Arguments> realAndCoefficients() {
    return Points.draw(42, r -> new Object[] {r.nextDouble(-3, 3), Points.uniform(r, 5, -2, 2)});
  }

  @ParameterizedTest
  @MethodSource(DOMAINS + "reals")
  void ownConstants(double x) {
    Gradient gx = Vars.single(x);
    double sqrt2Pi = FastMath.sqrt(2 * FastMath.PI);
    Gradient oracle = gx.multiply(gx).multiply(0.5).divide(sqrt2Pi).add(gx.multiply(3));
    var expect = Expect.oracle(oracle, Constants.ownConstants(x));
    var g = ConstantsDerivatives.ownConstantsGradient(x);
    expect
        .gradient(g.value(), g.x())
        .pullback(pb -> ConstantsDerivatives.ownConstantsPullback(x, pb.seed(), pb.vec(0)));
  }

  /** π x + e + min(x, MAX) - max(x, -MAX) = π x + e, derivative π. */
  @ParameterizedTest
  @MethodSource(DOMAINS + "reals")
  void libraryConstants(double x) {
    Gradient oracle = Vars.single(x).multiply(FastMath.PI).add(FastMath.E);
    var expect = Expect.oracle(oracle, Constants.libraryConstants(x));
    var g = ConstantsDerivatives.libraryConstantsGradient(x);
    expect
        .gradient(g.value(), g.x())
        .pullback(pb -> ConstantsDerivatives.libraryConstantsPullback(x, pb.seed(), pb.vec(0)));
  }

  @ParameterizedTest
  @MethodSource("realAndIndex")
  void constantArray(double x, int i) {
    double[] coeffs = {1.5, -2.0, 0.25, 0.125}; // Constants.COEFFS, written out again
    Gradient gx = Vars.single(x);
    Gradient oracle =
        gx.multiply(coeffs[1])
            .add(coeffs[0])
            .add(gx.multiply(gx).multiply(coeffs[2]))
            .add(gx.pow(3).multiply(coeffs[i % 4]));
    var expect = Expect.oracle(oracle, Constants.constantArray(x, i));
    var g = ConstantsDerivatives.constantArrayGradient(x, i);
    expect
        .gradient(g.value(), g.x())
        .pullback(pb -> ConstantsDerivatives.constantArrayPullback(x, i, pb.seed(), pb.vec(0)));
  }

  @ParameterizedTest
  @MethodSource(DOMAINS + "pairs")
  void staticallyImported(double x, double y) {
    var v = new Vars(2);
    Gradient gx = v.var(x);
    Gradient gy = v.var(y);
    Gradient oracle =
        gx.multiply(FastMath.PI)
            .sin()
            .multiply(gy.negate().exp())
            .add(gx.multiply(gx).add(gy.multiply(gy)).add(1).sqrt());
    var expect = Expect.oracle(oracle, StaticImports.staticallyImported(x, y));
    var g = StaticImportsDerivatives.staticallyImportedGradient(x, y);
    expect
        .gradient(g.value(), g.x(), g.y())
        .pullback(
            pb ->
                StaticImportsDerivatives.staticallyImportedPullback(
                    x, y, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  /** Nested class {@code Constants.Polynomial} gets {@code Constants_PolynomialDerivatives}. */
  @ParameterizedTest
  @MethodSource("realAndCoefficients")
  void nestedClassCompanion(double x, double[] c) {
    var v = new Vars(1 + c.length);
    Gradient gx = v.var(x);
    Gradient[] gc = v.var(c);
    Gradient oracle = gc[0].add(gx.multiply(gc[1].add(gx.multiply(gc[2].add(gx.multiply(gc[4]))))));
    var expect = Expect.oracle(oracle, Constants.Polynomial.horner(x, c), c);
    var g = Constants_PolynomialDerivatives.hornerGradient(x, c);
    expect
        .gradient(g.value(), g.x(), g.c())
        .pullback(
            pb ->
                Constants_PolynomialDerivatives.hornerPullback(
                    x, c, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  @Test
  void indexParameterHasNoRecordComponent() {
    assertEquals(
        List.of("value", "x"),
        Records.componentNames(ConstantsDerivatives.ConstantArrayGradient.class));
  }
}
