package dev.adjoint.it.ops;

import static dev.adjoint.it.ops.EdgeCasesDerivatives.*;
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

/** {@link EdgeCases} against Hipparchus. */
class EdgeCasesTest {
  private static final String DOMAINS = "dev.adjoint.it.ops.Domains#";

  /** At least 1e-6 away from every integer: kinks of %, max, min and int comparisons. */
  static Stream<Arguments> awayFromIntegers() {
    return Points.draw(61, r -> new Object[] {Points.awayFromMultiples(r, -5, 5, 1, 1e-6)});
  }

  static Stream<Arguments> awayFromIntegersAndInt() {
    return Points.draw(
        62, r -> new Object[] {Points.awayFromMultiples(r, -5, 5, 1, 1e-6), r.nextInt(-6, 7)});
  }

  static Stream<Arguments> realAndNonzeroInt() {
    return Points.draw(
        63,
        r ->
            new Object[] {
              r.nextDouble(-5, 5), r.nextBoolean() ? r.nextInt(1, 9) : -r.nextInt(1, 9)
            });
  }

  static Stream<Arguments> ints() {
    return Points.draw(64, r -> new Object[] {r.nextInt(-100, 100)});
  }

  static Stream<Arguments> unused() {
    return Points.draw(
        65,
        r -> new Object[] {r.nextDouble(-3, 3), r.nextDouble(-3, 3), Points.uniform(r, 3, -1, 1)});
  }

  static Stream<Arguments> otherTypes() {
    return Points.draw(
        66, r -> new Object[] {r.nextDouble(-3, 3), (float) r.nextDouble(-2, 2), "m/s"});
  }

  static Stream<Arguments> arrayAndIndexValue() {
    return Points.draw(
        67,
        r ->
            new Object[] {Points.uniform(r, 4, -3, 3), Points.awayFromMultiples(r, 0, 4, 1, 1e-6)});
  }

  static Stream<Arguments> matrices() {
    return Points.draw(
        68, r -> new Object[] {Points.uniform(r, 1 + r.nextInt(3), 1 + r.nextInt(3), -3, 3)});
  }

  static Stream<Arguments> vectors() {
    return Points.draw(72, r -> new Object[] {Points.uniform(r, 3, -3, 3)});
  }

  static Stream<Arguments> arrayAndScalar() {
    return Points.draw(
        69, r -> new Object[] {Points.uniform(r, 3, -3, 3), Domains.awayFromZero(r, 1e-3, 3)});
  }

  /** x > 0 for pow(x, n); x away from the integers n where max and min switch. */
  static Stream<Arguments> positiveAwayFromIntegersAndInt() {
    return Points.draw(
        70, r -> new Object[] {Points.awayFromMultiples(r, 0.1, 5, 1, 1e-6), r.nextInt(-3, 6)});
  }

  /** -x / y at least 1e-6 away from an integer. */
  static Stream<Arguments> remainderPairs() {
    return Points.draw(
        71,
        r -> {
          while (true) {
            double x = r.nextDouble(-10, 10);
            double y = Domains.awayFromZero(r, 0.5, 3);
            double q = -x / y;
            if (Math.abs(q - Math.rint(q)) > 1e-6) {
              return new Object[] {x, y};
            }
          }
        });
  }

  static Stream<Arguments> triples() {
    return Domains.triples();
  }

  @ParameterizedTest
  @MethodSource(DOMAINS + "reals")
  void declareThenAssign(double x) {
    Gradient gx = Vars.single(x);
    var expect = Expect.oracle(gx.multiply(2).multiply(gx), EdgeCases.declareThenAssign(x));
    var g = declareThenAssignGradient(x);
    expect
        .gradient(g.value(), g.x())
        .pullback(pb -> declareThenAssignPullback(x, pb.seed(), pb.vec(0)));
  }

  @ParameterizedTest
  @MethodSource(DOMAINS + "reals")
  void multipleDeclarators(double x) {
    Gradient gx = Vars.single(x);
    var expect = Expect.oracle(gx.multiply(gx.multiply(2)), EdgeCases.multipleDeclarators(x));
    var g = multipleDeclaratorsGradient(x);
    expect
        .gradient(g.value(), g.x())
        .pullback(pb -> multipleDeclaratorsPullback(x, pb.seed(), pb.vec(0)));
  }

