package dev.adjoint.it.flow;

import static dev.adjoint.it.flow.FlowDomains.FEW;
import static dev.adjoint.it.flow.FlowDomains.apart;
import static dev.adjoint.it.flow.FlowDomains.drawWhere;
import static dev.adjoint.it.flow.KernelsDerivatives.*;

import dev.adjoint.it.support.Expect;
import dev.adjoint.it.support.Points;
import dev.adjoint.it.support.Vars;
import java.util.stream.Stream;
import org.hipparchus.analysis.differentiation.Gradient;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Kernels} against Hipparchus. Iterative solvers are replayed: the oracle runs the plain
 * double iteration next to the Hipparchus one and takes every decision (convergence test, branch,
 * bracket choice) from the doubles, so it differentiates exactly the iterations the method ran.
 */
class KernelsTest {

  /**
   * Bound for the 1000-step integrations. Reverse mode sums each partial derivative over the 1000
   * steps in the opposite order from forward mode, so the two accumulate different rounding, and
   * the pullback check adds two seeded sums on top. Measured worst case on these points: about
   * 2e-12 (mixed relative), just above the default 1e-12; 1e-11 keeps a margin for other JDKs'
   * intrinsics. A real adjoint bug shows up at 1e-3 or more.
   */
  private static final double LONG_LOOP = 1e-11;

  // ---------------------------------------------------------------- points

  /** k, c, x0, v0, dt (t = 1000 dt between 5 and 10) and the step count 1000. */
  static Stream<Arguments> oscillators() {
    return Points.draw(
            701,
            r ->
                new Object[] {
                  r.nextDouble(0.5, 4),
                  r.nextDouble(0.05, 0.5),
                  r.nextDouble(-1, 1),
                  r.nextDouble(-1, 1),
                  r.nextDouble(0.005, 0.01),
                  1000
                })
        .limit(FEW);
  }

  static Stream<Arguments> logistic() {
    return Points.draw(
            702,
            r ->
                new Object[] {
                  r.nextDouble(0.1, 1),
                  r.nextDouble(5, 20),
                  r.nextDouble(0.1, 2),
                  r.nextDouble(0.005, 0.01),
                  1000
                })
        .limit(FEW);
  }

  static Stream<Arguments> rk4Oscillators() {
    return Points.draw(
            703,
            r ->
                new Object[] {
                  r.nextDouble(0.5, 4),
                  r.nextDouble(0.05, 0.5),
                  Points.uniform(r, 2, -1, 1),
                  r.nextDouble(0.005, 0.01),
                  1000
                })
        .limit(FEW);
  }

  static Stream<Arguments> orbits() {
    return Points.draw(704, r -> new Object[] {r.nextDouble(0, 2 * Math.PI), r.nextDouble(0, 0.8)});
  }

  static Stream<Arguments> polynomials() {
    return Points.draw(
        705,
        r -> new Object[] {Points.uniform(r, r.nextInt(0, 9), -2, 2), r.nextDouble(-1.5, 1.5)});
  }

  static Stream<Arguments> vectorPairs() {
    return Points.draw(
        706,
        r -> {
          int n = r.nextInt(0, 9);
          return new Object[] {Points.uniform(r, n, -2, 2), Points.uniform(r, n, -2, 2)};
        });
  }

  static Stream<Arguments> matVecs() {
    return Points.draw(
        707,
        r -> {
          int rows = r.nextInt(1, 5);
          int cols = r.nextInt(1, 5);
          return new Object[] {
            Points.uniform(r, rows, cols, -1, 1),
            Points.uniform(r, cols, -1, 1),
            Points.uniform(r, rows, -1, 1)
          };
        });
  }

  /** Logits with distinct maxima (no ties); length 1 to 6. */
  static Stream<Arguments> softmaxes() {
    return Points.draw(
        708,
        r -> {
          int n = r.nextInt(1, 7);
          return new Object[] {Points.uniform(r, n, -3, 3), Points.uniform(r, n, -2, 2)};
        });
  }

