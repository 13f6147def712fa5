package dev.adjoint.it.calls;

import dev.adjoint.it.support.Expect;
import dev.adjoint.it.support.Points;
import dev.adjoint.it.support.Vars;
import java.util.stream.Stream;
import org.hipparchus.analysis.differentiation.Gradient;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Calls between differentiable methods, custom derivatives, recursion and instance methods,
 * against Hipparchus: each oracle writes the whole composition out in forward mode (the callees
 * inlined by hand), so it shares no code with the generated pullbacks it checks.
 */
class CallsTest {

  // ---------------------------------------------------------------- oracles of the helpers

  private static Gradient softplus(Gradient x) {
    return x.getValue() > 20 ? x : x.exp().log1p();
  }

  private static Gradient dot(Gradient[] a, Gradient[] b, Vars vars) {
    Gradient s = vars.constant(0);
    for (int i = 0; i < a.length; i++) {
      s = s.add(a[i].multiply(b[i]));
    }
    return s;
  }

  private static Gradient logistic(Gradient x) {
    return x.negate().exp().add(1).reciprocal();
  }

  private static Gradient neuron(Gradient[] w, Gradient[] x, Vars vars) {
    return dot(w, x, vars).tanh();
  }

  // ---------------------------------------------------------------- points

  static Stream<Arguments> triples() {
    return Points.draw(901, r -> new Object[] {
        r.nextDouble(-2, 2), r.nextDouble(-2, 2), r.nextDouble(-2, 2)});
  }

  static Stream<Arguments> pairs() {
    return Points.draw(902, r -> new Object[] {r.nextDouble(-1.5, 1.5), r.nextDouble(-1.5, 1.5)});
  }

  static Stream<Arguments> vectorPairs() {
    return Points.draw(903, r -> {
      int n = r.nextInt(1, 7);
      return new Object[] {Points.uniform(r, n, -2, 2), Points.uniform(r, n, -0.99, 0.99)};
    });
  }

  static Stream<Arguments> vectors() {
    return Points.draw(904, r -> new Object[] {Points.uniform(r, r.nextInt(1, 7), -2, 2)});
  }

  static Stream<Arguments> powers() {
    return Points.draw(905, r -> new Object[] {r.nextDouble(-1.5, 1.5), r.nextInt(0, 12)});
  }

  static Stream<Arguments> fractions() {
    return Points.draw(906, r -> new Object[] {r.nextDouble(0.5, 2), r.nextInt(0, 8)});
  }

  static Stream<Arguments> datasets() {
    return Points.draw(907, r -> {
      int d = r.nextInt(1, 4);
      int n = r.nextInt(0, 8);
      double[] ys = new double[n];
      for (int i = 0; i < n; i++) {
        ys[i] = r.nextBoolean() ? 1 : 0;
      }
      return new Object[] {Points.uniform(r, d, -1, 1), Points.uniform(r, n, d, -2, 2), ys};
    });
  }

  static Stream<Arguments> layers() {
    return Points.draw(908, r -> {
      int n = r.nextInt(1, 5);
      return new Object[] {
        Points.uniform(r, n, -1, 1), Points.uniform(r, n, -1, 1), r.nextDouble(-2, 2)};
    });
  }

  static Stream<Arguments> models() {
    return Points.draw(909, r -> {
      int n = r.nextInt(1, 6);
      return new Object[] {r.nextDouble(-2, 2), Points.uniform(r, n, -1, 1),
          Points.uniform(r, n, -2, 2)};
    });
  }

  // ---------------------------------------------------------------- tests

  @ParameterizedTest
  @MethodSource("triples")
  void chainOfDepthFour(double a, double x, double b) {
    var vars = new Vars(3);
    Gradient ga = vars.var(a);
    Gradient gx = vars.var(x);
    Gradient gb = vars.var(b);
    Gradient unit = softplus(ga.multiply(gx).add(gb)).square();
    var expect = Expect.oracle(unit.add(1).log(), Calls.chain(a, x, b));
    var g = CallsDerivatives.chainGradient(a, x, b);
    expect.gradient(g.value(), g.a(), g.x(), g.b())
        .pullback(pb -> CallsDerivatives.chainPullback(
            a, x, b, pb.seed(), pb.vec(0), pb.vec(1), pb.vec(2)));
  }

