package dev.adjoint.it.ops;

import static dev.adjoint.it.ops.MathFunctionsDerivatives.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adjoint.it.support.Expect;
import dev.adjoint.it.support.Records;
import dev.adjoint.it.support.Vars;
import java.util.List;
import org.hipparchus.analysis.differentiation.Gradient;
import org.hipparchus.util.FastMath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every differentiable {@code java.lang.Math} function against its Hipparchus counterpart, on a
 * domain where it is defined and smooth (see {@link Domains}).
 */
class MathFunctionsTest {
  private static final String DOMAINS = "dev.adjoint.it.ops.Domains#";

  @ParameterizedTest
  @MethodSource(DOMAINS + "reals")
  void sin(double x) {
    Gradient gx = Vars.single(x);
    var expect = Expect.oracle(gx.sin(), MathFunctions.sin(x));
    var g = sinGradient(x);
    expect.gradient(g.value(), g.x()).pullback(pb -> sinPullback(x, pb.seed(), pb.vec(0)));
  }

  @ParameterizedTest
  @MethodSource(DOMAINS + "reals")
  void cos(double x) {
    Gradient gx = Vars.single(x);
    var expect = Expect.oracle(gx.cos(), MathFunctions.cos(x));
    var g = cosGradient(x);
    expect.gradient(g.value(), g.x()).pullback(pb -> cosPullback(x, pb.seed(), pb.vec(0)));
  }

  @ParameterizedTest
  @MethodSource(DOMAINS + "tanDomain")
  void tan(double x) {
    Gradient gx = Vars.single(x);
    var expect = Expect.oracle(gx.tan(), MathFunctions.tan(x));
    var g = tanGradient(x);
    expect.gradient(g.value(), g.x()).pullback(pb -> tanPullback(x, pb.seed(), pb.vec(0)));
  }

  @ParameterizedTest
  @MethodSource(DOMAINS + "openUnit")
  void asin(double x) {
    Gradient gx = Vars.single(x);
    var expect = Expect.oracle(gx.asin(), MathFunctions.asin(x));
    var g = asinGradient(x);
    expect.gradient(g.value(), g.x()).pullback(pb -> asinPullback(x, pb.seed(), pb.vec(0)));
  }

  @ParameterizedTest
  @MethodSource(DOMAINS + "openUnit")
  void acos(double x) {
    Gradient gx = Vars.single(x);
    var expect = Expect.oracle(gx.acos(), MathFunctions.acos(x));
    var g = acosGradient(x);
    expect.gradient(g.value(), g.x()).pullback(pb -> acosPullback(x, pb.seed(), pb.vec(0)));
  }

  @ParameterizedTest
  @MethodSource(DOMAINS + "reals")
  void atan(double x) {
    Gradient gx = Vars.single(x);
    var expect = Expect.oracle(gx.atan(), MathFunctions.atan(x));
    var g = atanGradient(x);
    expect.gradient(g.value(), g.x()).pullback(pb -> atanPullback(x, pb.seed(), pb.vec(0)));
  }

  @ParameterizedTest
  @MethodSource(DOMAINS + "reals")
  void sinh(double x) {
    Gradient gx = Vars.single(x);
    var expect = Expect.oracle(gx.sinh(), MathFunctions.sinh(x));
    var g = sinhGradient(x);
    expect.gradient(g.value(), g.x()).pullback(pb -> sinhPullback(x, pb.seed(), pb.vec(0)));
  }

  @ParameterizedTest
  @MethodSource(DOMAINS + "reals")
  void cosh(double x) {
    Gradient gx = Vars.single(x);
    var expect = Expect.oracle(gx.cosh(), MathFunctions.cosh(x));
    var g = coshGradient(x);
    expect.gradient(g.value(), g.x()).pullback(pb -> coshPullback(x, pb.seed(), pb.vec(0)));
  }

  @ParameterizedTest
  @MethodSource(DOMAINS + "reals")
  void tanh(double x) {
    Gradient gx = Vars.single(x);
    var expect = Expect.oracle(gx.tanh(), MathFunctions.tanh(x));
    var g = tanhGradient(x);
    expect.gradient(g.value(), g.x()).pullback(pb -> tanhPullback(x, pb.seed(), pb.vec(0)));
  }

