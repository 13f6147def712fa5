package dev.adjoint.it.flow;

import static dev.adjoint.it.flow.FlowDomains.apart;
import static dev.adjoint.it.flow.PreaccumulatedDerivatives.*;

import dev.adjoint.it.support.Expect;
import dev.adjoint.it.support.Points;
import dev.adjoint.it.support.Vars;
import java.util.stream.Stream;
import org.hipparchus.analysis.differentiation.Gradient;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link Preaccumulated} against Hipparchus: stretches differentiated in tangent mode. */
class PreaccumulatedTest {
  /** As in the other float tests: the primal rounds to float (about 6e-8 relative). */
  private static final double FLOAT_TOLERANCE = 1e-6;

  // ---------------------------------------------------------------- points

  /** s, k > 0 and v, with d1 and d2 (both signs, all three shapes) off the branch boundaries. */
  static Stream<Arguments> steps() {
    return FlowDomains.drawWhere(
        901,
        r -> new Object[] {r.nextDouble(0.05, 20), r.nextDouble(0.05, 20), r.nextDouble(0.2, 3)},
        p -> {
          double s = (double) p[0];
          double k = (double) p[1];
          double v = (double) p[2];
          double d1 = Math.log(s / k) / v + 0.5 * v;
          double d2 = d1 - v;
          return apart(d1, 0) && apart(d2, 0) && apart(Math.abs(d1), 6) && apart(Math.abs(d1), 1.5)
              && apart(Math.abs(d2), 6);
        });
  }

  static Stream<Arguments> pairs() {
    return Points.draw(902, r -> new Object[] {r.nextDouble(-2, 2), r.nextDouble(-2, 2)});
  }

  static Stream<Arguments> scalarAndVector() {
    return Points.draw(
        903, r -> new Object[] {r.nextDouble(-2, 2), Points.uniform(r, r.nextInt(0, 6), -1, 1)});
  }

  /** x with y = x² - 0.5 off 0 and z's switch at y = -0.9 (never reached: y ≥ -0.5). */
  static Stream<Arguments> singles() {
    return FlowDomains.drawWhere(
        904, r -> new Object[] {r.nextDouble(-3, 3)}, p -> apart((double) p[0] * (double) p[0], 0.5));
  }

  /** u = x y / 2 off the kinks of max, min and abs. */
  static Stream<Arguments> functionPairs() {
    return FlowDomains.drawWhere(
        905,
        r -> new Object[] {r.nextDouble(-2, 2), r.nextDouble(-2, 2)},
        p -> {
          double u = 0.5 * (double) p[0] * (double) p[1];
          return apart(u, 0.3) && apart(u, -0.2) && apart(u, 0.1) && apart(u, 0);
        });
  }

  /** x - y off the branches at 0.25 and -0.5. */
  static Stream<Arguments> reassignedPairs() {
    return FlowDomains.drawWhere(
        906,
        r -> new Object[] {r.nextDouble(-2, 2), r.nextDouble(-2, 2)},
        p -> {
          double u = (double) p[0] - (double) p[1];
          return apart(u, 0.25) && apart(u, -0.5);
        });
  }

  static Stream<Arguments> scalarAndCount() {
    return Points.draw(907, r -> new Object[] {r.nextDouble(-1.5, 1.5), r.nextInt(0, 6)});
  }

  // ---------------------------------------------------------------- tests

  @ParameterizedTest
  @MethodSource("steps")
  void twoSteps(double s, double k, double v) {
    var vars = new Vars(3);
    Gradient gs = vars.var(s);
    Gradient gk = vars.var(k);
    Gradient gv = vars.var(v);
    Gradient d1 = gs.divide(gk).log().divide(gv).add(gv.multiply(0.5));
    Gradient d2 = d1.subtract(gv);
    Gradient z1 = d1.abs();
    Gradient tail1;
    if (z1.getValue() > 6.0) {
      tail1 = vars.constant(0);
    } else if (z1.getValue() < 1.5) {
      Gradient p = z1.multiply(0.1).add(0.3).multiply(z1).add(0.7).multiply(z1).add(1.0);
      tail1 = z1.multiply(z1).multiply(-0.5).exp().multiply(p).divide(p.add(z1.multiply(z1)));
    } else {
      Gradient fraction = z1.add(z1.add(z1.add(0.5).reciprocal().multiply(2.0)).reciprocal());
      tail1 = z1.multiply(z1).multiply(-0.5).exp().divide(fraction);
    }
    Gradient n1 = d1.getValue() > 0 ? tail1.negate().add(1.0) : tail1;
    Gradient z2 = d2.abs();
    Gradient tail2 = z2.getValue() > 6.0
        ? vars.constant(0)
        : z2.multiply(z2).multiply(-0.5).exp()
            .divide(z2.add(1.0).add(z2.multiply(z2).multiply(0.25)));
    Gradient n2 = d2.getValue() > 0 ? tail2.negate().add(1.0) : tail2;
    Gradient oracle = gs.multiply(n1).subtract(gk.multiply(gv.negate().exp()).multiply(n2));
    var expect = Expect.oracle(oracle, Preaccumulated.twoSteps(s, k, v));
    var g = twoStepsGradient(s, k, v);
    expect
        .gradient(g.value(), g.s(), g.k(), g.v())
        .pullback(pb -> twoStepsPullback(s, k, v, pb.seed(), pb.vec(0), pb.vec(1), pb.vec(2)));
  }

