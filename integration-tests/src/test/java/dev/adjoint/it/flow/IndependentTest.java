package dev.adjoint.it.flow;

import static dev.adjoint.it.flow.IndependentDerivatives.*;

import dev.adjoint.it.support.Expect;
import dev.adjoint.it.support.Points;
import dev.adjoint.it.support.Vars;
import java.util.stream.Stream;
import org.hipparchus.analysis.differentiation.Gradient;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link Independent} against Hipparchus: loops whose reverse re-runs one iteration at a time. */
class IndependentTest {

  // ---------------------------------------------------------------- points

  /** 0 to 6 rows of 1 to 5 columns, and x of the column count. */
  static Stream<Arguments> matrices() {
    return Points.draw(
        801,
        r -> {
          int rows = r.nextInt(0, 7);
          int cols = r.nextInt(1, 6);
          return new Object[] {Points.uniform(r, rows, cols, -1, 1), Points.uniform(r, cols, -1, 1)};
        });
  }

  /** A contraction (|a| < 1) and 0 to 6 offsets. */
  static Stream<Arguments> fixedPointInputs() {
    return Points.draw(
        802,
        r -> new Object[] {Points.uniform(r, r.nextInt(0, 7), -1, 1), r.nextDouble(0.2, 0.8)});
  }

  static Stream<Arguments> sweepInputs() {
    return Points.draw(
        803,
        r -> {
          int rows = r.nextInt(0, 5);
          int cols = r.nextInt(1, 5);
          return new Object[] {
            Points.uniform(r, rows, cols, -1, 1), Points.uniform(r, cols, -1, 1), r.nextInt(0, 4)
          };
        });
  }

  // ---------------------------------------------------------------- tests

  @ParameterizedTest
  @MethodSource("matrices")
  void rowNorms(double[][] m, double[] x) {
    var vars = new Vars(FlowDomains.size(m) + x.length);
    Gradient[][] gm = vars.var(m);
    Gradient[] gx = vars.var(x);
    int n = x.length;
    Gradient before = gx[0].sin().multiply(gx[n - 1].multiply(gx[n - 1]));
    Gradient s = vars.constant(0);
    for (Gradient[] row : gm) {
      Gradient t = vars.constant(0);
      for (int j = 0; j < n; j++) {
        Gradient w = row[j].multiply(gx[j]);
        t = t.add(w.multiply(w));
      }
      s = s.add(t.add(1).sqrt());
    }
    var expect = Expect.oracle(s.add(before), Independent.rowNorms(m, x), m, x);
    var g = rowNormsGradient(m, x);
    expect
        .gradient(g.value(), g.m(), g.x())
        .pullback(pb -> rowNormsPullback(m, x, pb.seed(), pb.mat(0), pb.vec(1)));
  }

  @ParameterizedTest
  @MethodSource("matrices")
  void rowLogSumExp(double[][] m, double[] x) {
    var vars = new Vars(FlowDomains.size(m) + x.length);
    Gradient[][] gm = vars.var(m);
    Gradient[] gx = vars.var(x);
    int n = x.length;
    Gradient s = vars.constant(0);
    for (int r = 0; r < m.length; r++) {
      Gradient[] z = new Gradient[n];
      for (int j = 0; j < n; j++) {
        Gradient first = gm[r][j].multiply(gx[j]).add(gx[(j + r) % n]);
        z[j] = first.multiply(first).subtract(gx[j]);
      }
      // Only + - * above: the values are the doubles the method compares.
      Gradient max = z[0];
      for (int j = 1; j < n; j++) {
        if (z[j].getValue() > max.getValue()) {
          max = z[j];
        }
      }
      Gradient e = vars.constant(0);
      for (int j = 0; j < n; j++) {
        e = e.add(z[j].subtract(max).exp());
      }
      Gradient lse = max.add(e.log());
      s = s.subtract(r % 2 == 0 ? lse : lse.multiply(0.5));
    }
    var expect = Expect.oracle(s, Independent.rowLogSumExp(m, x), m, x);
    var g = rowLogSumExpGradient(m, x);
    expect
        .gradient(g.value(), g.m(), g.x())
        .pullback(pb -> rowLogSumExpPullback(m, x, pb.seed(), pb.mat(0), pb.vec(1)));
  }