  @ParameterizedTest
  @MethodSource(DOMAINS + "reals")
  void exp(double x) {
    Gradient gx = Vars.single(x);
    var expect = Expect.oracle(gx.exp(), MathFunctions.exp(x));
    var g = expGradient(x);
    expect.gradient(g.value(), g.x()).pullback(pb -> expPullback(x, pb.seed(), pb.vec(0)));
  }

  @ParameterizedTest
  @MethodSource(DOMAINS + "reals")
  void expm1(double x) {
    Gradient gx = Vars.single(x);
    var expect = Expect.oracle(gx.expm1(), MathFunctions.expm1(x));
    var g = expm1Gradient(x);
    expect.gradient(g.value(), g.x()).pullback(pb -> expm1Pullback(x, pb.seed(), pb.vec(0)));
  }

  @ParameterizedTest
  @MethodSource(DOMAINS + "positive")
  void log(double x) {
    Gradient gx = Vars.single(x);
    var expect = Expect.oracle(gx.log(), MathFunctions.log(x));
    var g = logGradient(x);
    expect.gradient(g.value(), g.x()).pullback(pb -> logPullback(x, pb.seed(), pb.vec(0)));
  }

  @ParameterizedTest
  @MethodSource(DOMAINS + "positive")
  void log10(double x) {
    Gradient gx = Vars.single(x);
    var expect = Expect.oracle(gx.log10(), MathFunctions.log10(x));
    var g = log10Gradient(x);
    expect.gradient(g.value(), g.x()).pullback(pb -> log10Pullback(x, pb.seed(), pb.vec(0)));
  }

  @ParameterizedTest
  @MethodSource(DOMAINS + "aboveMinusOne")
  void log1p(double x) {
    Gradient gx = Vars.single(x);
    var expect = Expect.oracle(gx.log1p(), MathFunctions.log1p(x));
    var g = log1pGradient(x);
    expect.gradient(g.value(), g.x()).pullback(pb -> log1pPullback(x, pb.seed(), pb.vec(0)));
  }

  @ParameterizedTest
  @MethodSource(DOMAINS + "positive")
  void sqrt(double x) {
    Gradient gx = Vars.single(x);
    var expect = Expect.oracle(gx.sqrt(), MathFunctions.sqrt(x));
    var g = sqrtGradient(x);
    expect.gradient(g.value(), g.x()).pullback(pb -> sqrtPullback(x, pb.seed(), pb.vec(0)));
  }

  @ParameterizedTest
  @MethodSource(DOMAINS + "nonzeroReals")
  void cbrt(double x) {
    Gradient gx = Vars.single(x);
    var expect = Expect.oracle(gx.cbrt(), MathFunctions.cbrt(x));
    var g = cbrtGradient(x);
    expect.gradient(g.value(), g.x()).pullback(pb -> cbrtPullback(x, pb.seed(), pb.vec(0)));
  }

  @ParameterizedTest
  @MethodSource(DOMAINS + "reals")
  void powConstantExponent(double x) {
    Gradient gx = Vars.single(x);
    var expect = Expect.oracle(gx.pow(3.0), MathFunctions.powConstantExponent(x));
    var g = powConstantExponentGradient(x);
    expect
        .gradient(g.value(), g.x())
        .pullback(pb -> powConstantExponentPullback(x, pb.seed(), pb.vec(0)));
  }

  @ParameterizedTest
  @MethodSource(DOMAINS + "reals")
  void powConstantBase(double y) {
    var expect = Expect.oracle(Gradient.pow(2.0, Vars.single(y)), MathFunctions.powConstantBase(y));
    var g = powConstantBaseGradient(y);
    expect
        .gradient(g.value(), g.y())
        .pullback(pb -> powConstantBasePullback(y, pb.seed(), pb.vec(0)));
  }

  @ParameterizedTest
  @MethodSource(DOMAINS + "nonzeroReals")
  void abs(double x) {
    Gradient gx = Vars.single(x);
    var expect = Expect.oracle(gx.abs(), MathFunctions.abs(x));
    var g = absGradient(x);
    expect.gradient(g.value(), g.x()).pullback(pb -> absPullback(x, pb.seed(), pb.vec(0)));
  }

  @ParameterizedTest
  @MethodSource(DOMAINS + "reals")
  void toRadians(double x) {
    Gradient gx = Vars.single(x);
    var expect = Expect.oracle(gx.toRadians(), MathFunctions.toRadians(x));
    var g = toRadiansGradient(x);
    expect.gradient(g.value(), g.x()).pullback(pb -> toRadiansPullback(x, pb.seed(), pb.vec(0)));
  }

