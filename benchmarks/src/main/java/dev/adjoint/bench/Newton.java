package dev.adjoint.bench;

import dev.adjoint.Differentiable;
import org.hipparchus.analysis.differentiation.Gradient;

/**
 * Workload: a loop-heavy function around a Newton solve. An elliptic orbit (semi-major axis a,
 * eccentricity e, argument of periapsis omega, mean anomaly at epoch m0, mean motion nu) is fitted
 * to {@value #OBSERVATIONS} observed positions: for each observation time the eccentric anomaly E
 * solves Kepler's equation {@code E - e sin E = M} with {@code M = m0 + nu t}, by Newton from
 * {@code E = M} with a tolerance test ({@code |step| < 1e-13}) and an iteration cap ({@value
 * #MAX_ITERATIONS}); the result is half the sum of squared distances between the predicted and the
 * observed positions. Five active inputs; the observations are constants.
 *
 * <p>Four forms: the {@code @Differentiable} primal, a hand-written adjoint that reverses through
 * the Newton iterations actually run (the comparison target: it does the same work as the generated
 * pullback), a hand-written adjoint that uses the implicit-function theorem at the root instead
 * ({@code dE = (sin E de + dM) / (1 - e cos E)}, shown for reference: it skips the reverse
 * iterations) and a Hipparchus forward-mode version (iterating on {@code Gradient}s).
 */
public final class Newton {
  private Newton() {}

  /** Number of differentiated inputs; read by {@link Report}. */
  public static final int ACTIVE_INPUTS = 5;

  /** pullback / handAdjoint goal for this workload (issue: loops); no goal on the primal ratio. */
  public static final double HAND_GOAL = 1.5;

  /** pullback / primal: no goal for this workload. */
  public static final double PRIMAL_GOAL = Double.NaN;

  /** Number of observations in the benchmark. */
  public static final int OBSERVATIONS = 32;

  /** Newton iteration cap. */
  public static final int MAX_ITERATIONS = 50;

  /** Newton stops once |step| is below this. */
  public static final double TOLERANCE = 1e-13;

  /**
   * Half the sum of squared residuals between the orbit's positions at {@code times} and the
   * observations {@code (obsX, obsY)}.
   */
  @Differentiable(wrt = {"a", "e", "omega", "m0", "nu"})
  public static double misfit(
      double a, double e, double omega, double m0, double nu,
      double[] times, double[] obsX, double[] obsY) {
    double b = a * Math.sqrt(1.0 - e * e);
    double cosW = Math.cos(omega);
    double sinW = Math.sin(omega);
    double sum = 0.0;
    for (int j = 0; j < times.length; j++) {
      double m = m0 + nu * times[j];
      double ecc = m;
      for (int it = 0; it < MAX_ITERATIONS; it++) {
        double step = (ecc - e * Math.sin(ecc) - m) / (1.0 - e * Math.cos(ecc));
        ecc -= step;
        if (Math.abs(step) < TOLERANCE) {
          break;
        }
      }
      double px = a * (Math.cos(ecc) - e);
      double py = b * Math.sin(ecc);
      double rx = px * cosW - py * sinW - obsX[j];
      double ry = px * sinW + py * cosW - obsY[j];
      sum += rx * rx + ry * ry;
    }
    return 0.5 * sum;
  }

