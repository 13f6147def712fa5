package dev.adjoint.it.ops;

import static dev.adjoint.it.ops.ArithmeticDerivatives.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adjoint.it.support.Expect;
import dev.adjoint.it.support.Points;
import dev.adjoint.it.support.Records;
import dev.adjoint.it.support.Vars;
import java.util.List;
import java.util.stream.Stream;
import org.hipparchus.analysis.differentiation.Gradient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Operators, assignments, casts, ternaries and integer logic against Hipparchus. */
class ArithmeticTest {
  private static final String DOMAINS = "dev.adjoint.it.ops.Domains#";

  /**
   * Float intermediates: the primal rounds to float precision (about 6e-8 relative) and the
   * processor may keep adjoints of float locals in float too, so 1e-12 is out of reach; 1e-6 still
   * catches any wrong derivative (all of which are O(1) wrong).
   */
  private static final double FLOAT_TOLERANCE = 1e-6;

  /** y bounded away from zero, for division. */
  static Stream<Arguments> pairsNonzeroY() {
    return Points.draw(
        12, r -> new Object[] {r.nextDouble(-3, 3), Domains.awayFromZero(r, 0.5, 3)});
  }

  /** x / y (and 3x / y) at least 1e-6 away from an integer: the remainder is smooth there. */
  static Stream<Arguments> remainderPairs() {
    return Points.draw(
        14,
        r -> {
          while (true) {
            double x = r.nextDouble(-10, 10);
            double y = Domains.awayFromZero(r, 0.5, 3);
            if (fractional(x / y) > 1e-6 && fractional(3 * x / y) > 1e-6) {
              return new Object[] {x, y};
            }
          }
        });
  }

  /** x away from the jumps of (int) x and (long) (10 x). */
  static Stream<Arguments> awayFromTenths() {
    return Points.draw(16, r -> new Object[] {Points.awayFromMultiples(r, -5, 5, 0.1, 1e-7)});
  }

  static Stream<Arguments> realAndInt() {
    return Points.draw(17, r -> new Object[] {r.nextDouble(-5, 5), r.nextInt(-20, 21)});
  }

  static Stream<Arguments> realAndBoolean() {
    return Points.draw(18, r -> new Object[] {r.nextDouble(-5, 5), r.nextBoolean()});
  }

