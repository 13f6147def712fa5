package dev.adjoint.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.hipparchus.analysis.differentiation.Gradient;
import org.junit.jupiter.api.Test;

/**
 * Every generated gradient the app uses, against Hipparchus forward mode ({@link Gradient}) on
 * an independent transcription of the same function, at random points.
 */
class GeneratedGradientsTest {

  private static void assertClose(double expected, double actual, double scale, String what) {
    assertEquals(expected, actual, 1e-11 * Math.max(1.0, scale), what);
  }

  private static Gradient max0(Gradient x) {
    return x.getValue() > 0.0 ? x : x.getField().getZero();
  }

  /** Forward mode: discounted payoff of an antithetic pair, variables spot, vol, rate. */
  private static Gradient payoff(
      double spot, double vol, double rate, double strike, double time, double z, boolean call) {
    Gradient s = Gradient.variable(3, 0, spot);
    Gradient v = Gradient.variable(3, 1, vol);
    Gradient r = Gradient.variable(3, 2, rate);
    Gradient drift = r.subtract(v.multiply(v).multiply(0.5)).multiply(time);
    Gradient diffusion = v.multiply(Math.sqrt(time) * z);
    Gradient up = s.multiply(drift.add(diffusion).exp());
    Gradient down = s.multiply(drift.subtract(diffusion).exp());
    Gradient payoff =
        call
            ? max0(up.subtract(strike)).add(max0(down.subtract(strike)))
            : max0(up.negate().add(strike)).add(max0(down.negate().add(strike)));
    return r.multiply(-time).exp().multiply(payoff).multiply(0.5);
  }

  @Test
  void pathPayoffPullbackMatchesForwardMode() {
    SplittableRandom random = new SplittableRandom(101);
    int nonZero = 0;
    for (int trial = 0; trial < 200; trial++) {
      double spot = random.nextDouble(50, 150);
      double vol = random.nextDouble(0.05, 0.6);
      double rate = random.nextDouble(-0.01, 0.08);
      double strike = random.nextDouble(60, 140);
      double time = random.nextDouble(0.1, 3.0);
      double z = random.nextGaussian();
      boolean call = random.nextBoolean();
      Gradient expected = payoff(spot, vol, rate, strike, time, z, call);
      double[] dSpot = {0.0};
      double[] dVol = {0.0};
      double[] dRate = {0.0};
      double seed = random.nextDouble(0.5, 2.0);
      double value =
          PathPayoffDerivatives.discountedPayoffPullback(
              spot, vol, rate, strike, time, z, call, seed, dSpot, dVol, dRate);
      String at = "trial " + trial;
      double scale = Math.abs(expected.getValue()) + spot;
      assertClose(expected.getValue(), value, scale, at + " value");
      assertClose(seed * expected.getPartialDerivative(0), dSpot[0], scale, at + " delta");
      assertClose(seed * expected.getPartialDerivative(1), dVol[0], scale, at + " vega");
      assertClose(seed * expected.getPartialDerivative(2), dRate[0], scale, at + " rho");
      var g = PathPayoffDerivatives.discountedPayoffGradient(spot, vol, rate, strike, time, z, call);
      assertClose(expected.getPartialDerivative(1), g.vol(), scale, at + " gradient record");
      nonZero += value > 0 ? 1 : 0;
    }
    // the points exercise both sides of the payoff's kink
    assertEquals(true, nonZero > 50 && nonZero < 200, "paths in the money: " + nonZero);
  }

  private static Gradient[] variables(double[] p) {
    Gradient[] v = new Gradient[p.length];
    for (int i = 0; i < p.length; i++) {
      v[i] = Gradient.variable(p.length, i, p[i]);
    }
    return v;
  }

  private static Gradient decaySquares(double[] p, double[] x, double[] y) {
    Gradient[] v = variables(p);
    Gradient sum = Gradient.constant(p.length, 0.0);
    for (int i = 0; i < x.length; i++) {
      Gradient r = v[0].multiply(v[1].multiply(-x[i]).exp()).add(v[2]).subtract(y[i]);
      sum = sum.add(r.multiply(r));
    }
    return sum;
  }

  private static Gradient logisticSquares(double[] p, double[] x, double[] y) {
    Gradient[] v = variables(p);
    Gradient sum = Gradient.constant(p.length, 0.0);
    for (int i = 0; i < x.length; i++) {
      Gradient e = v[1].negate().multiply(v[2].negate().add(x[i])).exp();
      Gradient r = v[0].divide(e.add(1.0)).subtract(y[i]);
      sum = sum.add(r.multiply(r));
    }
    return sum;
  }