  @ParameterizedTest
  @MethodSource(DOMAINS + "reals")
  void finalLocal(double x) {
    Gradient k = Vars.single(x).multiply(2);
    var expect = Expect.oracle(k.multiply(k), EdgeCases.finalLocal(x));
    var g = finalLocalGradient(x);
    expect.gradient(g.value(), g.x()).pullback(pb -> finalLocalPullback(x, pb.seed(), pb.vec(0)));
  }

  @ParameterizedTest
  @MethodSource(DOMAINS + "reals")
  void selfCompound(double x) {
    Gradient gx = Vars.single(x);
    Gradient r = gx.add(gx);
    r = r.multiply(r);
    r = r.subtract(r.multiply(gx));
    var expect = Expect.oracle(r, EdgeCases.selfCompound(x));
    var g = selfCompoundGradient(x);
    expect.gradient(g.value(), g.x()).pullback(pb -> selfCompoundPullback(x, pb.seed(), pb.vec(0)));
  }

  @ParameterizedTest
  @MethodSource(DOMAINS + "reals")
  void compoundIntRhs(double x) {
    Gradient oracle = Vars.single(x).multiply(2).add(1).divide(4);
    var expect = Expect.oracle(oracle, EdgeCases.compoundIntRhs(x));
    var g = compoundIntRhsGradient(x);
    expect
        .gradient(g.value(), g.x())
        .pullback(pb -> compoundIntRhsPullback(x, pb.seed(), pb.vec(0)));
  }

  @ParameterizedTest
  @MethodSource(DOMAINS + "nonzeroReals")
  void intTernary(double x) {
    var expect = Expect.oracle(Vars.single(x).multiply(x > 0 ? 1 : 2), EdgeCases.intTernary(x));
    var g = intTernaryGradient(x);
    expect.gradient(g.value(), g.x()).pullback(pb -> intTernaryPullback(x, pb.seed(), pb.vec(0)));
  }

  @ParameterizedTest
  @MethodSource("awayFromIntegers")
  void intLiterals(double x) {
    Gradient gx = Vars.single(x);
    Gradient zero = gx.getField().getZero();
    Gradient remainder = gx.subtract((long) (x / 2) * 2.0);
    Gradient oracle =
        remainder.add(x > 0 ? gx : zero).add(x < 1 ? gx : zero.add(1)).add(gx.square());
    var expect = Expect.oracle(oracle, EdgeCases.intLiterals(x));
    var g = intLiteralsGradient(x);
    expect.gradient(g.value(), g.x()).pullback(pb -> intLiteralsPullback(x, pb.seed(), pb.vec(0)));
  }

  @ParameterizedTest
  @MethodSource(DOMAINS + "nonzeroReals")
  void hypotOfSameArgument(double x) {
    Gradient gx = Vars.single(x);
    var expect = Expect.oracle(gx.hypot(gx), EdgeCases.hypotOfSameArgument(x));
    var g = hypotOfSameArgumentGradient(x);
    expect
        .gradient(g.value(), g.x())
        .pullback(pb -> hypotOfSameArgumentPullback(x, pb.seed(), pb.vec(0)));
  }

  @ParameterizedTest
  @MethodSource("realAndNonzeroInt")
  void divideByInt(double x, int n) {
    Gradient gx = Vars.single(x);
    var expect =
        Expect.oracle(gx.divide(n).subtract(gx.multiply(n / 2)), EdgeCases.divideByInt(x, n));
    var g = divideByIntGradient(x, n);
    expect
        .gradient(g.value(), g.x())
        .pullback(pb -> divideByIntPullback(x, n, pb.seed(), pb.vec(0)));
  }

  @ParameterizedTest
  @MethodSource("realAndNonzeroInt")
  void longLocal(double x, int n) {
    var expect = Expect.oracle(Vars.single(x).multiply((n + 2L) * 3), EdgeCases.longLocal(x, n));
    var g = longLocalGradient(x, n);
    expect.gradient(g.value(), g.x()).pullback(pb -> longLocalPullback(x, n, pb.seed(), pb.vec(0)));
  }

  @ParameterizedTest
  @MethodSource(DOMAINS + "nonzeroReals")
  void booleanReassign(double x) {
    Gradient gx = Vars.single(x);
    var expect = Expect.oracle(x > 0 ? gx.negate() : gx, EdgeCases.booleanReassign(x));
    var g = booleanReassignGradient(x);
    expect
        .gradient(g.value(), g.x())
        .pullback(pb -> booleanReassignPullback(x, pb.seed(), pb.vec(0)));
  }

