package dev.adjoint.it.ops;

import static dev.adjoint.it.ops.StrictMathFunctionsDerivatives.*;

import dev.adjoint.it.support.Expect;
import dev.adjoint.it.support.Vars;
import org.hipparchus.analysis.differentiation.Gradient;
import org.hipparchus.util.FastMath;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code StrictMath} functions differentiate exactly like their {@code Math} twins. */
class StrictMathFunctionsTest {
  private static final String DOMAINS = "dev.adjoint.it.ops.Domains#";

  @ParameterizedTest
  @MethodSource(DOMAINS + "reals")
  void sin(double x) {
    var expect = Expect.oracle(Vars.single(x).sin(), StrictMathFunctions.sin(x));
    var g = sinGradient(x);
    expect.gradient(g.value(), g.x()).pullback(pb -> sinPullback(x, pb.seed(), pb.vec(0)));
  }

  @ParameterizedTest
  @MethodSource(DOMAINS + "reals")
  void exp(double x) {
    var expect = Expect.oracle(Vars.single(x).exp(), StrictMathFunctions.exp(x));
    var g = expGradient(x);
    expect.gradient(g.value(), g.x()).pullback(pb -> expPullback(x, pb.seed(), pb.vec(0)));
  }

  @ParameterizedTest
  @MethodSource(DOMAINS + "positive")
  void log(double x) {
    var expect = Expect.oracle(Vars.single(x).log(), StrictMathFunctions.log(x));
    var g = logGradient(x);
    expect.gradient(g.value(), g.x()).pullback(pb -> logPullback(x, pb.seed(), pb.vec(0)));
  }

  @ParameterizedTest
  @MethodSource(DOMAINS + "nonzeroReals")
  void cbrtAndTanh(double x) {
    Gradient gx = Vars.single(x);
    var expect = Expect.oracle(gx.cbrt().multiply(gx.tanh()), StrictMathFunctions.cbrtAndTanh(x));
    var g = cbrtAndTanhGradient(x);
    expect.gradient(g.value(), g.x()).pullback(pb -> cbrtAndTanhPullback(x, pb.seed(), pb.vec(0)));
  }

  @ParameterizedTest
  @MethodSource(DOMAINS + "positiveBase")
  void pow(double x, double y) {
    var v = new Vars(2);
    var expect = Expect.oracle(v.var(x).pow(v.var(y)), StrictMathFunctions.pow(x, y));
    var g = powGradient(x, y);
    expect
        .gradient(g.value(), g.x(), g.y())
        .pullback(pb -> powPullback(x, y, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  @ParameterizedTest
  @MethodSource(DOMAINS + "pairs")
  void atan2(double y, double x) {
    var v = new Vars(2);
    var expect = Expect.oracle(v.var(y).atan2(v.var(x)), StrictMathFunctions.atan2(y, x));
    var g = atan2Gradient(y, x);
    expect
        .gradient(g.value(), g.y(), g.x())
        .pullback(pb -> atan2Pullback(y, x, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  @ParameterizedTest
  @MethodSource(DOMAINS + "pairs")
  void hypot(double x, double y) {
    var v = new Vars(2);
    var expect = Expect.oracle(v.var(x).hypot(v.var(y)), StrictMathFunctions.hypot(x, y));
    var g = hypotGradient(x, y);
    expect
        .gradient(g.value(), g.x(), g.y())
        .pullback(pb -> hypotPullback(x, y, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  @ParameterizedTest
  @MethodSource(DOMAINS + "positivePairs")
  void mixedWithMath(double x, double y) {
    var v = new Vars(2);
    Gradient gx = v.var(x);
    Gradient gy = v.var(y);
    Gradient oracle = gx.sqrt().multiply(gy.sqrt()).add(FastMath.max(gx, gy));
    var expect = Expect.oracle(oracle, StrictMathFunctions.mixedWithMath(x, y));
    var g = mixedWithMathGradient(x, y);
    expect
        .gradient(g.value(), g.x(), g.y())
        .pullback(pb -> mixedWithMathPullback(x, y, pb.seed(), pb.vec(0), pb.vec(1)));
  }
}