  /** d = 2, K = 3, n = 10 as in the brief; gamma and m of the prior vary. */
  static Stream<Arguments> mixtures() {
    return Points.draw(
        709,
        r ->
            new Object[] {
              Points.uniform(r, 3, -1, 1),
              Points.uniform(r, 3, 2, -2, 2),
              Points.uniform(r, 3, 3, -0.5, 0.5),
              Points.uniform(r, 10, 2, -2, 2),
              r.nextDouble(0.5, 2),
              r.nextInt(0, 4)
            });
  }

  static Stream<Arguments> rosenbrockPoints() {
    return Points.draw(710, r -> new Object[] {Points.uniform(r, r.nextInt(1, 9), -2, 2)});
  }

  static Stream<Arguments> nonemptyVectors() {
    return Points.draw(711, r -> new Object[] {Points.uniform(r, r.nextInt(1, 9), -1.5, 1.5)});
  }

  /** Rods of 3 to 12 points, a stable alpha (< 1/2) and up to 60 steps. */
  static Stream<Arguments> rods() {
    return Points.draw(
        712,
        r ->
            new Object[] {
              Points.uniform(r, r.nextInt(3, 13), -1, 1), r.nextDouble(0.05, 0.45), r.nextInt(0, 61)
            });
  }

  /** The root of t^3 + c t - target lies in (0, 4) for these. */
  static Stream<Arguments> brackets() {
    return Points.draw(713, r -> new Object[] {r.nextDouble(0.5, 3), r.nextDouble(1, 30)});
  }

  /** Knots 2 to 6, x sometimes outside the knots, always apart from every knot. */
  static Stream<Arguments> tables() {
    return drawWhere(
        714,
        r -> {
          double[] xs = FlowDomains.increasing(r, r.nextInt(2, 7), r.nextDouble(-2, 0), 0.2, 1);
          double[] ys = Points.uniform(r, xs.length, -2, 2);
          double x = r.nextDouble(xs[0] - 0.5, xs[xs.length - 1] + 0.5);
          return new Object[] {xs, ys, x};
        },
        p -> {
          for (double knot : (double[]) p[0]) {
            if (!apart(knot, (double) p[2])) {
              return false;
            }
          }
          return true;
        });
  }

  // ---------------------------------------------------------------- tests

  @ParameterizedTest
  @MethodSource("oscillators")
  void eulerOscillator(double k, double c, double x0, double v0, double dt, int steps) {
    var vars = new Vars(5);
    Gradient gk = vars.var(k);
    Gradient gc = vars.var(c);
    Gradient x = vars.var(x0);
    Gradient v = vars.var(v0);
    Gradient h = vars.var(dt);
    for (int i = 0; i < steps; i++) {
      Gradient a = gk.negate().multiply(x).subtract(gc.multiply(v));
      x = x.add(h.multiply(v));
      v = v.add(h.multiply(a));
    }
    Gradient oracle = v.square().multiply(0.5).add(gk.multiply(0.5).multiply(x.square()));
    var expect =
        Expect.oracle(oracle, Kernels.eulerOscillator(k, c, x0, v0, dt, steps))
            .tolerance(LONG_LOOP);
    var g = eulerOscillatorGradient(k, c, x0, v0, dt, steps);
    expect
        .gradient(g.value(), g.k(), g.c(), g.x0(), g.v0(), g.dt())
        .pullback(
            pb ->
                eulerOscillatorPullback(
                    k, c, x0, v0, dt, steps, pb.seed(), pb.vec(0), pb.vec(1), pb.vec(2), pb.vec(3),
                    pb.vec(4)));
  }