  @ParameterizedTest
  @MethodSource("fixedPointInputs")
  void fixedPoints(double[] c, double a) {
    var vars = new Vars(c.length + 1);
    Gradient[] gc = vars.var(c);
    Gradient ga = vars.var(a);
    Gradient s = vars.constant(0);
    for (int k = 0; k < c.length; k++) {
      // The step count comes from the plain iteration, as the method runs it.
      double y = c[k];
      double previous = y + 1;
      int steps = 0;
      while (steps < 40 && Math.abs(previous - y) > 1e-13) {
        previous = y;
        y = Math.cos(a * y) + c[k];
        steps++;
      }
      Gradient gy = gc[k];
      for (int i = 0; i < steps; i++) {
        gy = ga.multiply(gy).cos().add(gc[k]);
      }
      s = s.add(gy.multiply(gy));
    }
    var expect = Expect.oracle(s, Independent.fixedPoints(c, a), c);
    var g = fixedPointsGradient(c, a);
    expect
        .gradient(g.value(), g.c(), g.a())
        .pullback(pb -> fixedPointsPullback(c, a, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  @ParameterizedTest
  @MethodSource("sweepInputs")
  void sweeps(double[][] m, double[] x, int count) {
    var vars = new Vars(FlowDomains.size(m) + x.length);
    Gradient[][] gm = vars.var(m);
    Gradient[] gx = vars.var(x);
    Gradient scale = vars.constant(1);
    Gradient total = vars.constant(0);
    for (int q = 0; q < count; q++) {
      Gradient sum = vars.constant(0);
      for (Gradient[] row : gm) {
        Gradient dot = vars.constant(0);
        for (int j = 0; j < x.length; j++) {
          dot = dot.add(scale.multiply(row[j]).add(gx[j]).tanh().multiply(gx[j]));
        }
        sum = sum.add(dot.multiply(dot));
      }
      total = total.add(sum.multiply(scale));
      scale = scale.multiply(0.5).add(sum.sin().multiply(0.1));
    }
    var expect = Expect.oracle(total.add(scale), Independent.sweeps(m, x, count), m, x);
    var g = sweepsGradient(m, x, count);
    expect
        .gradient(g.value(), g.m(), g.x())
        .pullback(pb -> sweepsPullback(m, x, count, pb.seed(), pb.mat(0), pb.vec(1)));
  }

  static Stream<Arguments> vectorsAndScale() {
    return Points.draw(
        804, r -> new Object[] {Points.uniform(r, r.nextInt(1, 8), -1, 1), r.nextDouble(-2, 2)});
  }

  static Stream<Arguments> vectors() {
    return Points.draw(805, r -> new Object[] {Points.uniform(r, r.nextInt(0, 8), -1, 1)});
  }

  @ParameterizedTest
  @MethodSource("vectorsAndScale")
  void linearCombination(double[] x, double c) {
    var vars = new Vars(x.length + 1);
    Gradient[] gx = vars.var(x);
    Gradient gc = vars.var(c);
    Gradient s = vars.constant(0);
    Gradient q = vars.constant(0);
    for (Gradient xi : gx) {
      Gradient y = xi.multiply(gc).sin();
      s = s.add(y);
      q = q.subtract(y.multiply(y));
    }
    Gradient oracle = s.divide(x.length).multiply(3).subtract(q.multiply(gc)).add(s);
    var expect = Expect.oracle(oracle, Independent.linearCombination(x, c), x);
    var g = linearCombinationGradient(x, c);
    expect
        .gradient(g.value(), g.x(), g.c())
        .pullback(pb -> linearCombinationPullback(x, c, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  @ParameterizedTest
  @MethodSource("vectors")
  void resets(double[] x) {
    var vars = new Vars(x.length);
    Gradient[] gx = vars.var(x);
    Gradient s = vars.constant(0);
    for (int i = 0; i < x.length; i++) {
      if (x[i] > 0.5) {
        s = vars.constant(0);
      }
      s = s.add(gx[i].multiply(gx[i]));
    }
    var expect = Expect.oracle(s, Independent.resets(x), x);
    var g = resetsGradient(x);
    expect.gradient(g.value(), g.x()).pullback(pb -> resetsPullback(x, pb.seed(), pb.vec(0)));
  }

  static Stream<Arguments> sweepsOfVectors() {
    return Points.draw(
        806, r -> new Object[] {Points.uniform(r, r.nextInt(1, 7), -1, 1), r.nextInt(0, 5)});
  }

  @ParameterizedTest
  @MethodSource("sweepsOfVectors")
  void smoothing(double[] x, int sweeps) {
    var vars = new Vars(x.length);
    Gradient[] gx = vars.var(x);
    int n = x.length;
    Gradient[] z = vars.constant(new double[n]);
    Gradient carry = vars.constant(1);
    for (int s = 0; s < sweeps; s++) {
      for (int i = 0; i < n; i++) {
        z[i] = gx[i].multiply(carry);
      }
      for (int i = 1; i < n; i++) {
        z[i] = z[i].add(z[i - 1].sin());
      }
      Gradient t = vars.constant(0);
      for (int i = 0; i < n; i++) {
        t = t.add(z[i].multiply(z[i]));
      }
      carry = t.cos().add(carry.multiply(0.5));
    }
    var expect = Expect.oracle(carry.add(z[n - 1]), Independent.smoothing(x, sweeps), x);
    var g = smoothingGradient(x, sweeps);
    expect.gradient(g.value(), g.x())
        .pullback(pb -> smoothingPullback(x, sweeps, pb.seed(), pb.vec(0)));
  }

  @ParameterizedTest
  @MethodSource("vectorsAndScale")
  void replayedCostly(double[] x, double c) {
    double k = Math.abs(c) + 0.5;
    var vars = new Vars(x.length + 1);
    Gradient[] gx = vars.var(x);
    Gradient gk = vars.var(k);
    Gradient s = vars.constant(0);
    for (Gradient xi : gx) {
      s = s.add(xi.multiply(xi).negate().divide(gk).exp().multiply(xi));
    }
    var expect = Expect.oracle(s, Independent.replayedCostly(x, k), x);
    var g = replayedCostlyGradient(x, k);
    expect.gradient(g.value(), g.x(), g.c())
        .pullback(pb -> replayedCostlyPullback(x, k, pb.seed(), pb.vec(0), pb.vec(1)));
  }
}