  @ParameterizedTest
  @MethodSource("realAndNonzeroInt")
  void returnsIntExpression(double x, int n) {
    var expect = Expect.oracle(Gradient.constant(1, 2 * n), EdgeCases.returnsIntExpression(x, n));
    var g = returnsIntExpressionGradient(x, n);
    expect
        .gradient(g.value(), g.x())
        .pullback(pb -> returnsIntExpressionPullback(x, n, pb.seed(), pb.vec(0)));
  }

  @ParameterizedTest
  @MethodSource(DOMAINS + "reals")
  void returnsConstant(double x) {
    var expect = Expect.oracle(Gradient.constant(1, 1.0), EdgeCases.returnsConstant(x));
    var g = returnsConstantGradient(x);
    expect
        .gradient(g.value(), g.x())
        .pullback(pb -> returnsConstantPullback(x, pb.seed(), pb.vec(0)));
  }

  @ParameterizedTest
  @MethodSource("ints")
  void noActiveParameter(int n) {
    var expect = Expect.oracle(Gradient.constant(0, n / 2.0), EdgeCases.noActiveParameter(n));
    var g = noActiveParameterGradient(n);
    expect.gradient(g.value()).pullback(pb -> noActiveParameterPullback(n, pb.seed()));
  }

  @ParameterizedTest
  @MethodSource("unused")
  void unusedParameters(double x, double y, double[] a) {
    var v = new Vars(2 + a.length);
    Gradient oracle = v.var(x).multiply(3);
    v.var(y);
    v.var(a);
    var expect = Expect.oracle(oracle, EdgeCases.unusedParameters(x, y, a), a);
    var g = unusedParametersGradient(x, y, a);
    expect
        .gradient(g.value(), g.x(), g.y(), g.a())
        .pullback(
            pb -> unusedParametersPullback(x, y, a, pb.seed(), pb.vec(0), pb.vec(1), pb.vec(2)));
  }

  @ParameterizedTest
  @MethodSource("awayFromIntegersAndInt")
  void compareIntAndDouble(double x, int n) {
    Gradient gx = Vars.single(x);
    Gradient oracle = x > n ? gx.multiply(n) : gx.negate().add(n);
    var expect = Expect.oracle(oracle, EdgeCases.compareIntAndDouble(x, n));
    var g = compareIntAndDoubleGradient(x, n);
    expect
        .gradient(g.value(), g.x())
        .pullback(pb -> compareIntAndDoublePullback(x, n, pb.seed(), pb.vec(0)));
  }

  @ParameterizedTest
  @MethodSource(DOMAINS + "nonzeroReals")
  void ternaryMixedTypes(double x) {
    Gradient gx = Vars.single(x);
    Gradient oracle = x > 0 ? Gradient.constant(1, 1) : gx.square();
    var expect = Expect.oracle(oracle, EdgeCases.ternaryMixedTypes(x));
    var g = ternaryMixedTypesGradient(x);
    expect
        .gradient(g.value(), g.x())
        .pullback(pb -> ternaryMixedTypesPullback(x, pb.seed(), pb.vec(0)));
  }

  /** The float rounding is the identity for the derivative: d/dx = (float) x + x exactly. */
  @ParameterizedTest
  @MethodSource(DOMAINS + "reals")
  void doubleOfFloat(double x) {
    Gradient gx = Vars.single(x);
    float rounded = (float) x;
    var expect = Expect.oracle(gx.withValue(rounded).multiply(gx), EdgeCases.doubleOfFloat(x));
    var g = doubleOfFloatGradient(x);
    expect
        .gradient(g.value(), g.x())
        .pullback(pb -> doubleOfFloatPullback(x, pb.seed(), pb.vec(0)));
  }

  @ParameterizedTest
  @MethodSource("realAndNonzeroInt")
  void negatedInts(double x, int n) {
    Gradient gx = Vars.single(x);
    var expect = Expect.oracle(gx.multiply(-n).multiply(gx.negate()), EdgeCases.negatedInts(x, n));
    var g = negatedIntsGradient(x, n);
    expect
        .gradient(g.value(), g.x())
        .pullback(pb -> negatedIntsPullback(x, n, pb.seed(), pb.vec(0)));
  }