  @ParameterizedTest
  @MethodSource("logistic")
  void rk4Logistic(double rate, double capacity, double p0, double dt, int steps) {
    var vars = new Vars(4);
    Gradient r = vars.var(rate);
    Gradient cap = vars.var(capacity);
    Gradient p = vars.var(p0);
    Gradient h = vars.var(dt);
    for (int i = 0; i < steps; i++) {
      Gradient k1 = logistic(r, cap, p);
      Gradient k2 = logistic(r, cap, p.add(h.multiply(0.5).multiply(k1)));
      Gradient k3 = logistic(r, cap, p.add(h.multiply(0.5).multiply(k2)));
      Gradient k4 = logistic(r, cap, p.add(h.multiply(k3)));
      Gradient increment = k1.add(k2.multiply(2)).add(k3.multiply(2)).add(k4);
      p = p.add(h.divide(6).multiply(increment));
    }
    var expect =
        Expect.oracle(p, Kernels.rk4Logistic(rate, capacity, p0, dt, steps)).tolerance(LONG_LOOP);
    var g = rk4LogisticGradient(rate, capacity, p0, dt, steps);
    expect
        .gradient(g.value(), g.rate(), g.capacity(), g.p0(), g.dt())
        .pullback(
            pb ->
                rk4LogisticPullback(
                    rate, capacity, p0, dt, steps, pb.seed(), pb.vec(0), pb.vec(1), pb.vec(2),
                    pb.vec(3)));
  }

  private static Gradient logistic(Gradient rate, Gradient capacity, Gradient p) {
    return rate.multiply(p).multiply(p.divide(capacity).negate().add(1));
  }

  @ParameterizedTest
  @MethodSource("rk4Oscillators")
  void rk4Oscillator(double k, double c, double[] state0, double dt, int steps) {
    var vars = new Vars(5);
    Gradient gk = vars.var(k);
    Gradient gc = vars.var(c);
    Gradient[] s = vars.var(state0);
    Gradient h = vars.var(dt);
    for (int i = 0; i < steps; i++) {
      Gradient[] k1 = field(gk, gc, s[0], s[1]);
      Gradient[] k2 =
          field(
              gk,
              gc,
              s[0].add(h.multiply(0.5).multiply(k1[0])),
              s[1].add(h.multiply(0.5).multiply(k1[1])));
      Gradient[] k3 =
          field(
              gk,
              gc,
              s[0].add(h.multiply(0.5).multiply(k2[0])),
              s[1].add(h.multiply(0.5).multiply(k2[1])));
      Gradient[] k4 = field(gk, gc, s[0].add(h.multiply(k3[0])), s[1].add(h.multiply(k3[1])));
      for (int j = 0; j < 2; j++) {
        Gradient increment = k1[j].add(k2[j].multiply(2)).add(k3[j].multiply(2)).add(k4[j]);
        s[j] = s[j].add(h.divide(6).multiply(increment));
      }
    }
    Gradient oracle = s[0].square().add(s[1]);
    var expect =
        Expect.oracle(oracle, Kernels.rk4Oscillator(k, c, state0, dt, steps), state0)
            .tolerance(LONG_LOOP);
    var g = rk4OscillatorGradient(k, c, state0, dt, steps);
    expect
        .gradient(g.value(), g.k(), g.c(), g.state0(), g.dt())
        .pullback(
            pb ->
                rk4OscillatorPullback(
                    k, c, state0, dt, steps, pb.seed(), pb.vec(0), pb.vec(1), pb.vec(2),
                    pb.vec(3)));
  }

  /** The oscillator's vector field (x, v) -> (v, -k x - c v). */
  private static Gradient[] field(Gradient k, Gradient c, Gradient x, Gradient v) {
    return new Gradient[] {v, k.negate().multiply(x).subtract(c.multiply(v))};
  }

