package dev.adjoint.it.flow;

import static dev.adjoint.it.flow.LoopsDerivatives.*;

import dev.adjoint.it.support.Expect;
import dev.adjoint.it.support.Points;
import dev.adjoint.it.support.Vars;
import java.util.stream.Stream;
import org.hipparchus.analysis.differentiation.Gradient;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Loops} against Hipparchus. Where the trip count or a branch depends on computed values,
 * the oracle runs the plain double computation alongside the Hipparchus one and takes every
 * decision from the double: the oracle then replays exactly the iterations of the plain method
 * (Hipparchus rounds division and some functions differently in the last bit, which must not be
 * allowed to change a decision).
 */
class LoopsTest {

  // ---------------------------------------------------------------- points

  /** x and a trip count 0..12 (0 runs no iteration at all). */
  static Stream<Arguments> scalarAndCount() {
    return Points.draw(501, r -> new Object[] {r.nextDouble(-1, 1), r.nextInt(0, 13)});
  }

  static Stream<Arguments> vectors() {
    return Points.draw(502, r -> new Object[] {Points.uniform(r, r.nextInt(0, 9), -2, 2)});
  }

  /** Trip counts up to 40 for the i * i < n header (up to 6 iterations). */
  static Stream<Arguments> scalarAndLargeCount() {
    return Points.draw(503, r -> new Object[] {r.nextDouble(-1.2, 1.2), r.nextInt(0, 41)});
  }

  static Stream<Arguments> vectorAndScalar() {
    return Points.draw(
        504,
        r -> new Object[] {Points.uniform(r, r.nextInt(0, 9), -1.5, 1.5), r.nextDouble(-1, 1)});
  }

  static Stream<Arguments> matrices() {
    return Points.draw(505, r -> new Object[] {FlowDomains.jagged(r, r.nextInt(0, 5), 4, -2, 2)});
  }

  /** y sometimes below x (zero iterations), up to ~8 iterations otherwise. */
  static Stream<Arguments> whilePairs() {
    return Points.draw(506, r -> new Object[] {r.nextDouble(0.5, 2), r.nextDouble(0.1, 30)});
  }

  static Stream<Arguments> vectorAndLimit() {
    return Points.draw(
        507, r -> new Object[] {Points.uniform(r, r.nextInt(0, 9), -2, 2), r.nextDouble(0, 10)});
  }

  static Stream<Arguments> matrixAndScalar() {
    return Points.draw(
        508,
        r -> new Object[] {FlowDomains.jagged(r, r.nextInt(1, 5), 4, -1, 2), r.nextDouble(0, 1.5)});
  }

  static Stream<Arguments> pairAndCount() {
    return Points.draw(
        509, r -> new Object[] {r.nextDouble(0.2, 1.5), r.nextDouble(-2, 2), r.nextInt(0, 9)});
  }

  static Stream<Arguments> squareMatrices() {
    return Points.draw(
        510,
        r -> {
          int n = r.nextInt(1, 5);
          return new Object[] {Points.uniform(r, n, n, -1, 1), r.nextDouble(-2, 2)};
        });
  }

  /** Radicands over four decades: from 0.01 (starting point 1) to 100 (starting point a). */
  static Stream<Arguments> radicands() {
    return Points.draw(511, r -> new Object[] {Math.pow(10, r.nextDouble(-2, 2))});
  }

  static Stream<Arguments> cubics() {
    return Points.draw(512, r -> new Object[] {r.nextDouble(0.5, 3), r.nextDouble(-3, 3)});
  }

  static Stream<Arguments> swapPairs() {
    return Points.draw(
        513, r -> new Object[] {r.nextDouble(0.1, 3), r.nextDouble(0.1, 3), r.nextInt(0, 15)});
  }

  static Stream<Arguments> reassignPairs() {
    return Points.draw(
        514, r -> new Object[] {r.nextDouble(-1, 1), r.nextDouble(-0.9, 0.9), r.nextInt(0, 10)});
  }

  // ---------------------------------------------------------------- tests

  @ParameterizedTest
  @MethodSource("scalarAndCount")
  void countUp(double x, int n) {
    Gradient gx = Vars.single(x);
    Gradient s = gx.getField().getZero();
    for (int i = 0; i < n; i++) {
      s = s.add(gx.multiply(i).sin().divide(i + 1));
    }
    var expect = Expect.oracle(s, Loops.countUp(x, n));
    var g = countUpGradient(x, n);
    expect.gradient(g.value(), g.x()).pullback(pb -> countUpPullback(x, n, pb.seed(), pb.vec(0)));
  }