  @ParameterizedTest
  @MethodSource(DOMAINS + "reals")
  void toDegrees(double x) {
    Gradient gx = Vars.single(x);
    var expect = Expect.oracle(gx.toDegrees(), MathFunctions.toDegrees(x));
    var g = toDegreesGradient(x);
    expect.gradient(g.value(), g.x()).pullback(pb -> toDegreesPullback(x, pb.seed(), pb.vec(0)));
  }

  @ParameterizedTest
  @MethodSource(DOMAINS + "awayFromHalves")
  void floor(double x) {
    Gradient gx = Vars.single(x);
    var expect = Expect.oracle(gx.floor().multiply(gx), MathFunctions.floor(x));
    var g = floorGradient(x);
    expect.gradient(g.value(), g.x()).pullback(pb -> floorPullback(x, pb.seed(), pb.vec(0)));
  }

  @ParameterizedTest
  @MethodSource(DOMAINS + "awayFromHalves")
  void ceil(double x) {
    Gradient gx = Vars.single(x);
    var expect = Expect.oracle(gx.ceil().multiply(gx), MathFunctions.ceil(x));
    var g = ceilGradient(x);
    expect.gradient(g.value(), g.x()).pullback(pb -> ceilPullback(x, pb.seed(), pb.vec(0)));
  }

  @ParameterizedTest
  @MethodSource(DOMAINS + "awayFromHalves")
  void rint(double x) {
    Gradient gx = Vars.single(x);
    var expect = Expect.oracle(gx.rint().multiply(gx), MathFunctions.rint(x));
    var g = rintGradient(x);
    expect.gradient(g.value(), g.x()).pullback(pb -> rintPullback(x, pb.seed(), pb.vec(0)));
  }

  @ParameterizedTest
  @MethodSource(DOMAINS + "awayFromHalves")
  void round(double x) {
    Gradient gx = Vars.single(x);
    var expect = Expect.oracle(gx.multiply(FastMath.round(x)), MathFunctions.round(x));
    var g = roundGradient(x);
    expect.gradient(g.value(), g.x()).pullback(pb -> roundPullback(x, pb.seed(), pb.vec(0)));
  }

  @ParameterizedTest
  @MethodSource(DOMAINS + "nonzeroReals")
  void signum(double x) {
    Gradient gx = Vars.single(x);
    var expect = Expect.oracle(gx.sign().multiply(gx), MathFunctions.signum(x));
    var g = signumGradient(x);
    expect.gradient(g.value(), g.x()).pullback(pb -> signumPullback(x, pb.seed(), pb.vec(0)));
  }

  @ParameterizedTest
  @MethodSource(DOMAINS + "awayFromHalves")
  void floorAlone(double x) {
    Gradient gx = Vars.single(x);
    var expect = Expect.oracle(gx.floor(), MathFunctions.floorAlone(x));
    var g = floorAloneGradient(x);
    expect.gradient(g.value(), g.x()).pullback(pb -> floorAlonePullback(x, pb.seed(), pb.vec(0)));
  }

  @ParameterizedTest
  @MethodSource(DOMAINS + "awayFromSixths")
  void roundToLong(double x) {
    // A constant function of x: value round(3x), derivative zero.
    Gradient oracle = Gradient.constant(1, FastMath.round(3 * x));
    var expect = Expect.oracle(oracle, MathFunctions.roundToLong(x));
    var g = roundToLongGradient(x);
    expect.gradient(g.value(), g.x()).pullback(pb -> roundToLongPullback(x, pb.seed(), pb.vec(0)));
  }