  /**
   * Hand-written adjoint of {@link #misfit} that reverses through the recorded Newton iterations
   * (the same iterations, the same arithmetic as the generated pullback: the comparison target).
   * Every observation contributes an independent term, so each one is solved, then reversed at
   * once; its iterates are kept in {@code work} (length at least {@link #MAX_ITERATIONS} + 1,
   * caller-owned, so that nothing is allocated). Adds {@code seed} times the gradient into {@code
   * adjoint[0..4]} (a, e, omega, m0, nu) and returns the value.
   */
  public static double misfitAdjoint(
      double a, double e, double omega, double m0, double nu,
      double[] times, double[] obsX, double[] obsY, double seed, double[] adjoint, double[] work) {
    double root = Math.sqrt(1.0 - e * e);
    double b = a * root;
    double cosW = Math.cos(omega);
    double sinW = Math.sin(omega);
    double sum = 0.0;
    double aBar = 0.0;
    double eBar = 0.0;
    double bBar = 0.0;
    double cosWBar = 0.0;
    double sinWBar = 0.0;
    double m0Bar = 0.0;
    double nuBar = 0.0;
    for (int j = 0; j < times.length; j++) {
      double m = m0 + nu * times[j];
      double ecc = m;
      int steps = 0;
      for (int it = 0; it < MAX_ITERATIONS; it++) {
        work[steps++] = ecc;
        double step = (ecc - e * Math.sin(ecc) - m) / (1.0 - e * Math.cos(ecc));
        ecc -= step;
        if (Math.abs(step) < TOLERANCE) {
          break;
        }
      }
      double cosE = Math.cos(ecc);
      double sinE = Math.sin(ecc);
      double px = a * (cosE - e);
      double py = b * sinE;
      double rx = px * cosW - py * sinW - obsX[j];
      double ry = px * sinW + py * cosW - obsY[j];
      sum += rx * rx + ry * ry;
      // reverse: d(0.5 (rx^2 + ry^2))
      double rxBar = seed * rx;
      double ryBar = seed * ry;
      double pxBar = rxBar * cosW + ryBar * sinW;
      double pyBar = -rxBar * sinW + ryBar * cosW;
      cosWBar += rxBar * px + ryBar * py;
      sinWBar += -rxBar * py + ryBar * px;
      aBar += pxBar * (cosE - e);
      eBar -= pxBar * a;
      bBar += pyBar * sinE;
      double eccBar = -pxBar * a * sinE + pyBar * b * cosE;
      // reverse through the Newton updates ecc' = ecc - g / h, g = ecc - e sin ecc - m,
      // h = 1 - e cos ecc, last to first
      double mBar = 0.0;
      for (int k = steps - 1; k >= 0; k--) {
        double x = work[k];
        double sinX = Math.sin(x);
        double cosX = Math.cos(x);
        double h = 1.0 - e * cosX;
        double g = x - e * sinX - m;
        double q = g / h;
        double qBar = -eccBar;
        double gBar = qBar / h;
        double hBar = -qBar * q / h;
        // g = x - e sin x - m;  h = 1 - e cos x
        eccBar += gBar * (1.0 - e * cosX) + hBar * e * sinX;
        eBar += -gBar * sinX - hBar * cosX;
        mBar -= gBar;
      }
      mBar += eccBar; // ecc = m
      m0Bar += mBar;
      nuBar += mBar * times[j];
    }
    // b = a sqrt(1 - e^2); cosW, sinW
    aBar += bBar * root;
    eBar -= bBar * a * e / root;
    double omegaBar = -cosWBar * sinW + sinWBar * cosW;
    adjoint[0] += aBar;
    adjoint[1] += eBar;
    adjoint[2] += omegaBar;
    adjoint[3] += m0Bar;
    adjoint[4] += nuBar;
    return 0.5 * sum;
  }