  @ParameterizedTest
  @MethodSource("scalarAndCount")
  void countDown(double x, int n) {
    Gradient gx = Vars.single(x);
    Gradient p = gx.getField().getZero();
    for (int i = n; i >= 1; i--) {
      p = p.multiply(gx).add(i);
    }
    var expect = Expect.oracle(p, Loops.countDown(x, n));
    var g = countDownGradient(x, n);
    expect.gradient(g.value(), g.x()).pullback(pb -> countDownPullback(x, n, pb.seed(), pb.vec(0)));
  }

  /** Odd lengths leave the last element unread: its partial derivative is 0. */
  @ParameterizedTest
  @MethodSource("vectors")
  void stepTwo(double[] a) {
    var v = new Vars(a.length);
    Gradient[] ga = v.var(a);
    Gradient s = v.constant(0);
    for (int pair = 0; pair < a.length / 2; pair++) {
      s = s.add(ga[2 * pair].multiply(ga[2 * pair + 1]));
    }
    var expect = Expect.oracle(s, Loops.stepTwo(a), a);
    var g = stepTwoGradient(a);
    expect.gradient(g.value(), g.a()).pullback(pb -> stepTwoPullback(a, pb.seed(), pb.vec(0)));
  }

  @ParameterizedTest
  @MethodSource("scalarAndLargeCount")
  void squareBound(double x, int n) {
    Gradient gx = Vars.single(x);
    Gradient s = gx.getField().getOne();
    int iterations = (int) Math.ceil(Math.sqrt(n)) - 1; // i = 1 .. while i * i < n
    for (int i = 1; i <= iterations; i++) {
      s = s.multiply(gx).add((double) (n - i + 1) / i);
    }
    var expect = Expect.oracle(s, Loops.squareBound(x, n));
    var g = squareBoundGradient(x, n);
    expect
        .gradient(g.value(), g.x())
        .pullback(pb -> squareBoundPullback(x, n, pb.seed(), pb.vec(0)));
  }

  @ParameterizedTest
  @MethodSource("scalarAndCount")
  void bareHeader(double x, int n) {
    Gradient gx = Vars.single(x);
    Gradient s = gx;
    for (int i = 0; i < n; i++) {
      s = s.multiply(s).multiply(0.5).add(gx);
    }
    var expect = Expect.oracle(s, Loops.bareHeader(x, n));
    var g = bareHeaderGradient(x, n);
    expect
        .gradient(g.value(), g.x())
        .pullback(pb -> bareHeaderPullback(x, n, pb.seed(), pb.vec(0)));
  }