  private static void assertGradient(Gradient expected, double value, double[] actual, String at) {
    double scale = Math.abs(expected.getValue());
    assertClose(expected.getValue(), value, scale, at + " value");
    double[] g = expected.getGradient();
    double gScale = 0.0;
    for (double d : g) {
      gScale = Math.max(gScale, Math.abs(d));
    }
    for (int i = 0; i < g.length; i++) {
      assertClose(g[i], actual[i], gScale, at + " component " + i);
    }
  }

  @Test
  void curveObjectivesMatchForwardMode() {
    SplittableRandom random = new SplittableRandom(202);
    for (int trial = 0; trial < 20; trial++) {
      int n = 5 + random.nextInt(50);
      double[] x = new double[n];
      double[] y = new double[n];
      for (int i = 0; i < n; i++) {
        x[i] = random.nextDouble(0, 10);
        y[i] = random.nextDouble(-2, 8);
      }
      double[] p = {random.nextDouble(-5, 5), random.nextDouble(-1, 2), random.nextDouble(-3, 3)};
      double[] g = new double[3];
      double value = CurveModelsDerivatives.decaySquaresPullback(p, x, y, 1.0, g);
      assertGradient(decaySquares(p, x, y), value, g, "decay, trial " + trial);
      assertEquals(
          value, CurveModelsDerivatives.decaySquaresGradient(p, x, y).value(), 0.0, "gradient record");

      Arrays.fill(g, 0.0);
      double[] q = {random.nextDouble(-5, 5), random.nextDouble(-2, 2), random.nextDouble(0, 10)};
      value = CurveModelsDerivatives.logisticSquaresPullback(q, x, y, 1.0, g);
      assertGradient(logisticSquares(q, x, y), value, g, "logistic, trial " + trial);
    }
  }

  /** Forward mode: the network and its mean logistic loss, written from scratch. */
  private static Gradient mlpLoss(double[] w, double[] x0, double[] x1, double[] label, int h) {
    Gradient[] v = variables(w);
    int n = x0.length;
    Gradient total = Gradient.constant(w.length, 0.0);
    for (int p = 0; p < n; p++) {
      Gradient[] h1 = new Gradient[h];
      for (int j = 0; j < h; j++) {
        h1[j] = v[2 * j].multiply(x0[p]).add(v[2 * j + 1].multiply(x1[p])).add(v[2 * h + j]).tanh();
      }
      Gradient z = v[5 * h + h * h];
      for (int k = 0; k < h; k++) {
        Gradient a = v[3 * h + h * h + k];
        for (int j = 0; j < h; j++) {
          a = a.add(v[3 * h + k * h + j].multiply(h1[j]));
        }
        z = z.add(v[4 * h + h * h + k].multiply(a.tanh()));
      }
      // log(1 + e^z) - y z, the plain formula (no overflow for the |z| used here)
      total = total.add(z.exp().add(1.0).log()).subtract(z.multiply(label[p]));
    }
    return total.divide(n);
  }

  @Test
  void mlpLossMatchesForwardMode() {
    SplittableRandom random = new SplittableRandom(303);
    for (int hidden : new int[] {1, 3, 16}) {
      for (int trial = 0; trial < 3; trial++) {
        int n = 1 + random.nextInt(12);
        double[] x0 = new double[n];
        double[] x1 = new double[n];
        double[] label = new double[n];
        for (int i = 0; i < n; i++) {
          x0[i] = random.nextDouble(-1.5, 1.5);
          x1[i] = random.nextDouble(-1.5, 1.5);
          label[i] = random.nextBoolean() ? 1.0 : 0.0;
        }
        double[] w = new double[Mlp.parameterCount(hidden)];
        for (int i = 0; i < w.length; i++) {
          w[i] = random.nextDouble(-1.0, 1.0);
        }
        double[] g = new double[w.length];
        double value = MlpDerivatives.lossPullback(w, x0, x1, label, hidden, 1.0, g);
        assertGradient(
            mlpLoss(w, x0, x1, label, hidden), value, g, "hidden " + hidden + ", trial " + trial);
        assertEquals(value, Mlp.loss(w, x0, x1, label, hidden), 1e-14, "primal");
      }
    }
  }

  /** The plain-Java logit used for predictions is the network that the loss trains. */
  @Test
  void logitIsTheTrainedNetwork() {
    SplittableRandom random = new SplittableRandom(404);
    int hidden = 5;
    double[] w = new double[Mlp.parameterCount(hidden)];
    for (int i = 0; i < w.length; i++) {
      w[i] = random.nextDouble(-1.0, 1.0);
    }
    for (int trial = 0; trial < 20; trial++) {
      double a = random.nextDouble(-1, 1);
      double b = random.nextDouble(-1, 1);
      double z = mlpLoss(w, new double[] {a}, new double[] {b}, new double[] {0.0}, hidden)
          .getValue();
      // loss with label 0 is log(1 + e^z): invert it
      assertEquals(Math.log(Math.expm1(z)), Mlp.logit(w, a, b, hidden), 1e-9);
    }
  }
}