  @ParameterizedTest
  @MethodSource(DOMAINS + "pairs")
  void atan2(double y, double x) {
    var v = new Vars(2);
    Gradient a = v.var(y);
    Gradient b = v.var(x);
    var expect = Expect.oracle(a.atan2(b), MathFunctions.atan2(y, x));
    var g = atan2Gradient(y, x);
    expect
        .gradient(g.value(), g.y(), g.x())
        .pullback(pb -> atan2Pullback(y, x, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  @ParameterizedTest
  @MethodSource(DOMAINS + "positiveBase")
  void powBoth(double x, double y) {
    var v = new Vars(2);
    Gradient a = v.var(x);
    Gradient b = v.var(y);
    var expect = Expect.oracle(a.pow(b), MathFunctions.powBoth(x, y));
    var g = powBothGradient(x, y);
    expect
        .gradient(g.value(), g.x(), g.y())
        .pullback(pb -> powBothPullback(x, y, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  @ParameterizedTest
  @MethodSource(DOMAINS + "pairs")
  void hypot(double x, double y) {
    var v = new Vars(2);
    Gradient a = v.var(x);
    Gradient b = v.var(y);
    var expect = Expect.oracle(a.hypot(b), MathFunctions.hypot(x, y));
    var g = hypotGradient(x, y);
    expect
        .gradient(g.value(), g.x(), g.y())
        .pullback(pb -> hypotPullback(x, y, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  @ParameterizedTest
  @MethodSource(DOMAINS + "distinctPairs")
  void max(double x, double y) {
    var v = new Vars(2);
    Gradient a = v.var(x);
    Gradient b = v.var(y);
    var expect = Expect.oracle(FastMath.max(a, b), MathFunctions.max(x, y));
    var g = maxGradient(x, y);
    expect
        .gradient(g.value(), g.x(), g.y())
        .pullback(pb -> maxPullback(x, y, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  @ParameterizedTest
  @MethodSource(DOMAINS + "distinctPairs")
  void min(double x, double y) {
    var v = new Vars(2);
    Gradient a = v.var(x);
    Gradient b = v.var(y);
    var expect = Expect.oracle(FastMath.min(a, b), MathFunctions.min(x, y));
    var g = minGradient(x, y);
    expect
        .gradient(g.value(), g.x(), g.y())
        .pullback(pb -> minPullback(x, y, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  /**
   * Math.fma rounds once; the oracle's multiply-then-add rounds twice. The difference is at most an
   * ulp of x*y (below 1e-15 here), within the mixed tolerance even when x*y cancels z.
   */
  @ParameterizedTest
  @MethodSource(DOMAINS + "triples")
  void fma(double x, double y, double z) {
    var v = new Vars(3);
    Gradient oracle = v.var(x).multiply(v.var(y)).add(v.var(z));
    var expect = Expect.oracle(oracle, MathFunctions.fma(x, y, z));
    var g = fmaGradient(x, y, z);
    expect
        .gradient(g.value(), g.x(), g.y(), g.z())
        .pullback(pb -> fmaPullback(x, y, z, pb.seed(), pb.vec(0), pb.vec(1), pb.vec(2)));
  }

  @ParameterizedTest
  @MethodSource(DOMAINS + "halvesAndInt")
  void integerOverloads(double x, int n) {
    int k = (int) x;
    long m = FastMath.round(x) - 2;
    int r = FastMath.round((float) x);
    double constant = FastMath.abs(k - n) + FastMath.min(m, 4) - FastMath.max(r, -1);
    Gradient oracle = Vars.single(x).multiply(FastMath.max(k, n) + FastMath.abs(m)).add(constant);
    var expect = Expect.oracle(oracle, MathFunctions.integerOverloads(x, n));
    var g = integerOverloadsGradient(x, n);
    expect
        .gradient(g.value(), g.x())
        .pullback(pb -> integerOverloadsPullback(x, n, pb.seed(), pb.vec(0)));
  }

  @ParameterizedTest
  @MethodSource(DOMAINS + "smallPairs")
  void composed(double x, double y) {
    var v = new Vars(2);
    Gradient gx = v.var(x);
    Gradient gy = v.var(y);
    Gradient a = gx.sin().multiply(gy.cos()).exp();
    Gradient b = gx.hypot(gy).log1p().divide(gx.subtract(gy).cosh());
    Gradient c = gx.tanh().atan2(gy.multiply(gy).add(1).sqrt()).add(gx.multiply(gy).add(10).cbrt());
    Gradient oracle = a.add(b).pow(1.5).multiply(c).add(a.multiply(b).add(c));
    var expect = Expect.oracle(oracle, MathFunctions.composed(x, y));
    var g = composedGradient(x, y);
    expect
        .gradient(g.value(), g.x(), g.y())
        .pullback(pb -> composedPullback(x, y, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  @Test
  void integerParameterHasNoRecordComponent() {
    assertEquals(List.of("value", "x"), Records.componentNames(IntegerOverloadsGradient.class));
    assertEquals(List.of("value", "y", "x"), Records.componentNames(Atan2Gradient.class));
  }
}