  @ParameterizedTest
  @MethodSource(DOMAINS + "pairs")
  void add(double x, double y) {
    var v = new Vars(2);
    var expect = Expect.oracle(v.var(x).add(v.var(y)), Arithmetic.add(x, y));
    var g = addGradient(x, y);
    expect
        .gradient(g.value(), g.x(), g.y())
        .pullback(pb -> addPullback(x, y, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  @ParameterizedTest
  @MethodSource(DOMAINS + "pairs")
  void subtract(double x, double y) {
    var v = new Vars(2);
    var expect = Expect.oracle(v.var(x).subtract(v.var(y)), Arithmetic.subtract(x, y));
    var g = subtractGradient(x, y);
    expect
        .gradient(g.value(), g.x(), g.y())
        .pullback(pb -> subtractPullback(x, y, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  @ParameterizedTest
  @MethodSource(DOMAINS + "pairs")
  void multiply(double x, double y) {
    var v = new Vars(2);
    var expect = Expect.oracle(v.var(x).multiply(v.var(y)), Arithmetic.multiply(x, y));
    var g = multiplyGradient(x, y);
    expect
        .gradient(g.value(), g.x(), g.y())
        .pullback(pb -> multiplyPullback(x, y, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  @ParameterizedTest
  @MethodSource("pairsNonzeroY")
  void divide(double x, double y) {
    var v = new Vars(2);
    var expect = Expect.oracle(v.var(x).divide(v.var(y)), Arithmetic.divide(x, y));
    var g = divideGradient(x, y);
    expect
        .gradient(g.value(), g.x(), g.y())
        .pullback(pb -> dividePullback(x, y, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  /**
   * Java's {@code %} truncates: {@code x % y = x - y * trunc(x / y)}, so ∂/∂x = 1 and ∂/∂y =
   * -trunc(x / y). (Hipparchus' own remainder is the IEEE one, which rounds instead.)
   */
  @ParameterizedTest
  @MethodSource("remainderPairs")
  void remainder(double x, double y) {
    var v = new Vars(2);
    var expect = Expect.oracle(truncatedRemainder(v.var(x), v.var(y)), Arithmetic.remainder(x, y));
    var g = remainderGradient(x, y);
    expect
        .gradient(g.value(), g.x(), g.y())
        .pullback(pb -> remainderPullback(x, y, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  @ParameterizedTest
  @MethodSource(DOMAINS + "reals")
  void negate(double x) {
    var expect = Expect.oracle(Vars.single(x).negate(), Arithmetic.negate(x));
    var g = negateGradient(x);
    expect.gradient(g.value(), g.x()).pullback(pb -> negatePullback(x, pb.seed(), pb.vec(0)));
  }

  @ParameterizedTest
  @MethodSource(DOMAINS + "pairs")
  void negateProduct(double x, double y) {
    var v = new Vars(2);
    Gradient gx = v.var(x);
    Gradient gy = v.var(y);
    var expect =
        Expect.oracle(gx.multiply(gy).negate().add(gx.negate()), Arithmetic.negateProduct(x, y));
    var g = negateProductGradient(x, y);
    expect
        .gradient(g.value(), g.x(), g.y())
        .pullback(pb -> negateProductPullback(x, y, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  @ParameterizedTest
  @MethodSource(DOMAINS + "pairs")
  void plusAssign(double x, double y) {
    var v = new Vars(2);
    Gradient gx = v.var(x);
    Gradient gy = v.var(y);
    var expect = Expect.oracle(gx.add(gy.multiply(gx)), Arithmetic.plusAssign(x, y));
    var g = plusAssignGradient(x, y);
    expect
        .gradient(g.value(), g.x(), g.y())
        .pullback(pb -> plusAssignPullback(x, y, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  @ParameterizedTest
  @MethodSource(DOMAINS + "pairs")
  void minusAssign(double x, double y) {
    var v = new Vars(2);
    Gradient gx = v.var(x);
    Gradient gy = v.var(y);
    var expect = Expect.oracle(gx.multiply(gx).subtract(gy), Arithmetic.minusAssign(x, y));
    var g = minusAssignGradient(x, y);
    expect
        .gradient(g.value(), g.x(), g.y())
        .pullback(pb -> minusAssignPullback(x, y, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  @ParameterizedTest
  @MethodSource(DOMAINS + "pairs")
  void timesAssign(double x, double y) {
    var v = new Vars(2);
    Gradient r = v.var(x).add(1).multiply(v.var(y));
    var expect = Expect.oracle(r.multiply(r), Arithmetic.timesAssign(x, y));
    var g = timesAssignGradient(x, y);
    expect
        .gradient(g.value(), g.x(), g.y())
        .pullback(pb -> timesAssignPullback(x, y, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  /** x in (-3, 3) keeps x + 3 > 0. */
  @ParameterizedTest
  @MethodSource("pairsNonzeroY")
  void divideAssign(double x, double y) {
    var v = new Vars(2);
    Gradient gx = v.var(x);
    Gradient gy = v.var(y);
    var expect = Expect.oracle(gx.divide(gy).divide(gx.add(3)), Arithmetic.divideAssign(x, y));
    var g = divideAssignGradient(x, y);
    expect
        .gradient(g.value(), g.x(), g.y())
        .pullback(pb -> divideAssignPullback(x, y, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  @ParameterizedTest
  @MethodSource("remainderPairs")
  void remainderAssign(double x, double y) {
    var v = new Vars(2);
    Gradient gx = v.var(x);
    Gradient gy = v.var(y);
    var expect =
        Expect.oracle(truncatedRemainder(gx.multiply(3), gy), Arithmetic.remainderAssign(x, y));
    var g = remainderAssignGradient(x, y);
    expect
        .gradient(g.value(), g.x(), g.y())
        .pullback(pb -> remainderAssignPullback(x, y, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  @ParameterizedTest
  @MethodSource(DOMAINS + "reals")
  void incrementDecrement(double x) {
    Gradient gx = Vars.single(x);
    var expect = Expect.oracle(gx.add(1).multiply(gx), Arithmetic.incrementDecrement(x));
    var g = incrementDecrementGradient(x);
    expect
        .gradient(g.value(), g.x())
        .pullback(pb -> incrementDecrementPullback(x, pb.seed(), pb.vec(0)));
  }

  @ParameterizedTest
  @MethodSource(DOMAINS + "pairs")
  void reassign(double x, double y) {
    var v = new Vars(2);
    Gradient gx = v.var(x);
    Gradient gy = v.var(y);
    Gradient r = gx.multiply(gx).add(1).multiply(gy).subtract(gx);
    var expect = Expect.oracle(r, Arithmetic.reassign(x, y));
    var g = reassignGradient(x, y);
    expect
        .gradient(g.value(), g.x(), g.y())
        .pullback(pb -> reassignPullback(x, y, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  @ParameterizedTest
  @MethodSource(DOMAINS + "pairs")
  void varLocals(double x, double y) {
    var v = new Vars(2);
    Gradient gx = v.var(x);
    Gradient gy = v.var(y);
    var expect = Expect.oracle(gx.multiply(gy).multiply(3).add(gy), Arithmetic.varLocals(x, y));
    var g = varLocalsGradient(x, y);
    expect
        .gradient(g.value(), g.x(), g.y())
        .pullback(pb -> varLocalsPullback(x, y, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  /** Rounding to float is treated as the identity for the derivative (value exactly rounded). */
  @ParameterizedTest
  @MethodSource(DOMAINS + "reals")
  void castToFloat(double x) {
    float rounded = (float) x;
    var expect = Expect.oracle(Vars.single(x).withValue(rounded), Arithmetic.castToFloat(x));
    var g = castToFloatGradient(x);
    expect.gradient(g.value(), g.x()).pullback(pb -> castToFloatPullback(x, pb.seed(), pb.vec(0)));
  }

  @ParameterizedTest
  @MethodSource(DOMAINS + "pairs")
  void floatLocal(double x, double y) {
    var v = new Vars(2);
    float f = (float) x;
    float square = f * f;
    Gradient gf = v.var(x).withValue(f);
    Gradient oracle = gf.multiply(gf).withValue(square).add(v.var(y));
    var expect = Expect.oracle(oracle, Arithmetic.floatLocal(x, y)).tolerance(FLOAT_TOLERANCE);
    var g = floatLocalGradient(x, y);
    expect
        .gradient(g.value(), g.x(), g.y())
        .pullback(pb -> floatLocalPullback(x, y, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  @ParameterizedTest
  @MethodSource("awayFromTenths")
  void castToInt(double x) {
    int k = (int) x; // truncation toward zero, a constant for the derivative
    var expect = Expect.oracle(Vars.single(x).multiply(k), Arithmetic.castToInt(x));
    var g = castToIntGradient(x);
    expect.gradient(g.value(), g.x()).pullback(pb -> castToIntPullback(x, pb.seed(), pb.vec(0)));
  }

  @ParameterizedTest
  @MethodSource("awayFromTenths")
  void castToLong(double x) {
    long m = (long) (x * 10);
    var expect = Expect.oracle(Vars.single(x).add(m), Arithmetic.castToLong(x));
    var g = castToLongGradient(x);
    expect.gradient(g.value(), g.x()).pullback(pb -> castToLongPullback(x, pb.seed(), pb.vec(0)));
  }

  @ParameterizedTest
  @MethodSource("realAndInt")
  void castIntToDouble(double x, int n) {
    var expect = Expect.oracle(Vars.single(x).multiply(n / 3.0), Arithmetic.castIntToDouble(x, n));
    var g = castIntToDoubleGradient(x, n);
    expect
        .gradient(g.value(), g.x())
        .pullback(pb -> castIntToDoublePullback(x, n, pb.seed(), pb.vec(0)));
  }

  @ParameterizedTest
  @MethodSource("realAndInt")
  void integerArithmetic(double x, int n) {
    // The integer part, evaluated here step by step: ((3n + n/2 - n%5 + 2) * 2 + 1 - 1).
    int k = (3 * n + n / 2 - n % 5 + 2) * 2;
    int j = k % 7 - 1;
    var expect =
        Expect.oracle(Vars.single(x).multiply(k).add(j), Arithmetic.integerArithmetic(x, n));
    var g = integerArithmeticGradient(x, n);
    expect
        .gradient(g.value(), g.x())
        .pullback(pb -> integerArithmeticPullback(x, n, pb.seed(), pb.vec(0)));
  }

  @ParameterizedTest
  @MethodSource("realAndInt")
  void longParameter(double x, int n) {
    long wide = n * 1_000_003L; // makes n * n overflow int but not long
    var expect =
        Expect.oracle(
            Vars.single(x).multiply((double) (wide * wide - 3)), Arithmetic.longParameter(x, wide));
    var g = longParameterGradient(x, wide);
    expect
        .gradient(g.value(), g.x())
        .pullback(pb -> longParameterPullback(x, wide, pb.seed(), pb.vec(0)));
  }

  @ParameterizedTest
  @MethodSource(DOMAINS + "distinctPairs")
  void ternary(double x, double y) {
    var v = new Vars(2);
    Gradient gx = v.var(x);
    Gradient gy = v.var(y);
    Gradient oracle = x > y ? gx.multiply(gy) : gx.subtract(gy);
    var expect = Expect.oracle(oracle, Arithmetic.ternary(x, y));
    var g = ternaryGradient(x, y);
    expect
        .gradient(g.value(), g.x(), g.y())
        .pullback(pb -> ternaryPullback(x, y, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  @ParameterizedTest
  @MethodSource(DOMAINS + "pairs")
  void ternaryLocal(double x, double y) {
    var v = new Vars(2);
    Gradient gx = v.var(x);
    Gradient gy = v.var(y);
    Gradient big = x * x > y ? gx.sin() : gy.divide(2);
    Gradient r = big.getValue() > 0 ? big.multiply(gx) : big.subtract(gx);
    var expect = Expect.oracle(r, Arithmetic.ternaryLocal(x, y));
    var g = ternaryLocalGradient(x, y);
    expect
        .gradient(g.value(), g.x(), g.y())
        .pullback(pb -> ternaryLocalPullback(x, y, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  @ParameterizedTest
  @MethodSource(DOMAINS + "pairs")
  void booleanLogic(double x, double y) {
    var v = new Vars(2);
    Gradient gx = v.var(x);
    Gradient gy = v.var(y);
    boolean inBox = (x > -1 && x < 1) || y < 0.5;
    boolean flip = !inBox && y != 0.25;
    Gradient oracle = inBox ? gx.multiply(gy) : (flip ? gx.add(gy) : gy);
    var expect = Expect.oracle(oracle, Arithmetic.booleanLogic(x, y));
    var g = booleanLogicGradient(x, y);
    expect
        .gradient(g.value(), g.x(), g.y())
        .pullback(pb -> booleanLogicPullback(x, y, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  @ParameterizedTest
  @MethodSource("realAndBoolean")
  void booleanParameter(double x, boolean useSine) {
    Gradient gx = Vars.single(x);
    var expect =
        Expect.oracle(useSine ? gx.sin() : gx.cos(), Arithmetic.booleanParameter(x, useSine));
    var g = booleanParameterGradient(x, useSine);
    expect
        .gradient(g.value(), g.x())
        .pullback(pb -> booleanParameterPullback(x, useSine, pb.seed(), pb.vec(0)));
  }

  @ParameterizedTest
  @MethodSource(DOMAINS + "distinctPairs")
  void comparisons(double x, double y) {
    var v = new Vars(2);
    Gradient gx = v.var(x);
    Gradient gy = v.var(y);
    Gradient a = x < y ? gx : gy;
    Gradient b = x < y ? gy : gx;
    Gradient c = gx.multiply(gy); // x == y never happens for distinct pairs
    Gradient d = x >= 0 ? gx : gx.negate();
    var expect = Expect.oracle(a.multiply(b).add(c).add(d), Arithmetic.comparisons(x, y));
    var g = comparisonsGradient(x, y);
    expect
        .gradient(g.value(), g.x(), g.y())
        .pullback(pb -> comparisonsPullback(x, y, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  @ParameterizedTest
  @MethodSource(DOMAINS + "reals")
  void fanOut(double x) {
    Gradient gx = Vars.single(x);
    Gradient oracle =
        gx.multiply(gx).multiply(gx).add(gx.divide(gx.multiply(gx).add(1))).subtract(gx);
    var expect = Expect.oracle(oracle, Arithmetic.fanOut(x));
    var g = fanOutGradient(x);
    expect.gradient(g.value(), g.x()).pullback(pb -> fanOutPullback(x, pb.seed(), pb.vec(0)));
  }

  @ParameterizedTest
  @MethodSource(DOMAINS + "pairs")
  void collidingNames(double x, double y) {
    double seed = x;
    double dSeed = y;
    double adjoint = x - y;
    double tmp0 = 0.5 * y;
    var v = new Vars(4);
    Gradient gs = v.var(seed);
    Gradient oracle =
        gs.multiply(v.var(dSeed)).multiply(v.var(adjoint).subtract(v.var(tmp0))).add(gs);
    var expect = Expect.oracle(oracle, Arithmetic.collidingNames(seed, dSeed, adjoint, tmp0));
    var g = collidingNamesGradient(seed, dSeed, adjoint, tmp0);
    expect
        .gradient(g.value(), g.seed(), g.dSeed(), g.adjoint(), g.tmp0())
        .pullback(
            pb ->
                collidingNamesPullback(
                    seed, dSeed, adjoint, tmp0, pb.seed(), pb.vec(0), pb.vec(1), pb.vec(2),
                    pb.vec(3)));
  }

  @ParameterizedTest
  @MethodSource(DOMAINS + "pairs")
  void scaledSquares(double x, double y) {
    var v = new Vars(2);
    Gradient gx = v.var(x);
    Gradient gy = v.var(y);
    Gradient oracle = gx.multiply(100.0).multiply(gx)
        .add(gy.multiply(0.5).multiply(gy))
        .add(gx.multiply(gx.multiply(3.0)))
        .add(gx.multiply(2.0).multiply(gx).multiply(gy))
        .add(gx.multiply(gy.multiply(-1.5)))
        .add((y > 0 ? gx.multiply(2.0) : v.constant(-0.75)).multiply(gx));
    var expect = Expect.oracle(oracle, Arithmetic.scaledSquares(x, y));
    var g = scaledSquaresGradient(x, y);
    expect
        .gradient(g.value(), g.x(), g.y())
        .pullback(pb -> scaledSquaresPullback(x, y, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  @Test
  void constantParametersHaveNoRecordComponent() {
    assertEquals(List.of("value", "x"), Records.componentNames(IntegerArithmeticGradient.class));
    assertEquals(List.of("value", "x"), Records.componentNames(LongParameterGradient.class));
    assertEquals(List.of("value", "x"), Records.componentNames(BooleanParameterGradient.class));
    assertEquals(List.of("value", "x", "y"), Records.componentNames(TernaryGradient.class));
  }

  private static Gradient truncatedRemainder(Gradient x, Gradient y) {
    double quotient = (long) (x.getValue() / y.getValue());
    return x.subtract(y.multiply(quotient));
  }

  private static double fractional(double q) {
    return Math.abs(q - Math.rint(q));
  }
}