  @ParameterizedTest
  @MethodSource("pairs")
  void threeValues(double a, double b) {
    var vars = new Vars(2);
    Gradient ga = vars.var(a);
    Gradient gb = vars.var(b);
    Gradient u = ga.multiply(gb);
    Gradient e = u.multiply(u).negate().exp();
    Gradient y1 = u.sin().multiply(e);
    Gradient y2 = u.cos().add(e.multiply(u));
    Gradient y3 = u.multiply(u).add(1.0).sqrt().subtract(y1.multiply(y2));
    Gradient oracle = y1.multiply(ga).add(y2.multiply(gb)).add(y3);
    var expect = Expect.oracle(oracle, Preaccumulated.threeValues(a, b));
    var g = threeValuesGradient(a, b);
    expect
        .gradient(g.value(), g.a(), g.b())
        .pullback(pb -> threeValuesPullback(a, b, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  @ParameterizedTest
  @MethodSource("pairs")
  void chained(double x, double y) {
    var vars = new Vars(2);
    Gradient gx = vars.var(x);
    Gradient gy = vars.var(y);
    Gradient t = gx.multiply(gy);
    Gradient p = t.tanh().add(t.multiply(t).multiply(0.5));
    Gradient p2 = p.multiply(t.negate().exp()).add(t.multiply(3.0).sin());
    Gradient w = p2.multiply(gy);
    Gradient r1 = p2.multiply(0.3).exp();
    Gradient r2 = r1.multiply(r1).add(p2.sin());
    Gradient r3 = r2.divide(p2.multiply(p2).add(1.0));
    var expect = Expect.oracle(r3.multiply(gx).add(w), Preaccumulated.chained(x, y));
    var g = chainedGradient(x, y);
    expect
        .gradient(g.value(), g.x(), g.y())
        .pullback(pb -> chainedPullback(x, y, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  @ParameterizedTest
  @MethodSource("scalarAndVector")
  void intoLoop(double x, double[] c) {
    var vars = new Vars(1 + c.length);
    Gradient gx = vars.var(x);
    Gradient[] gc = vars.var(c);
    Gradient q = gx.multiply(0.5).exp();
    Gradient a = q.multiply(q).add(gx.cos());
    Gradient b = a.divide(q.add(1.0));
    Gradient s = vars.constant(0);
    for (Gradient ci : gc) {
      s = s.add(a.multiply(ci).sin().multiply(b)).add(ci.multiply(gx));
    }
    var expect = Expect.oracle(s, Preaccumulated.intoLoop(x, c), c);
    var g = intoLoopGradient(x, c);
    expect
        .gradient(g.value(), g.x(), g.c())
        .pullback(pb -> intoLoopPullback(x, c, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  @ParameterizedTest
  @MethodSource("singles")
  void wholeMethod(double x) {
    Gradient gx = Vars.single(x);
    Gradient y = gx.multiply(gx).subtract(0.5);
    y = y.getValue() > 0 ? y.sqrt().multiply(gx.negate().exp()) : y.multiply(gx.sin()).subtract(1.0);
    Gradient z = y.getValue() > -0.9 ? y.multiply(y).multiply(gx) : y.multiply(y).log1p();
    Gradient oracle = z.add(y.divide(gx.multiply(gx).add(2.0)));
    var expect = Expect.oracle(oracle, Preaccumulated.wholeMethod(x));
    var g = wholeMethodGradient(x);
    expect.gradient(g.value(), g.x()).pullback(pb -> wholeMethodPullback(x, pb.seed(), pb.vec(0)));
  }

  @ParameterizedTest
  @MethodSource("pairs")
  void floats(double x, double y) {
    var vars = new Vars(2);
    Gradient gx = vars.var(x);
    Gradient gy = vars.var(y);
    double uValue = x + 2.0 * y;
    float f = (float) (uValue * uValue);
    float g = f * 0.5f + (float) Math.sin(uValue);
    Gradient u = gx.add(gy.multiply(2.0));
    Gradient gf = u.multiply(u).withValue(f);
    Gradient gg = gf.multiply(0.5).add(u.sin()).withValue(g);
    Gradient h = gg.multiply(gf).add(u.multiply(0.1).exp());
    var expect =
        Expect.oracle(h.multiply(gx), Preaccumulated.floats(x, y)).tolerance(FLOAT_TOLERANCE);
    var gradient = floatsGradient(x, y);
    expect
        .gradient(gradient.value(), gradient.x(), gradient.y())
        .pullback(pb -> floatsPullback(x, y, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  @ParameterizedTest
  @MethodSource("functionPairs")
  void everyFunction(double x, double y) {
    var vars = new Vars(2);
    Gradient gx = vars.var(x);
    Gradient gy = vars.var(y);
    Gradient u = gx.multiply(gy).multiply(0.5);
    Gradient s = u.sin().add(u.cos()).add(u.multiply(0.3).tan());
    Gradient w = u.divide(u.abs().add(1.0));
    s = s.add(w.multiply(0.5).asin().add(w.multiply(0.5).acos().multiply(0.5)).add(u.atan())
        .add(u.atan2(vars.constant(2.0))));
    s = s.add(u.multiply(0.2).sinh().add(u.multiply(0.2).cosh()).add(u.tanh())
        .add(u.multiply(u).negate().exp()));
    s = s.add(u.multiply(0.1).expm1().add(u.multiply(u).add(1.0).log())
        .add(u.multiply(u).add(2.0).log10()));
    s = s.add(u.multiply(u).log1p().add(u.multiply(u).add(1.0).sqrt()).add(u.add(3.0).cbrt()));
    s = s.add(u.multiply(u).add(1.0).pow(1.5).add(Gradient.pow(2.0, u))
        .add(u.multiply(u).add(0.5).pow(2.0)));
    s = s.add(u.hypot(vars.constant(3.0)).add(u.toRadians()).add(u.multiply(0.01).toDegrees()));
    Gradient max = u.getValue() >= 0.3 ? u : vars.constant(0.3);
    Gradient min = u.getValue() <= -0.2 ? u : vars.constant(-0.2);
    s = s.add(max.add(min).add(u.multiply(u).add(1.0)).add(u.subtract(0.1).abs()));
    var expect = Expect.oracle(s.multiply(gy), Preaccumulated.everyFunction(x, y));
    var g = everyFunctionGradient(x, y);
    expect
        .gradient(g.value(), g.x(), g.y())
        .pullback(pb -> everyFunctionPullback(x, y, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  @ParameterizedTest
  @MethodSource("reassignedPairs")
  void reassigned(double x, double y) {
    var vars = new Vars(2);
    Gradient gx = vars.var(x);
    Gradient gy = vars.var(y);
    Gradient u = gx.subtract(gy);
    Gradient v = u.getValue() > 0.25 ? vars.constant(0.5) : u.multiply(u);
    v = v.add(u.sin());
    v = u.getValue() < -0.5 ? v.multiply(u) : v;
    var expect = Expect.oracle(v.multiply(gx).add(u), Preaccumulated.reassigned(x, y));
    var g = reassignedGradient(x, y);
    expect
        .gradient(g.value(), g.x(), g.y())
        .pullback(pb -> reassignedPullback(x, y, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  @ParameterizedTest
  @MethodSource("scalarAndCount")
  void alsoInLoop(double x, int n) {
    Gradient gx = Vars.single(x);
    Gradient v = gx.exp();
    v = v.multiply(v).add(gx.sin());
    v = v.divide(gx.multiply(gx).add(1.0));
    for (int i = 0; i < n; i++) {
      v = v.multiply(0.5).add(gx);
    }
    var expect = Expect.oracle(v, Preaccumulated.alsoInLoop(x, n));
    var g = alsoInLoopGradient(x, n);
    expect.gradient(g.value(), g.x()).pullback(pb -> alsoInLoopPullback(x, n, pb.seed(), pb.vec(0)));
  }
}
