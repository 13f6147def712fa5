package dev.adjoint.it.ops;

import dev.adjoint.it.support.Expect;
import dev.adjoint.it.support.Vars;
import org.hipparchus.analysis.differentiation.Gradient;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Companions of methods declared in interfaces, enums, records and generic classes. */
class OwnersTest {
  private static final String DOMAINS = "dev.adjoint.it.ops.Domains#";

  @ParameterizedTest
  @MethodSource(DOMAINS + "reals")
  void interfaceMethod(double x) {
    var expect = Expect.oracle(Vars.single(x).pow(3), Owners.inInterface(x));
    var g = OwnersDerivatives.inInterfaceGradient(x);
    expect
        .gradient(g.value(), g.x())
        .pullback(pb -> OwnersDerivatives.inInterfacePullback(x, pb.seed(), pb.vec(0)));
  }

  @ParameterizedTest
  @MethodSource(DOMAINS + "reals")
  void enumMethod(double metres) {
    Gradient feet = Vars.single(metres).multiply(3.28084);
    var expect = Expect.oracle(feet.multiply(feet), Owners.Unit.toFeetSquared(metres));
    var g = Owners_UnitDerivatives.toFeetSquaredGradient(metres);
    expect
        .gradient(g.value(), g.metres())
        .pullback(pb -> Owners_UnitDerivatives.toFeetSquaredPullback(metres, pb.seed(), pb.vec(0)));
  }

  @ParameterizedTest
  @MethodSource(DOMAINS + "pairs")
  void recordMethod(double x, double y) {
    var v = new Vars(2);
    var expect = Expect.oracle(v.var(x).hypot(v.var(y)), Owners.Point.norm(x, y));
    var g = Owners_PointDerivatives.normGradient(x, y);
    expect
        .gradient(g.value(), g.x(), g.y())
        .pullback(
            pb -> Owners_PointDerivatives.normPullback(x, y, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  @ParameterizedTest
  @MethodSource(DOMAINS + "triples")
  void privateMethodOfGenericClass(double w, double h, double d) {
    var v = new Vars(3);
    Gradient oracle = v.var(w).multiply(v.var(h)).multiply(v.var(d));
    var expect = Expect.oracle(oracle, Owners.Box.volumeOf(w, h, d));
    var g = Owners_BoxDerivatives.volumeGradient(w, h, d);
    expect
        .gradient(g.value(), g.w(), g.h(), g.d())
        .pullback(
            pb ->
                Owners_BoxDerivatives.volumePullback(
                    w, h, d, pb.seed(), pb.vec(0), pb.vec(1), pb.vec(2)));
  }
}