  /**
   * Hand-written adjoint of {@link #misfit} by the implicit-function theorem at the computed root:
   * {@code dE/dM = 1 / (1 - e cos E)}, {@code dE/de = sin E / (1 - e cos E)}, no reverse pass over
   * the iterations. Agrees with the derivative of the iterations to about the solver's tolerance.
   * Shown for reference only; the comparison target is {@link #misfitAdjoint}.
   */
  public static double misfitAdjointImplicit(
      double a, double e, double omega, double m0, double nu,
      double[] times, double[] obsX, double[] obsY, double seed, double[] adjoint) {
    double root = Math.sqrt(1.0 - e * e);
    double b = a * root;
    double cosW = Math.cos(omega);
    double sinW = Math.sin(omega);
    double sum = 0.0;
    double aBar = 0.0;
    double eBar = 0.0;
    double bBar = 0.0;
    double cosWBar = 0.0;
    double sinWBar = 0.0;
    double m0Bar = 0.0;
    double nuBar = 0.0;
    for (int j = 0; j < times.length; j++) {
      double m = m0 + nu * times[j];
      double ecc = m;
      for (int it = 0; it < MAX_ITERATIONS; it++) {
        double step = (ecc - e * Math.sin(ecc) - m) / (1.0 - e * Math.cos(ecc));
        ecc -= step;
        if (Math.abs(step) < TOLERANCE) {
          break;
        }
      }
      double cosE = Math.cos(ecc);
      double sinE = Math.sin(ecc);
      double px = a * (cosE - e);
      double py = b * sinE;
      double rx = px * cosW - py * sinW - obsX[j];
      double ry = px * sinW + py * cosW - obsY[j];
      sum += rx * rx + ry * ry;
      double rxBar = seed * rx;
      double ryBar = seed * ry;
      double pxBar = rxBar * cosW + ryBar * sinW;
      double pyBar = -rxBar * sinW + ryBar * cosW;
      cosWBar += rxBar * px + ryBar * py;
      sinWBar += -rxBar * py + ryBar * px;
      aBar += pxBar * (cosE - e);
      eBar -= pxBar * a;
      bBar += pyBar * sinE;
      double eccBar = -pxBar * a * sinE + pyBar * b * cosE;
      double mBar = eccBar / (1.0 - e * cosE);
      eBar += mBar * sinE;
      m0Bar += mBar;
      nuBar += mBar * times[j];
    }
    aBar += bBar * root;
    eBar -= bBar * a * e / root;
    double omegaBar = -cosWBar * sinW + sinWBar * cosW;
    adjoint[0] += aBar;
    adjoint[1] += eBar;
    adjoint[2] += omegaBar;
    adjoint[3] += m0Bar;
    adjoint[4] += nuBar;
    return 0.5 * sum;
  }

  /**
   * {@link #misfit} in Hipparchus forward mode (the Newton iterations run on {@code Gradient}s,
   * testing the step's value): value and gradient with respect to (a, e, omega, m0, nu).
   */
  public static Gradient misfitHipparchus(
      double a, double e, double omega, double m0, double nu,
      double[] times, double[] obsX, double[] obsY) {
    Gradient ga = Gradient.variable(5, 0, a);
    Gradient ge = Gradient.variable(5, 1, e);
    Gradient gw = Gradient.variable(5, 2, omega);
    Gradient gm0 = Gradient.variable(5, 3, m0);
    Gradient gnu = Gradient.variable(5, 4, nu);
    Gradient b = ga.multiply(ge.multiply(ge).negate().add(1.0).sqrt());
    Gradient cosW = gw.cos();
    Gradient sinW = gw.sin();
    Gradient sum = Gradient.constant(5, 0.0);
    for (int j = 0; j < times.length; j++) {
      Gradient m = gm0.add(gnu.multiply(times[j]));
      Gradient ecc = m;
      for (int it = 0; it < MAX_ITERATIONS; it++) {
        Gradient step = ecc.subtract(ge.multiply(ecc.sin())).subtract(m)
            .divide(ge.multiply(ecc.cos()).negate().add(1.0));
        ecc = ecc.subtract(step);
        if (Math.abs(step.getValue()) < TOLERANCE) {
          break;
        }
      }
      Gradient px = ga.multiply(ecc.cos().subtract(ge));
      Gradient py = b.multiply(ecc.sin());
      Gradient rx = px.multiply(cosW).subtract(py.multiply(sinW)).subtract(obsX[j]);
      Gradient ry = px.multiply(sinW).add(py.multiply(cosW)).subtract(obsY[j]);
      sum = sum.add(rx.multiply(rx)).add(ry.multiply(ry));
    }
    return sum.multiply(0.5);
  }
}
