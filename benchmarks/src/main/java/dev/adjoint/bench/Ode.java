package dev.adjoint.bench;

import dev.adjoint.Differentiable;
import org.hipparchus.analysis.differentiation.Gradient;

/**
 * Workload: explicit time stepping. A forced Duffing oscillator {@code x'' = F s(t) - c x' - k x -
 * beta x^3} is integrated from {@code (x0, v0)} with {@value #STEPS} classical Runge-Kutta (RK4)
 * steps of size {@value #H}; the result is the final energy {@code v^2/2 + k x^2/2 + beta x^4/4}
 * plus {@code H * sum x_n^2} over the trajectory. Six active inputs (k, c, beta, F, x0, v0). The
 * drive {@code s(t) = sin(1.3 t)} is tabulated at the half steps ({@link #DRIVE}, a constant), so
 * the benchmark measures the integration, not {@code Math.sin}.
 *
 * <p>Three forms: the {@code @Differentiable} primal, the standard discrete adjoint by hand (store
 * the trajectory, then sweep back through the steps recomputing each step's stages) and Hipparchus
 * forward mode.
 */
public final class Ode {
  private Ode() {}

  /** Number of differentiated inputs; read by {@link Report}. */
  public static final int ACTIVE_INPUTS = 6;

  /** pullback / handAdjoint goal for this workload (issue: loops); no goal on the primal ratio. */
  public static final double HAND_GOAL = 1.5;

  /** pullback / primal: no goal for this workload. */
  public static final double PRIMAL_GOAL = Double.NaN;

  /** Number of RK4 steps. */
  public static final int STEPS = 1000;

  /** Step size. */
  public static final double H = 0.01;

  /** The drive sin(1.3 t) at t = 0, H/2, H, ..., STEPS H. */
  static final double[] DRIVE = drive();

  private static double[] drive() {
    double[] s = new double[2 * STEPS + 1];
    for (int i = 0; i < s.length; i++) {
      s[i] = Math.sin(1.3 * 0.5 * H * i);
    }
    return s;
  }

  /** Final energy plus H times the sum of squared positions, after {@value #STEPS} RK4 steps. */
  @Differentiable
  public static double energy(double k, double c, double beta, double force, double x0, double v0) {
    double x = x0;
    double v = v0;
    double sumSq = 0.0;
    for (int n = 0; n < STEPS; n++) {
      double f0 = force * DRIVE[2 * n];
      double fm = force * DRIVE[2 * n + 1];
      double f1 = force * DRIVE[2 * n + 2];
      double k1x = v;
      double k1v = f0 - c * v - k * x - beta * x * x * x;
      double x2 = x + 0.5 * H * k1x;
      double v2 = v + 0.5 * H * k1v;
      double k2x = v2;
      double k2v = fm - c * v2 - k * x2 - beta * x2 * x2 * x2;
      double x3 = x + 0.5 * H * k2x;
      double v3 = v + 0.5 * H * k2v;
      double k3x = v3;
      double k3v = fm - c * v3 - k * x3 - beta * x3 * x3 * x3;
      double x4 = x + H * k3x;
      double v4 = v + H * k3v;
      double k4x = v4;
      double k4v = f1 - c * v4 - k * x4 - beta * x4 * x4 * x4;
      x += H / 6.0 * (k1x + 2.0 * k2x + 2.0 * k3x + k4x);
      v += H / 6.0 * (k1v + 2.0 * k2v + 2.0 * k3v + k4v);
      sumSq += x * x;
    }
    return 0.5 * v * v + 0.5 * k * x * x + 0.25 * beta * x * x * x * x + H * sumSq;
  }

