package dev.adjoint.it.flow;

import static dev.adjoint.it.flow.FusedDerivatives.*;

import dev.adjoint.it.support.Expect;
import dev.adjoint.it.support.Points;
import dev.adjoint.it.support.Vars;
import java.util.stream.Stream;
import org.hipparchus.analysis.differentiation.Gradient;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link Fused} against Hipparchus: loops fused with their neighbours, and loops that are not. */
class FusedTest {

  static Stream<Arguments> threeVectors() {
    return Points.draw(
        911,
        r -> {
          int n = r.nextInt(0, 7);
          return new Object[] {
            Points.uniform(r, n, -1, 1), Points.uniform(r, n, -1, 1), Points.uniform(r, n, -2, 2)
          };
        });
  }

  static Stream<Arguments> vectors() {
    return Points.draw(912, r -> new Object[] {Points.uniform(r, r.nextInt(0, 7), -1, 1)});
  }

  /** x away from 0 and y (both rounds) away from -0.5, the branch boundaries. */
  static Stream<Arguments> vectorAndScale() {
    return FlowDomains.drawWhere(
        913,
        r -> new Object[] {Points.uniform(r, r.nextInt(0, 7), -1, 1), r.nextDouble(-2, 2)},
        p -> {
          double[] x = (double[]) p[0];
          double c = (double) p[1];
          double[] y = new double[x.length];
          for (int round = 0; round < 2; round++) {
            for (int i = 0; i < x.length; i++) {
              if (!FlowDomains.apart(x[i], 0)) {
                return false;
              }
              y[i] = x[i] > 0 ? x[i] * c + y[i] : Math.sin(x[i]) + c * y[i];
              if (!FlowDomains.apart(y[i], -0.5)) {
                return false;
              }
            }
          }
          return true;
        });
  }

  @ParameterizedTest
  @MethodSource("threeVectors")
  void centered(double[] x, double[] mu, double[] q) {
    var vars = new Vars(3 * x.length);
    Gradient[] gx = vars.var(x);
    Gradient[] gm = vars.var(mu);
    Gradient[] gq = vars.var(q);
    Gradient s = vars.constant(0);
    for (int k = 0; k < 3; k++) {
      for (int i = 0; i < x.length; i++) {
        Gradient c = gx[i].subtract(gm[i].multiply(k));
        s = s.add(gq[i].multiply(c).sin().multiply(c));
      }
    }
    var expect = Expect.oracle(s, Fused.centered(x, mu, q), x, mu, q);
    var g = centeredGradient(x, mu, q);
    expect
        .gradient(g.value(), g.x(), g.mu(), g.q())
        .pullback(pb -> centeredPullback(x, mu, q, pb.seed(), pb.vec(0), pb.vec(1), pb.vec(2)));
  }

  @ParameterizedTest
  @MethodSource("vectors")
  void neighbours(double[] x) {
    var vars = new Vars(x.length);
    Gradient[] gx = vars.var(x);
    Gradient s = vars.constant(0);
    for (int i = 0; i < x.length; i++) {
      Gradient next = i + 1 < x.length ? gx[i + 1].exp() : vars.constant(0);
      s = s.add(gx[i].exp().multiply(next));
    }
    var expect = Expect.oracle(s, Fused.neighbours(x), x);
    var g = neighboursGradient(x);
    expect.gradient(g.value(), g.x()).pullback(pb -> neighboursPullback(x, pb.seed(), pb.vec(0)));
  }

  @ParameterizedTest
  @MethodSource("vectors")
  void runningSum(double[] x) {
    var vars = new Vars(x.length);
    Gradient[] gx = vars.var(x);
    Gradient t = vars.constant(0);
    for (Gradient xi : gx) {
      t = t.add(xi.multiply(xi));
    }
    Gradient s = vars.constant(0);
    for (Gradient xi : gx) {
      s = s.add(xi.divide(t.add(1)));
    }
    var expect = Expect.oracle(s, Fused.runningSum(x), x);
    var g = runningSumGradient(x);
    expect.gradient(g.value(), g.x()).pullback(pb -> runningSumPullback(x, pb.seed(), pb.vec(0)));
  }

  @ParameterizedTest
  @MethodSource("vectorAndScale")
  void branchy(double[] x, double c) {
    var vars = new Vars(x.length + 1);
    Gradient[] gx = vars.var(x);
    Gradient gc = vars.var(c);
    Gradient[] y = new Gradient[x.length];
    java.util.Arrays.setAll(y, i -> vars.constant(0));
    Gradient s = vars.constant(0);
    for (int r = 0; r < 2; r++) {
      for (int i = 0; i < x.length; i++) {
        y[i] = x[i] > 0 ? gx[i].multiply(gc).add(y[i]) : gx[i].sin().add(gc.multiply(y[i]));
        if (y[i].getValue() >= -0.5) {
          s = s.add(y[i].multiply(y[i]).multiply(gc));
        }
      }
    }
    var expect = Expect.oracle(s, Fused.branchy(x, c), x);
    var g = branchyGradient(x, c);
    expect
        .gradient(g.value(), g.x(), g.c())
        .pullback(pb -> branchyPullback(x, c, pb.seed(), pb.vec(0), pb.vec(1)));
  }
}