  @ParameterizedTest
  @MethodSource("vectorAndScalar")
  void enhancedFor(double[] a, double x) {
    var v = new Vars(a.length + 1);
    Gradient[] ga = v.var(a);
    Gradient gx = v.var(x);
    Gradient s = v.constant(0);
    Gradient p = v.constant(1);
    for (Gradient e : ga) {
      s = s.add(e.square().multiply(gx));
      p = p.multiply(e.square().add(1));
    }
    Gradient oracle = s.add(p.log());
    var expect = Expect.oracle(oracle, Loops.enhancedFor(a, x), a);
    var g = enhancedForGradient(a, x);
    expect
        .gradient(g.value(), g.a(), g.x())
        .pullback(pb -> enhancedForPullback(a, x, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  /** Includes empty matrices and rows of different lengths. */
  @ParameterizedTest
  @MethodSource("matrices")
  void rowSums(double[][] m) {
    var v = new Vars(FlowDomains.size(m));
    Gradient[][] gm = v.var(m);
    Gradient s = v.constant(0);
    for (Gradient[] row : gm) {
      Gradient rowSum = v.constant(0);
      for (Gradient e : row) {
        rowSum = rowSum.add(e);
      }
      s = s.add(rowSum.square());
    }
    var expect = Expect.oracle(s, Loops.rowSums(m), (Object) m);
    var g = rowSumsGradient(m);
    expect
        .gradient(g.value(), (Object) g.m())
        .pullback(pb -> rowSumsPullback(m, pb.seed(), pb.mat(0)));
  }

  @ParameterizedTest
  @MethodSource("whilePairs")
  void whileLoop(double x, double y) {
    var v = new Vars(2);
    Gradient gx = v.var(x);
    Gradient gy = v.var(y);
    double s = x;
    Gradient gs = gx;
    int k = 0;
    while (s < y) {
      s = s * 1.5 + 0.1 * x;
      gs = gs.multiply(1.5).add(gx.multiply(0.1));
      k++;
    }
    Gradient oracle = gs.multiply(k).add(gy);
    var expect = Expect.oracle(oracle, Loops.whileLoop(x, y));
    var g = whileLoopGradient(x, y);
    expect
        .gradient(g.value(), g.x(), g.y())
        .pullback(pb -> whileLoopPullback(x, y, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  /** n = 0 and n = 1 both run the body once. */
  @ParameterizedTest
  @MethodSource("scalarAndCount")
  void doWhile(double x, int n) {
    Gradient gx = Vars.single(x);
    Gradient t = gx;
    for (int i = 0; i < Math.max(n, 1); i++) {
      t = t.cos().add(gx.multiply(0.5));
    }
    var expect = Expect.oracle(t, Loops.doWhile(x, n));
    var g = doWhileGradient(x, n);
    expect.gradient(g.value(), g.x()).pullback(pb -> doWhilePullback(x, n, pb.seed(), pb.vec(0)));
  }

  @ParameterizedTest
  @MethodSource("vectorAndLimit")
  void breakLoop(double[] a, double limit) {
    var v = new Vars(a.length + 1);
    Gradient[] ga = v.var(a);
    v.var(limit); // the limit only decides where to stop: its partial derivative is 0
    double s = 0;
    Gradient gs = v.constant(0);
    Gradient last = v.constant(0);
    for (int i = 0; i < a.length; i++) {
      last = ga[i];
      if (s + a[i] * a[i] > limit) {
        break;
      }
      s += a[i] * a[i];
      gs = gs.add(ga[i].square());
    }
    Gradient oracle = gs.add(last);
    var expect = Expect.oracle(oracle, Loops.breakLoop(a, limit), a);
    var g = breakLoopGradient(a, limit);
    expect
        .gradient(g.value(), g.a(), g.limit())
        .pullback(pb -> breakLoopPullback(a, limit, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  @ParameterizedTest
  @MethodSource("vectorAndScalar")
  void continueLoop(double[] a, double x) {
    var v = new Vars(a.length + 1);
    Gradient[] ga = v.var(a);
    Gradient gx = v.var(x);
    Gradient s = v.constant(0);
    for (int i = 0; i < a.length; i++) {
      if (a[i] >= 0) {
        s = s.add(ga[i].multiply(gx).exp());
        if (i % 2 == 0) {
          s = s.multiply(1.5);
        }
      }
    }
    var expect = Expect.oracle(s, Loops.continueLoop(a, x), a);
    var g = continueLoopGradient(a, x);
    expect
        .gradient(g.value(), g.a(), g.x())
        .pullback(pb -> continueLoopPullback(a, x, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  @ParameterizedTest
  @MethodSource("matrixAndScalar")
  void labelledBreak(double[][] m, double t) {
    var v = new Vars(FlowDomains.size(m) + 1);
    Gradient[][] gm = v.var(m);
    Gradient gt = v.var(t);
    Gradient s = v.constant(0);
    boolean found = false;
    for (int i = 0; i < m.length && !found; i++) {
      for (int j = 0; j < m[i].length && !found; j++) {
        if (m[i][j] > t) {
          s = s.add(gm[i][j].multiply(gt));
          found = true;
        } else {
          s = s.add(gm[i][j].square());
        }
      }
    }
    var expect = Expect.oracle(s, Loops.labelledBreak(m, t), (Object) m);
    var g = labelledBreakGradient(m, t);
    expect
        .gradient(g.value(), g.m(), g.t())
        .pullback(pb -> labelledBreakPullback(m, t, pb.seed(), pb.mat(0), pb.vec(1)));
  }

  @ParameterizedTest
  @MethodSource("matrixAndScalar")
  void labelledContinue(double[][] m, double x) {
    var v = new Vars(FlowDomains.size(m) + 1);
    Gradient[][] gm = v.var(m);
    Gradient gx = v.var(x);
    Gradient s = v.constant(0);
    for (int i = 0; i < m.length; i++) {
      Gradient p = v.constant(1);
      int firstNegative = -1;
      for (int j = 0; j < m[i].length && firstNegative < 0; j++) {
        if (m[i][j] < 0) {
          firstNegative = j;
        } else {
          p = p.multiply(gm[i][j].add(gx));
        }
      }
      s = s.add(firstNegative >= 0 ? p.multiply(gx) : p);
    }
    var expect = Expect.oracle(s, Loops.labelledContinue(m, x), (Object) m);
    var g = labelledContinueGradient(m, x);
    expect
        .gradient(g.value(), g.m(), g.x())
        .pullback(pb -> labelledContinuePullback(m, x, pb.seed(), pb.mat(0), pb.vec(1)));
  }

  @ParameterizedTest
  @MethodSource("pairAndCount")
  void nestedLoops(double x, double y, int n) {
    var v = new Vars(2);
    Gradient gx = v.var(x);
    Gradient gy = v.var(y);
    Gradient s = v.constant(0);
    for (int i = 0; i < n; i++) {
      Gradient inner = v.constant(0);
      for (int j = 0; j <= i; j++) {
        inner = inner.add(gx.pow(j).multiply(gy));
      }
      s = s.add(inner.divide(i + 1));
    }
    var expect = Expect.oracle(s, Loops.nestedLoops(x, y, n));
    var g = nestedLoopsGradient(x, y, n);
    expect
        .gradient(g.value(), g.x(), g.y())
        .pullback(pb -> nestedLoopsPullback(x, y, n, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  @ParameterizedTest
  @MethodSource("squareMatrices")
  void tripleLoop(double[][] m, double x) {
    int n = m.length;
    var v = new Vars(n * n + 1);
    Gradient[][] gm = v.var(m);
    Gradient gx = v.var(x);
    Gradient s = v.constant(0);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        Gradient c = v.constant(0);
        for (int k = 0; k < n; k++) {
          c = c.add(gm[i][k].multiply(gm[k][j]));
        }
        s = s.add(c.square().multiply(gx));
      }
    }
    var expect = Expect.oracle(s, Loops.tripleLoop(m, x), (Object) m);
    var g = tripleLoopGradient(m, x);
    expect
        .gradient(g.value(), g.m(), g.x())
        .pullback(pb -> tripleLoopPullback(m, x, pb.seed(), pb.mat(0), pb.vec(1)));
  }

  /**
   * The oracle differentiates the iterations actually run (decided by the plain doubles), not the
   * implicit derivative 1 / (2 sqrt a): the two agree only to the size of the last step, whereas
   * the replay agrees to rounding.
   */
  @ParameterizedTest
  @MethodSource("radicands")
  void newtonSqrt(double a) {
    Gradient ga = Vars.single(a);
    double x = a > 1 ? a : 1;
    Gradient gx = a > 1 ? ga : ga.getField().getOne();
    double dx = 1;
    int iterations = 0;
    while (Math.abs(dx) > 1e-12 && iterations < 100) {
      dx = (x * x - a) / (2 * x);
      Gradient gdx = gx.square().subtract(ga).divide(gx.multiply(2));
      x = x - dx;
      gx = gx.subtract(gdx);
      iterations++;
    }
    var expect = Expect.oracle(gx, Loops.newtonSqrt(a));
    var g = newtonSqrtGradient(a);
    expect.gradient(g.value(), g.a()).pullback(pb -> newtonSqrtPullback(a, pb.seed(), pb.vec(0)));
  }

  @ParameterizedTest
  @MethodSource("cubics")
  void newtonCubic(double p, double q) {
    var v = new Vars(2);
    Gradient gp = v.var(p);
    Gradient gq = v.var(q);
    double x = 0;
    Gradient gx = v.constant(0);
    for (int it = 0; it < 60; it++) {
      double dx = (x * x * x + p * x + q) / (3 * x * x + p);
      Gradient gf = gx.multiply(gx).multiply(gx).add(gp.multiply(gx)).add(gq);
      Gradient gdf = gx.multiply(gx).multiply(3).add(gp);
      x -= dx;
      gx = gx.subtract(gf.divide(gdf));
      if (Math.abs(dx) <= 1e-12) {
        break;
      }
    }
    var expect = Expect.oracle(gx, Loops.newtonCubic(p, q));
    var g = newtonCubicGradient(p, q);
    expect
        .gradient(g.value(), g.p(), g.q())
        .pullback(pb -> newtonCubicPullback(p, q, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  @ParameterizedTest
  @MethodSource("scalarAndLargeCount")
  void repeatedSin(double x, int n) {
    Gradient t = Vars.single(x);
    for (int i = 0; i < n; i++) {
      t = t.sin();
    }
    var expect = Expect.oracle(t, Loops.repeatedSin(x, n));
    var g = repeatedSinGradient(x, n);
    expect
        .gradient(g.value(), g.x())
        .pullback(pb -> repeatedSinPullback(x, n, pb.seed(), pb.vec(0)));
  }

  @ParameterizedTest
  @MethodSource("reassignPairs")
  void reassignedParameter(double x, double y, int n) {
    var v = new Vars(2);
    Gradient gx = v.var(x);
    Gradient gy = v.var(y);
    Gradient t = gx;
    for (int i = 0; i < n; i++) {
      t = t.multiply(gy).add(t.cos());
    }
    var expect = Expect.oracle(t, Loops.reassignedParameter(x, y, n));
    var g = reassignedParameterGradient(x, y, n);
    expect
        .gradient(g.value(), g.x(), g.y())
        .pullback(pb -> reassignedParameterPullback(x, y, n, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  @ParameterizedTest
  @MethodSource("vectorAndScalar")
  void overwrittenAccumulator(double[] a, double x) {
    var v = new Vars(a.length + 1);
    Gradient[] ga = v.var(a);
    Gradient gx = v.var(x);
    Gradient s = v.constant(0);
    for (Gradient e : ga) {
      s = s.multiply(gx).add(e).tanh();
    }
    var expect = Expect.oracle(s, Loops.overwrittenAccumulator(a, x), a);
    var g = overwrittenAccumulatorGradient(a, x);
    expect
        .gradient(g.value(), g.a(), g.x())
        .pullback(pb -> overwrittenAccumulatorPullback(a, x, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  @ParameterizedTest
  @MethodSource("swapPairs")
  void swapInLoop(double x, double y, int n) {
    var v = new Vars(2);
    Gradient ga = v.var(x);
    Gradient gb = v.var(y);
    double a = x;
    double b = y;
    for (int i = 0; i < n; i++) {
      double t = a;
      Gradient gt = ga;
      a = b;
      ga = gb;
      b = t + 0.5 * a * b;
      gb = gt.add(ga.multiply(0.5).multiply(gb));
      if (b > 10) {
        b = b / 10;
        gb = gb.divide(10);
      }
    }
    Gradient oracle = ga.subtract(gb.multiply(2));
    var expect = Expect.oracle(oracle, Loops.swapInLoop(x, y, n));
    var g = swapInLoopGradient(x, y, n);
    expect
        .gradient(g.value(), g.x(), g.y())
        .pullback(pb -> swapInLoopPullback(x, y, n, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  @ParameterizedTest
  @MethodSource("scalarAndCount")
  void compoundInLoop(double x, int n) {
    Gradient gx = Vars.single(x);
    Gradient s = gx.getField().getOne();
    for (int d = 1; d <= n; d++) {
      s = s.multiply(gx).subtract(0.25).divide(d);
    }
    var expect = Expect.oracle(s, Loops.compoundInLoop(x, n));
    var g = compoundInLoopGradient(x, n);
    expect
        .gradient(g.value(), g.x())
        .pullback(pb -> compoundInLoopPullback(x, n, pb.seed(), pb.vec(0)));
  }

  /** x of 1 to 5 elements; n from -1 to the length, k anywhere in range or far outside. */
  static Stream<Arguments> invariantReads() {
    return Points.draw(
        931,
        r -> {
          double[] x = Points.uniform(r, r.nextInt(1, 6), -2, 2);
          int n = r.nextInt(-1, x.length + 1);
          int k = n <= 0 && r.nextBoolean() ? 99 : r.nextInt(0, x.length);
          return new Object[] {x, k, n};
        });
  }

  @ParameterizedTest
  @MethodSource("invariantReads")
  void invariantRead(double[] x, int k, int n) {
    var vars = new Vars(x.length);
    Gradient[] gx = vars.var(x);
    Gradient s = vars.constant(0);
    for (int i = 0; i < n; i++) {
      s = s.multiply(gx[k].multiply(s).cos()).add(gx[k].multiply(gx[i].sin()));
    }
    var expect = Expect.oracle(s.add(gx[0]), Loops.invariantRead(x, k, n), x);
    var g = invariantReadGradient(x, k, n);
    expect
        .gradient(g.value(), g.x())
        .pullback(pb -> invariantReadPullback(x, k, n, pb.seed(), pb.vec(0)));
  }
}