  @ParameterizedTest
  @MethodSource(DOMAINS + "reals")
  void repeatedCall(double x) {
    Gradient gx = Vars.single(x);
    var expect = Expect.oracle(gx.sin().multiply(gx.sin()), EdgeCases.repeatedCall(x));
    var g = repeatedCallGradient(x);
    expect.gradient(g.value(), g.x()).pullback(pb -> repeatedCallPullback(x, pb.seed(), pb.vec(0)));
  }

  @ParameterizedTest
  @MethodSource("otherTypes")
  void otherParameterTypes(double x, float scale, String unit) {
    var expect =
        Expect.oracle(
            Vars.single(x).multiply(scale), EdgeCases.otherParameterTypes(x, scale, unit));
    var g = otherParameterTypesGradient(x, scale, unit);
    expect
        .gradient(g.value(), g.x())
        .pullback(pb -> otherParameterTypesPullback(x, scale, unit, pb.seed(), pb.vec(0)));
  }

  @ParameterizedTest
  @MethodSource(DOMAINS + "reals")
  void absOfIntLiterals(double x) {
    var expect = Expect.oracle(Vars.single(x).multiply(3).add(3), EdgeCases.absOfIntLiterals(x));
    var g = absOfIntLiteralsGradient(x);
    expect
        .gradient(g.value(), g.x())
        .pullback(pb -> absOfIntLiteralsPullback(x, pb.seed(), pb.vec(0)));
  }