  /**
   * The standard discrete adjoint of {@link #energy}, by hand: the forward sweep stores the
   * trajectory {@code (x_n, v_n)} in {@code work} (length at least {@code 2 (STEPS + 1)},
   * caller-owned, so nothing is allocated), the reverse sweep recomputes each step's four stages
   * from the stored state and propagates the adjoint state back through them. Adds {@code seed}
   * times the gradient into {@code adjoint[0..5]} (k, c, beta, F, x0, v0) and returns the value.
   */
  public static double energyAdjoint(
      double k, double c, double beta, double force, double x0, double v0,
      double seed, double[] adjoint, double[] work) {
    final double h = H;
    final double h2 = 0.5 * H;
    final double h6 = H / 6.0;
    final double h3 = H / 3.0;
    double x = x0;
    double v = v0;
    double sumSq = 0.0;
    for (int n = 0; n < STEPS; n++) {
      work[2 * n] = x;
      work[2 * n + 1] = v;
      double f0 = force * DRIVE[2 * n];
      double fm = force * DRIVE[2 * n + 1];
      double f1 = force * DRIVE[2 * n + 2];
      double k1v = f0 - c * v - k * x - beta * x * x * x;
      double x2 = x + h2 * v;
      double v2 = v + h2 * k1v;
      double k2v = fm - c * v2 - k * x2 - beta * x2 * x2 * x2;
      double x3 = x + h2 * v2;
      double v3 = v + h2 * k2v;
      double k3v = fm - c * v3 - k * x3 - beta * x3 * x3 * x3;
      double x4 = x + h * v3;
      double v4 = v + h * k3v;
      double k4v = f1 - c * v4 - k * x4 - beta * x4 * x4 * x4;
      x += h6 * (v + 2.0 * v2 + 2.0 * v3 + v4);
      v += h6 * (k1v + 2.0 * k2v + 2.0 * k3v + k4v);
      sumSq += x * x;
    }
    work[2 * STEPS] = x;
    work[2 * STEPS + 1] = v;
    double value = 0.5 * v * v + 0.5 * k * x * x + 0.25 * beta * x * x * x * x + H * sumSq;

    // reverse sweep
    double x2sq = x * x;
    double xBar = seed * (k * x + beta * x2sq * x);
    double vBar = seed * v;
    double kBar = seed * 0.5 * x2sq;
    double cBar = 0.0;
    double betaBar = seed * 0.25 * x2sq * x2sq;
    double forceBar = 0.0;
    double sumSqBar = seed * H;
    for (int n = STEPS - 1; n >= 0; n--) {
      // sumSq += x_{n+1}^2, x_{n+1} being the current x
      xBar += 2.0 * sumSqBar * work[2 * n + 2];
      // recompute the stages from (x_n, v_n)
      double xs = work[2 * n];
      double vs = work[2 * n + 1];
      double d0 = DRIVE[2 * n];
      double dm = DRIVE[2 * n + 1];
      double d1 = DRIVE[2 * n + 2];
      double k1v = force * d0 - c * vs - k * xs - beta * xs * xs * xs;
      double x2 = xs + h2 * vs;
      double v2 = vs + h2 * k1v;
      double k2v = force * dm - c * v2 - k * x2 - beta * x2 * x2 * x2;
      double x3 = xs + h2 * v2;
      double v3 = vs + h2 * k2v;
      double k3v = force * dm - c * v3 - k * x3 - beta * x3 * x3 * x3;
      double x4 = xs + h * v3;
      double v4 = vs + h * k3v;
      // x_{n+1} = xs + h6 (vs + 2 v2 + 2 v3 + v4); v_{n+1} = vs + h6 (k1v + 2 k2v + 2 k3v + k4v)
      double xsBar = xBar;
      double vsBar = vBar + h6 * xBar;
      double v2Bar = h3 * xBar;
      double v3Bar = h3 * xBar;
      double v4Bar = h6 * xBar;
      double k1vBar = h6 * vBar;
      double k2vBar = h3 * vBar;
      double k3vBar = h3 * vBar;
      double k4vBar = h6 * vBar;
      // stage 4: k4v = F d1 - c v4 - k x4 - beta x4^3
      double x4Bar = -k4vBar * (k + 3.0 * beta * x4 * x4);
      v4Bar -= k4vBar * c;
      cBar -= k4vBar * v4;
      kBar -= k4vBar * x4;
      betaBar -= k4vBar * x4 * x4 * x4;
      forceBar += k4vBar * d1;
      // x4 = xs + h v3; v4 = vs + h k3v
      xsBar += x4Bar;
      v3Bar += h * x4Bar;
      vsBar += v4Bar;
      k3vBar += h * v4Bar;
      // stage 3
      double x3Bar = -k3vBar * (k + 3.0 * beta * x3 * x3);
      v3Bar -= k3vBar * c;
      cBar -= k3vBar * v3;
      kBar -= k3vBar * x3;
      betaBar -= k3vBar * x3 * x3 * x3;
      forceBar += k3vBar * dm;
      // x3 = xs + h2 v2; v3 = vs + h2 k2v
      xsBar += x3Bar;
      v2Bar += h2 * x3Bar;
      vsBar += v3Bar;
      k2vBar += h2 * v3Bar;
      // stage 2
      double x2Bar = -k2vBar * (k + 3.0 * beta * x2 * x2);
      v2Bar -= k2vBar * c;
      cBar -= k2vBar * v2;
      kBar -= k2vBar * x2;
      betaBar -= k2vBar * x2 * x2 * x2;
      forceBar += k2vBar * dm;
      // x2 = xs + h2 vs; v2 = vs + h2 k1v
      xsBar += x2Bar;
      vsBar += h2 * x2Bar + v2Bar;
      k1vBar += h2 * v2Bar;
      // stage 1: k1v = F d0 - c vs - k xs - beta xs^3
      xsBar -= k1vBar * (k + 3.0 * beta * xs * xs);
      vsBar -= k1vBar * c;
      cBar -= k1vBar * vs;
      kBar -= k1vBar * xs;
      betaBar -= k1vBar * xs * xs * xs;
      forceBar += k1vBar * d0;
      xBar = xsBar;
      vBar = vsBar;
    }
    adjoint[0] += kBar;
    adjoint[1] += cBar;
    adjoint[2] += betaBar;
    adjoint[3] += forceBar;
    adjoint[4] += xBar;
    adjoint[5] += vBar;
    return value;
  }