  @ParameterizedTest
  @MethodSource("orbits")
  void kepler(double meanAnomaly, double eccentricity) {
    var vars = new Vars(2);
    Gradient gm = vars.var(meanAnomaly);
    Gradient ge = vars.var(eccentricity);
    double e = meanAnomaly;
    Gradient gE = gm;
    double dx = 1;
    int iterations = 0;
    while (Math.abs(dx) > 1e-12 && iterations < 50) {
      dx = (e - eccentricity * Math.sin(e) - meanAnomaly) / (1 - eccentricity * Math.cos(e));
      Gradient gdx =
          gE.subtract(ge.multiply(gE.sin()))
              .subtract(gm)
              .divide(ge.multiply(gE.cos()).negate().add(1));
      e -= dx;
      gE = gE.subtract(gdx);
      iterations++;
    }
    Gradient oracle = gE.cos().subtract(ge);
    var expect = Expect.oracle(oracle, Kernels.kepler(meanAnomaly, eccentricity));
    var g = keplerGradient(meanAnomaly, eccentricity);
    expect
        .gradient(g.value(), g.meanAnomaly(), g.eccentricity())
        .pullback(pb -> keplerPullback(meanAnomaly, eccentricity, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  @ParameterizedTest
  @MethodSource("polynomials")
  void horner(double[] coefficients, double x) {
    var vars = new Vars(coefficients.length + 1);
    Gradient[] a = vars.var(coefficients);
    Gradient gx = vars.var(x);
    Gradient p = vars.constant(0);
    for (Gradient e : a) {
      p = p.multiply(gx).add(e);
    }
    var expect = Expect.oracle(p, Kernels.horner(coefficients, x), coefficients);
    var g = hornerGradient(coefficients, x);
    expect
        .gradient(g.value(), g.coefficients(), g.x())
        .pullback(pb -> hornerPullback(coefficients, x, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  @ParameterizedTest
  @MethodSource("vectorPairs")
  void dot(double[] a, double[] b) {
    var vars = new Vars(2 * a.length);
    Gradient[] ga = vars.var(a);
    Gradient[] gb = vars.var(b);
    Gradient s = vars.constant(0);
    for (int i = 0; i < a.length; i++) {
      s = s.add(ga[i].multiply(gb[i]));
    }
    var expect = Expect.oracle(s, Kernels.dot(a, b), a, b);
    var g = dotGradient(a, b);
    expect
        .gradient(g.value(), g.a(), g.b())
        .pullback(pb -> dotPullback(a, b, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  @ParameterizedTest
  @MethodSource("matVecs")
  void matVec(double[][] m, double[] v, double[] w) {
    var vars = new Vars(FlowDomains.size(m) + v.length + w.length);
    Gradient[][] gm = vars.var(m);
    Gradient[] gv = vars.var(v);
    Gradient[] gw = vars.var(w);
    Gradient out = vars.constant(0);
    for (int i = 0; i < m.length; i++) {
      Gradient y = vars.constant(0);
      for (int j = 0; j < v.length; j++) {
        y = y.add(gm[i][j].multiply(gv[j]));
      }
      out = out.add(gw[i].multiply(y.tanh()));
    }
    var expect = Expect.oracle(out, Kernels.matVec(m, v, w), m, v, w);
    var g = matVecGradient(m, v, w);
    expect
        .gradient(g.value(), g.m(), g.v(), g.w())
        .pullback(pb -> matVecPullback(m, v, w, pb.seed(), pb.mat(0), pb.vec(1), pb.vec(2)));
  }

  /** The shift by the maximum cancels in exact arithmetic: the oracle uses no shift at all. */
  @ParameterizedTest
  @MethodSource("softmaxes")
  void softmaxExpectation(double[] logits, double[] values) {
    var vars = new Vars(2 * logits.length);
    Gradient[] z = vars.var(logits);
    Gradient[] gv = vars.var(values);
    Gradient sum = vars.constant(0);
    Gradient weighted = vars.constant(0);
    for (int i = 0; i < z.length; i++) {
      Gradient e = z[i].exp();
      sum = sum.add(e);
      weighted = weighted.add(e.multiply(gv[i]));
    }
    Gradient oracle = weighted.divide(sum);
    var expect = Expect.oracle(oracle, Kernels.softmaxExpectation(logits, values), logits, values);
    var g = softmaxExpectationGradient(logits, values);
    expect
        .gradient(g.value(), g.logits(), g.values())
        .pullback(
            pb -> softmaxExpectationPullback(logits, values, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  @ParameterizedTest
  @MethodSource("mixtures")
  void gmmObjective(
      double[] alphas, double[][] means, double[][] icf, double[][] x, double gamma, int m) {
    int k = alphas.length;
    int d = means[0].length;
    int n = x.length;
    var vars = new Vars(k + FlowDomains.size(means) + FlowDomains.size(icf));
    Gradient[] ga = vars.var(alphas);
    Gradient[][] gmu = vars.var(means);
    Gradient[][] gq = vars.var(icf);
    Gradient slse = vars.constant(0);
    for (int i = 0; i < n; i++) {
      // log-sum-exp without the shift (the points keep the exponents moderate).
      Gradient sumExp = vars.constant(0);
      for (int j = 0; j < k; j++) {
        Gradient sumQ = vars.constant(0);
        Gradient[] centered = new Gradient[d];
        for (int a = 0; a < d; a++) {
          sumQ = sumQ.add(gq[j][a]);
          centered[a] = gmu[j][a].negate().add(x[i][a]);
        }
        // Q = [[exp(q0), 0], [q2, exp(q1)]] for d = 2.
        Gradient qx0 = gq[j][0].exp().multiply(centered[0]);
        Gradient qx1 = gq[j][1].exp().multiply(centered[1]).add(gq[j][2].multiply(centered[0]));
        Gradient main = ga[j].add(sumQ).subtract(qx0.square().add(qx1.square()).multiply(0.5));
        sumExp = sumExp.add(main.exp());
      }
      slse = slse.add(sumExp.log());
    }
    Gradient alphaSum = vars.constant(0);
    for (Gradient a : ga) {
      alphaSum = alphaSum.add(a.exp());
    }
    Gradient prior = vars.constant(0);
    for (int j = 0; j < k; j++) {
      Gradient frobenius =
          gq[j][0].multiply(2).exp().add(gq[j][1].multiply(2).exp()).add(gq[j][2].square());
      Gradient sumQ = gq[j][0].add(gq[j][1]);
      prior = prior.add(frobenius.multiply(0.5 * gamma * gamma)).subtract(sumQ.multiply(m));
    }
    Gradient oracle =
        slse.subtract(alphaSum.log().multiply(n))
            .add(prior)
            .add(-n * d * 0.5 * Math.log(2 * Math.PI));
    var expect =
        Expect.oracle(
            oracle, Kernels.gmmObjective(alphas, means, icf, x, gamma, m), alphas, means, icf, x);
    var g = gmmObjectiveGradient(alphas, means, icf, x, gamma, m);
    expect
        .gradient(g.value(), g.alphas(), g.means(), g.icf())
        .pullback(
            pb ->
                gmmObjectivePullback(
                    alphas, means, icf, x, gamma, m, pb.seed(), pb.vec(0), pb.mat(1), pb.mat(2)));
  }

  /** Length 1 has no terms (value 0, zero gradient). */
  @ParameterizedTest
  @MethodSource("rosenbrockPoints")
  void rosenbrock(double[] x) {
    Gradient[] gx = new Vars(x.length).var(x);
    Gradient f = gx[0].getField().getZero();
    for (int i = 0; i + 1 < x.length; i++) {
      Gradient t = gx[i + 1].subtract(gx[i].square());
      Gradient u = gx[i].negate().add(1);
      f = f.add(t.square().multiply(100)).add(u.square());
    }
    var expect = Expect.oracle(f, Kernels.rosenbrock(x), x);
    var g = rosenbrockGradient(x);
    expect.gradient(g.value(), g.x()).pullback(pb -> rosenbrockPullback(x, pb.seed(), pb.vec(0)));
  }

  @ParameterizedTest
  @MethodSource("nonemptyVectors")
  void cumulativeSum(double[] a) {
    Gradient[] ga = new Vars(a.length).var(a);
    Gradient prefix = ga[0].getField().getZero();
    Gradient s = prefix;
    for (Gradient e : ga) {
      prefix = prefix.add(e);
      s = s.add(prefix.square());
    }
    Gradient oracle = s.divide(a.length);
    var expect = Expect.oracle(oracle, Kernels.cumulativeSum(a), a);
    var g = cumulativeSumGradient(a);
    expect
        .gradient(g.value(), g.a())
        .pullback(pb -> cumulativeSumPullback(a, pb.seed(), pb.vec(0)));
  }

  @ParameterizedTest
  @MethodSource("nonemptyVectors")
  void prefixProduct(double[] a) {
    Gradient[] ga = new Vars(a.length).var(a);
    Gradient product = ga[0].getField().getOne();
    Gradient s = ga[0].getField().getZero();
    for (int i = 0; i < a.length; i++) {
      product = product.multiply(ga[i]);
      s = i % 2 == 0 ? s.add(product) : s.subtract(product);
    }
    var expect = Expect.oracle(s, Kernels.prefixProduct(a), a);
    var g = prefixProductGradient(a);
    expect
        .gradient(g.value(), g.a())
        .pullback(pb -> prefixProductPullback(a, pb.seed(), pb.vec(0)));
  }

  /**
   * With no steps the ends keep their initial values; after one step they are 0 and the initial
   * ends no longer matter.
   */
  @ParameterizedTest
  @MethodSource("rods")
  void heatEquation(double[] u0, double alpha, int steps) {
    int n = u0.length;
    var vars = new Vars(n + 1);
    Gradient[] u = vars.var(u0);
    Gradient ga = vars.var(alpha);
    for (int s = 0; s < steps; s++) {
      Gradient[] next = new Gradient[n];
      next[0] = vars.constant(0);
      next[n - 1] = vars.constant(0);
      for (int i = 1; i < n - 1; i++) {
        Gradient laplacian = u[i - 1].subtract(u[i].multiply(2)).add(u[i + 1]);
        next[i] = u[i].add(ga.multiply(laplacian));
      }
      u = next;
    }
    Gradient energy = vars.constant(0);
    for (Gradient e : u) {
      energy = energy.add(e.square());
    }
    var expect = Expect.oracle(energy, Kernels.heatEquation(u0, alpha, steps), u0);
    var g = heatEquationGradient(u0, alpha, steps);
    expect
        .gradient(g.value(), g.u0(), g.alpha())
        .pullback(pb -> heatEquationPullback(u0, alpha, steps, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  /**
   * The bracket is replayed in plain doubles (it carries no derivative); only the secant step's
   * function values depend on c and target.
   */
  @ParameterizedTest
  @MethodSource("brackets")
  void bisection(double c, double target) {
    var vars = new Vars(2);
    Gradient gc = vars.var(c);
    Gradient gt = vars.var(target);
    double lo = 0;
    double hi = 4;
    double fLo = -target;
    while (hi - lo > 1e-3) {
      double mid = 0.5 * (lo + hi);
      double fMid = mid * mid * mid + c * mid - target;
      if ((fMid < 0) == (fLo < 0)) {
        lo = mid;
        fLo = fMid;
      } else {
        hi = mid;
      }
    }
    Gradient f0 = gc.multiply(lo).add(lo * lo * lo).subtract(gt);
    Gradient f1 = gc.multiply(hi).add(hi * hi * hi).subtract(gt);
    Gradient oracle = f0.multiply(hi - lo).divide(f1.subtract(f0)).negate().add(lo);
    var expect = Expect.oracle(oracle, Kernels.bisection(c, target));
    var g = bisectionGradient(c, target);
    expect
        .gradient(g.value(), g.c(), g.target())
        .pullback(pb -> bisectionPullback(c, target, pb.seed(), pb.vec(0), pb.vec(1)));
  }

  @ParameterizedTest
  @MethodSource("tables")
  void interpolate(double[] xs, double[] ys, double x) {
    int n = xs.length;
    var vars = new Vars(2 * n + 1);
    Gradient[] gxs = vars.var(xs);
    Gradient[] gys = vars.var(ys);
    Gradient gx = vars.var(x);
    Gradient oracle;
    if (x < xs[0]) {
      oracle = gys[0];
    } else if (x > xs[n - 1]) {
      oracle = gys[n - 1];
    } else {
      int i = 0;
      while (!(xs[i] < x && x < xs[i + 1])) {
        i++;
      }
      Gradient t = gx.subtract(gxs[i]).divide(gxs[i + 1].subtract(gxs[i]));
      oracle = gys[i].add(t.multiply(gys[i + 1].subtract(gys[i])));
    }
    var expect = Expect.oracle(oracle, Kernels.interpolate(xs, ys, x), xs, ys);
    var g = interpolateGradient(xs, ys, x);
    expect
        .gradient(g.value(), g.xs(), g.ys(), g.x())
        .pullback(pb -> interpolatePullback(xs, ys, x, pb.seed(), pb.vec(0), pb.vec(1), pb.vec(2)));
  }
}