  @ParameterizedTest
  @MethodSource("arrayAndIndexValue")
  void activeValueAsIndex(double[] a, double x) {
    var v = new Vars(a.length + 1);
    Gradient[] ga = v.var(a);
    Gradient gx = v.var(x);
    var expect =
        Expect.oracle(
            ga[(int) FastMath.floor(x)].multiply(gx), EdgeCases.activeValueAsIndex(a, x), a);
    var g = activeValueAsIndexGradient(a, x);
    expect
        .gradient(g.value(), g.a(), g.x())
        .pullback(pb -> activeValueAsIndexPullback(a, x, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  @ParameterizedTest
  @MethodSource("matrices")
  void matrixDimensions(double[][] m) {
    Gradient[][] gm = new Vars(m.length * m[0].length).var(m);
    Gradient oracle = gm[0][0].multiply(m.length * m[0].length);
    var expect = Expect.oracle(oracle, EdgeCases.matrixDimensions(m), (Object) m);
    var g = matrixDimensionsGradient(m);
    expect
        .gradient(g.value(), (Object) g.m())
        .pullback(pb -> matrixDimensionsPullback(m, pb.seed(), pb.mat(0)));
  }

  @ParameterizedTest
  @MethodSource(DOMAINS + "pairs")
  void wrtSecondOnly(double x, double y) {
    Gradient gy = Vars.single(y);
    var expect = Expect.oracle(gy.multiply(x).add(FastMath.sin(x)), EdgeCases.wrtSecondOnly(x, y));
    var g = wrtSecondOnlyGradient(x, y);
    expect
        .gradient(g.value(), g.y())
        .pullback(pb -> wrtSecondOnlyPullback(x, y, pb.seed(), pb.vec(0)));
  }

  @ParameterizedTest
  @MethodSource(DOMAINS + "pairs")
  void wrtEmpty(double x, double y) {
    var v = new Vars(2);
    var expect = Expect.oracle(v.var(x).multiply(v.var(y)), EdgeCases.wrtEmpty(x, y));
    var g = wrtEmptyGradient(x, y);
    expect
        .gradient(g.value(), g.x(), g.y())
        .pullback(pb -> wrtEmptyPullback(x, y, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  @ParameterizedTest
  @MethodSource(DOMAINS + "reals")
  void selfComparison(double x) {
    var expect = Expect.oracle(Vars.single(x).multiply(2), EdgeCases.selfComparison(x));
    var g = selfComparisonGradient(x);
    expect
        .gradient(g.value(), g.x())
        .pullback(pb -> selfComparisonPullback(x, pb.seed(), pb.vec(0)));
  }

  @ParameterizedTest
  @MethodSource("triples")
  void generatorLikeNames(double x, double xBar, double dX) {
    var v = new Vars(3);
    Gradient gx = v.var(x);
    Gradient t1 = gx.multiply(v.var(xBar));
    Gradient r = t1.add(v.var(dX));
    r = r.add(r.square());
    Gradient oracle = r.multiply(gx).add(t1);
    var expect = Expect.oracle(oracle, EdgeCases.generatorLikeNames(x, xBar, dX));
    var g = generatorLikeNamesGradient(x, xBar, dX);
    expect
        .gradient(g.value(), g.x(), g.xBar(), g.dX())
        .pullback(
            pb ->
                generatorLikeNamesPullback(
                    x, xBar, dX, pb.seed(), pb.vec(0), pb.vec(1), pb.vec(2)));
  }

  @ParameterizedTest
  @MethodSource(DOMAINS + "nonzeroReals")
  void ternaryInsideCall(double x) {
    Gradient gx = Vars.single(x);
    var expect = Expect.oracle((x > 0 ? gx.negate() : gx).exp(), EdgeCases.ternaryInsideCall(x));
    var g = ternaryInsideCallGradient(x);
    expect
        .gradient(g.value(), g.x())
        .pullback(pb -> ternaryInsideCallPullback(x, pb.seed(), pb.vec(0)));
  }

  @ParameterizedTest
  @MethodSource(DOMAINS + "pairs")
  void nestedTernary(double x, double y) {
    var v = new Vars(2);
    Gradient gx = v.var(x);
    Gradient gy = v.var(y);
    Gradient oracle;
    if (x > 0) {
      oracle = y > 0 ? gx.multiply(gy) : gx;
    } else {
      oracle = y > 0 ? gy : gx.negate().multiply(gy);
    }
    var expect = Expect.oracle(oracle, EdgeCases.nestedTernary(x, y));
    var g = nestedTernaryGradient(x, y);
    expect
        .gradient(g.value(), g.x(), g.y())
        .pullback(pb -> nestedTernaryPullback(x, y, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  @ParameterizedTest
  @MethodSource("arrayAndScalar")
  void ternaryIndexAndReassign(double[] a, double x) {
    var v = new Vars(a.length + 1);
    Gradient[] ga = v.var(a);
    Gradient gx = v.var(x);
    Gradient r = ga[x > 0 ? 0 : 1].multiply(gx);
    r = r.getValue() > a[2] ? r.subtract(ga[2]) : ga[2].subtract(r);
    var expect = Expect.oracle(r, EdgeCases.ternaryIndexAndReassign(a, x), a);
    var g = ternaryIndexAndReassignGradient(a, x);
    expect
        .gradient(g.value(), g.a(), g.x())
        .pullback(pb -> ternaryIndexAndReassignPullback(a, x, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  @ParameterizedTest
  @MethodSource("positiveAwayFromIntegersAndInt")
  void mixedIntArguments(double x, int n) {
    Gradient gx = Vars.single(x);
    Gradient nn = gx.getField().getZero().add(n);
    Gradient oracle = gx.pow(n).add(FastMath.max(nn, gx)).add(FastMath.min(gx, nn));
    var expect = Expect.oracle(oracle, EdgeCases.mixedIntArguments(x, n));
    var g = mixedIntArgumentsGradient(x, n);
    expect
        .gradient(g.value(), g.x())
        .pullback(pb -> mixedIntArgumentsPullback(x, n, pb.seed(), pb.vec(0)));
  }

  @ParameterizedTest
  @MethodSource("vectors")
  void accumulateElements(double[] a) {
    Gradient[] ga = new Vars(a.length).var(a);
    Gradient oracle = ga[0].add(ga[1]).multiply(ga[2]).subtract(ga[0].square());
    var expect = Expect.oracle(oracle, EdgeCases.accumulateElements(a), a);
    var g = accumulateElementsGradient(a);
    expect
        .gradient(g.value(), g.a())
        .pullback(pb -> accumulateElementsPullback(a, pb.seed(), pb.vec(0)));
  }

  @ParameterizedTest
  @MethodSource("awayFromIntegers")
  void castChain(double x) {
    var expect = Expect.oracle(Vars.single(x).add((int) x), EdgeCases.castChain(x));
    var g = castChainGradient(x);
    expect.gradient(g.value(), g.x()).pullback(pb -> castChainPullback(x, pb.seed(), pb.vec(0)));
  }

  @ParameterizedTest
  @MethodSource(DOMAINS + "nonzeroReals")
  void sameVariableBothOperands(double x) {
    Gradient gx = Vars.single(x);
    Gradient r = gx.square();
    var expect = Expect.oracle(r.divide(r).multiply(gx), EdgeCases.sameVariableBothOperands(x));
    var g = sameVariableBothOperandsGradient(x);
    expect
        .gradient(g.value(), g.x())
        .pullback(pb -> sameVariableBothOperandsPullback(x, pb.seed(), pb.vec(0)));
  }

  @ParameterizedTest
  @MethodSource("remainderPairs")
  void negatedRemainder(double x, double y) {
    var v = new Vars(2);
    Gradient minusX = v.var(x).negate();
    Gradient gy = v.var(y);
    Gradient oracle = minusX.subtract(gy.multiply((long) (-x / y)));
    var expect = Expect.oracle(oracle, EdgeCases.negatedRemainder(x, y));
    var g = negatedRemainderGradient(x, y);
    expect
        .gradient(g.value(), g.x(), g.y())
        .pullback(pb -> negatedRemainderPullback(x, y, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  @ParameterizedTest
  @MethodSource(DOMAINS + "reals")
  void literalForms(double x) {
    Gradient gx = Vars.single(x);
    Gradient oracle =
        gx.multiply(0.001)
            .add(gx.multiply(16))
            .add(gx.multiply(1000))
            .add(3 + 8)
            .add(gx.multiply(2.5));
    var expect = Expect.oracle(oracle, EdgeCases.literalForms(x));
    var g = literalFormsGradient(x);
    expect.gradient(g.value(), g.x()).pullback(pb -> literalFormsPullback(x, pb.seed(), pb.vec(0)));
  }

  /** Float arithmetic: see ArithmeticTest.floatLocal for the 1e-6 bound. */
  @ParameterizedTest
  @MethodSource(DOMAINS + "pairs")
  void floatCompound(double x, double y) {
    var v = new Vars(2);
    float product = (float) x * (float) y;
    Gradient oracle =
        v.var(x).withValue((float) x).multiply(v.var(y).withValue((float) y)).withValue(product);
    var expect = Expect.oracle(oracle, EdgeCases.floatCompound(x, y)).tolerance(1e-6);
    var g = floatCompoundGradient(x, y);
    expect
        .gradient(g.value(), g.x(), g.y())
        .pullback(pb -> floatCompoundPullback(x, y, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  @ParameterizedTest
  @MethodSource("awayFromIntegers")
  void varBooleanAndLong(double x) {
    var expect =
        Expect.oracle(Vars.single(x).multiply(x > 1 ? 2 : 3), EdgeCases.varBooleanAndLong(x));
    var g = varBooleanAndLongGradient(x);
    expect
        .gradient(g.value(), g.x())
        .pullback(pb -> varBooleanAndLongPullback(x, pb.seed(), pb.vec(0)));
  }

  @Test
  void recordsHoldExactlyTheWrtParameters() {
    assertEquals(List.of("value"), Records.componentNames(NoActiveParameterGradient.class));
    assertEquals(List.of("value", "x"), Records.componentNames(OtherParameterTypesGradient.class));
    assertEquals(List.of("value", "y"), Records.componentNames(WrtSecondOnlyGradient.class));
    assertEquals(List.of("value", "x", "y"), Records.componentNames(WrtEmptyGradient.class));
    assertEquals(
        List.of("value", "x", "y", "a"), Records.componentNames(UnusedParametersGradient.class));
  }

  @ParameterizedTest
  @MethodSource(DOMAINS + "pairs")
  void reassignedParameters(double x, double y) {
    Vars vars = new Vars(2);
    Gradient gx = vars.var(x);
    Gradient gy = vars.var(y);
    Gradient x2 = gx.multiply(gx).add(1).add(1);
    Gradient y2 = gy.add(x2);
    var expect =
        Expect.oracle(x2.multiply(y2).multiply(4), EdgeCases.reassignedParameters(x, y, 3));
    var g = reassignedParametersGradient(x, y, 3);
    expect
        .gradient(g.value(), g.x(), g.y())
        .pullback(pb -> reassignedParametersPullback(x, y, 3, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  @ParameterizedTest
  @MethodSource(DOMAINS + "reals")
  void narrowedConstants(double x) {
    Gradient gx = Vars.single(x);
    Gradient oracle = gx.multiply(3).add(gx.multiply(gx).multiply(-4)).add(65);
    var expect = Expect.oracle(oracle, EdgeCases.narrowedConstants(x));
    var g = narrowedConstantsGradient(x);
    expect
        .gradient(g.value(), g.x())
        .pullback(pb -> narrowedConstantsPullback(x, pb.seed(), pb.vec(0)));
  }
}