  /** {@link #energy} in Hipparchus forward mode: value and gradient (k, c, beta, F, x0, v0). */
  public static Gradient energyHipparchus(
      double k, double c, double beta, double force, double x0, double v0) {
    Gradient gk = Gradient.variable(6, 0, k);
    Gradient gc = Gradient.variable(6, 1, c);
    Gradient gb = Gradient.variable(6, 2, beta);
    Gradient gf = Gradient.variable(6, 3, force);
    Gradient x = Gradient.variable(6, 4, x0);
    Gradient v = Gradient.variable(6, 5, v0);
    Gradient sumSq = Gradient.constant(6, 0.0);
    for (int n = 0; n < STEPS; n++) {
      Gradient f0 = gf.multiply(DRIVE[2 * n]);
      Gradient fm = gf.multiply(DRIVE[2 * n + 1]);
      Gradient f1 = gf.multiply(DRIVE[2 * n + 2]);
      Gradient k1v = acceleration(f0, gc, gk, gb, x, v);
      Gradient x2 = x.add(v.multiply(0.5 * H));
      Gradient v2 = v.add(k1v.multiply(0.5 * H));
      Gradient k2v = acceleration(fm, gc, gk, gb, x2, v2);
      Gradient x3 = x.add(v2.multiply(0.5 * H));
      Gradient v3 = v.add(k2v.multiply(0.5 * H));
      Gradient k3v = acceleration(fm, gc, gk, gb, x3, v3);
      Gradient x4 = x.add(v3.multiply(H));
      Gradient v4 = v.add(k3v.multiply(H));
      Gradient k4v = acceleration(f1, gc, gk, gb, x4, v4);
      x = x.add(v.add(v2.multiply(2.0)).add(v3.multiply(2.0)).add(v4).multiply(H / 6.0));
      v = v.add(k1v.add(k2v.multiply(2.0)).add(k3v.multiply(2.0)).add(k4v).multiply(H / 6.0));
      sumSq = sumSq.add(x.multiply(x));
    }
    Gradient xx = x.multiply(x);
    return v.multiply(v).multiply(0.5).add(gk.multiply(xx).multiply(0.5))
        .add(gb.multiply(xx.multiply(xx)).multiply(0.25)).add(sumSq.multiply(H));
  }

  private static Gradient acceleration(
      Gradient drive, Gradient c, Gradient k, Gradient beta, Gradient x, Gradient v) {
    return drive.subtract(c.multiply(v)).subtract(k.multiply(x))
        .subtract(beta.multiply(x.multiply(x).multiply(x)));
  }
}