  @ParameterizedTest
  @MethodSource("pairs")
  void sameCalleeTwice(double x, double y) {
    var vars = new Vars(2);
    Gradient gx = vars.var(x);
    Gradient gy = vars.var(y);
    Gradient z = gx.multiply(gy);
    Gradient oracle = gx.subtract(gy).square().multiply(gx.add(gy.multiply(2)).square())
        .add(z.cos().add(softplus(z)));
    var expect = Expect.oracle(oracle, Calls.twice(x, y));
    var g = CallsDerivatives.twiceGradient(x, y);
    expect.gradient(g.value(), g.x(), g.y())
        .pullback(pb -> CallsDerivatives.twicePullback(x, y, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  @ParameterizedTest
  @MethodSource("vectorPairs")
  void callsInLoopsAndBranches(double[] w, double[] x) {
    var vars = new Vars(2 * w.length);
    Gradient[] gw = vars.var(w);
    Gradient[] gx = vars.var(x);
    double[] table = {0.5, 1.5, 2.5};
    Gradient s = vars.constant(0);
    for (int i = 0; i < x.length; i++) {
      Gradient u = softplus(gw[i].multiply(gx[i]));
      if (u.getValue() > 1) {
        s = s.add(u.subtract(1).square().multiply(table[Helpers.bucket(x[i], 3)]));
      } else {
        s = s.add(u.multiply(3.0).sin());
      }
    }
    Gradient oracle = s.add(dot(gw, gx, vars).multiply(dot(gw, gw, vars).sqrt()));
    var expect = Expect.oracle(oracle, Calls.inLoop(w, x), w, x);
    var g = CallsDerivatives.inLoopGradient(w, x);
    expect.gradient(g.value(), g.w(), g.x())
        .pullback(pb -> CallsDerivatives.inLoopPullback(w, x, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  @ParameterizedTest
  @MethodSource("vectors")
  void overloadedCallees(double[] v) {
    var vars = new Vars(v.length);
    Gradient[] gv = vars.var(v);
    Gradient cubes = vars.constant(0);
    for (Gradient e : gv) {
      cubes = cubes.add(e.abs().pow(3));
    }
    Gradient oracle = dot(gv, gv, vars).sqrt().add(cubes.pow(1.0 / 3));
    var expect = Expect.oracle(oracle, Calls.overloads(v), v);
    var g = CallsDerivatives.overloadsGradient(v);
    expect.gradient(g.value(), g.v())
        .pullback(pb -> CallsDerivatives.overloadsPullback(v, pb.seed(), pb.vec(0)));
    // The overloads' own generated members carry their parameter types.
    var single = HelpersDerivatives.norm_doubleArrayGradient(v);
    var cubic = HelpersDerivatives.norm_doubleArray_intGradient(v, 3);
    Expect.oracle(dot(gv, gv, vars).sqrt(), Helpers.norm(v), v)
        .gradient(single.value(), single.v());
    Expect.oracle(cubes.pow(1.0 / 3), Helpers.norm(v, 3), v).gradient(cubic.value(), cubic.v());
  }

  @ParameterizedTest
  @MethodSource("powers")
  void directRecursion(double x, int n) {
    var vars = new Vars(1);
    Gradient gx = vars.var(x);
    var expect = Expect.oracle(powerOracle(gx, n, vars), Calls.power(x, n));
    var g = CallsDerivatives.powerGradient(x, n);
    expect.gradient(g.value(), g.x())
        .pullback(pb -> CallsDerivatives.powerPullback(x, n, pb.seed(), pb.vec(0)));
  }

  private static Gradient powerOracle(Gradient x, int n, Vars vars) {
    if (n == 0) {
      return vars.constant(1);
    }
    Gradient half = powerOracle(x, n / 2, vars);
    return n % 2 == 0 ? half.multiply(half) : half.multiply(half).multiply(x);
  }

  @ParameterizedTest
  @MethodSource("fractions")
  void mutualRecursion(double x, int depth) {
    var vars = new Vars(1);
    Gradient gx = vars.var(x);
    var expect = Expect.oracle(even(gx, depth), Calls.evenLevel(x, depth));
    var g = CallsDerivatives.evenLevelGradient(x, depth);
    expect.gradient(g.value(), g.x())
        .pullback(pb -> CallsDerivatives.evenLevelPullback(x, depth, pb.seed(), pb.vec(0)));
  }

  private static Gradient even(Gradient x, int depth) {
    return depth == 0 ? x : x.add(odd(x, depth - 1).reciprocal());
  }

  private static Gradient odd(Gradient x, int depth) {
    return depth == 0 ? x.multiply(2) : x.divide(even(x, depth - 1)).add(2);
  }

  @ParameterizedTest
  @MethodSource("datasets")
  void customDerivativeInALoop(double[] w, double[][] xs, double[] ys) {
    var vars = new Vars(w.length + w.length * xs.length + ys.length);
    Gradient[] gw = vars.var(w);
    Gradient[][] gxs = vars.var(xs);
    Gradient[] gys = vars.var(ys);
    Gradient s = vars.constant(0);
    for (int i = 0; i < xs.length; i++) {
      Gradient p = logistic(dot(gw, gxs[i], vars));
      s = s.add(gys[i].multiply(p.log()))
          .add(gys[i].negate().add(1).multiply(p.negate().add(1).log()));
    }
    var expect = Expect.oracle(s, Calls.logLikelihood(w, xs, ys), w, xs, ys);
    var g = CallsDerivatives.logLikelihoodGradient(w, xs, ys);
    expect.gradient(g.value(), g.w(), g.xs(), g.ys())
        .pullback(pb -> CallsDerivatives.logLikelihoodPullback(
            w, xs, ys, pb.seed(), pb.vec(0), pb.mat(1), pb.vec(2)));
  }

  @ParameterizedTest
  @MethodSource("layers")
  void customDerivativeTakingArrays(double[] w, double[] x, double c) {
    var vars = new Vars(2 * w.length + 1);
    Gradient[] gw = vars.var(w);
    Gradient[] gx = vars.var(x);
    Gradient gc = vars.var(c);
    Gradient oracle = gc.multiply(neuron(gw, gx, vars))
        .add(neuron(gx, gw, vars).multiply(neuron(gw, gw, vars)));
    var expect = Expect.oracle(oracle, Calls.layer(w, x, c), w, x);
    var g = CallsDerivatives.layerGradient(w, x, c);
    expect.gradient(g.value(), g.w(), g.x(), g.c())
        .pullback(pb -> CallsDerivatives.layerPullback(
            w, x, c, pb.seed(), pb.vec(0), pb.vec(1), pb.vec(2)));
  }

  @ParameterizedTest
  @MethodSource("models")
  void instanceMethods(double scale, double[] weights, double[] x) {
    var model = new Model(scale, weights);
    var vars = new Vars(x.length);
    Gradient[] gx = vars.var(x);
    Gradient s = vars.constant(0);
    for (int i = 0; i < x.length; i++) {
      s = s.add(term(gx[i], scale).multiply(weights[i]));
    }
    Gradient oracle = s.multiply(scale).add(term(gx[0], scale));
    var expect = Expect.oracle(oracle, model.energy(x), x, weights);
    var g = ModelDerivatives.energyGradient(model, x);
    expect.gradient(g.value(), g.x())
        .pullback(pb -> ModelDerivatives.energyPullback(model, x, pb.seed(), pb.vec(0)));
  }

  private static Gradient term(Gradient v, double scale) {
    return v.sin().multiply(scale).add(v.square());
  }

  @ParameterizedTest
  @MethodSource("vectorPairs")
  void callsThatMayNotRunGoThroughPullbacks(double[] w, double[] x) {
    var vars = new Vars(2 * w.length);
    Gradient[] gw = vars.var(w);
    Gradient[] gx = vars.var(x);
    Gradient s = vars.constant(0);
    for (int i = 0; i < x.length; i++) {
      s = s.add(x[i] > 0 ? softplus(gw[i].multiply(gx[i])) : gx[i].multiply(2.0).sin());
      if (w[i] > -0.5 && w[i] * w[i] < 0.25) {
        s = s.add(gw[i]);
      }
    }
    Gradient oracle = s.multiply(w[0] > 0 ? dot(gw, gw, vars).sqrt() : dot(gw, gx, vars));
    var expect = Expect.oracle(oracle, Calls.conditionalCalls(w, x), w, x);
    var g = CallsDerivatives.conditionalCallsGradient(w, x);
    expect.gradient(g.value(), g.w(), g.x())
        .pullback(pb -> CallsDerivatives.conditionalCallsPullback(
            w, x, pb.seed(), pb.vec(0), pb.vec(1)));
  }
}
