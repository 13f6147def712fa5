package dev.adjoint.it.flow;

import dev.adjoint.Differentiable;

/**
 * Realistic numerical kernels combining loops, branches and local arrays: ODE integration, Newton
 * and bisection solves, linear algebra, softmax, a Gaussian mixture log-likelihood, Rosenbrock,
 * prefix sums and products, a heat-equation stepper and piecewise-linear interpolation.
 */
final class Kernels {
  private Kernels() {}

  /**
   * Explicit Euler for the damped oscillator x'' = -k x - c x', {@code steps} steps of size dt;
   * returns the energy at the end.
   */
  @Differentiable
  static double eulerOscillator(double k, double c, double x0, double v0, double dt, int steps) {
    double x = x0;
    double v = v0;
    for (int i = 0; i < steps; i++) {
      double a = -k * x - c * v;
      x = x + dt * v;
      v = v + dt * a;
    }
    return 0.5 * v * v + 0.5 * k * x * x;
  }

  /** Classic RK4 for logistic growth p' = r p (1 - p / capacity); returns p at the end. */
  @Differentiable
  static double rk4Logistic(double rate, double capacity, double p0, double dt, int steps) {
    double p = p0;
    for (int i = 0; i < steps; i++) {
      double k1 = rate * p * (1 - p / capacity);
      double p2 = p + 0.5 * dt * k1;
      double k2 = rate * p2 * (1 - p2 / capacity);
      double p3 = p + 0.5 * dt * k2;
      double k3 = rate * p3 * (1 - p3 / capacity);
      double p4 = p + dt * k3;
      double k4 = rate * p4 * (1 - p4 / capacity);
      p = p + dt / 6 * (k1 + 2 * k2 + 2 * k3 + k4);
    }
    return p;
  }

  /**
   * RK4 for the damped oscillator with the state and the four stages in local arrays, overwritten
   * on every step; the initial state is a parameter array (cloned, never written).
   */
  @Differentiable
  static double rk4Oscillator(double k, double c, double[] state0, double dt, int steps) {
    double[] s = state0.clone();
    double[] k1 = new double[2];
    double[] k2 = new double[2];
    double[] k3 = new double[2];
    double[] k4 = new double[2];
    double[] mid = new double[2];
    for (int i = 0; i < steps; i++) {
      k1[0] = s[1];
      k1[1] = -k * s[0] - c * s[1];
      for (int j = 0; j < 2; j++) {
        mid[j] = s[j] + 0.5 * dt * k1[j];
      }
      k2[0] = mid[1];
      k2[1] = -k * mid[0] - c * mid[1];
      for (int j = 0; j < 2; j++) {
        mid[j] = s[j] + 0.5 * dt * k2[j];
      }
      k3[0] = mid[1];
      k3[1] = -k * mid[0] - c * mid[1];
      for (int j = 0; j < 2; j++) {
        mid[j] = s[j] + dt * k3[j];
      }
      k4[0] = mid[1];
      k4[1] = -k * mid[0] - c * mid[1];
      for (int j = 0; j < 2; j++) {
        s[j] += dt / 6 * (k1[j] + 2 * k2[j] + 2 * k3[j] + k4[j]);
      }
    }
    return s[0] * s[0] + s[1];
  }

  /**
   * Kepler's equation E - e sin E = M solved by Newton with a tolerance and an iteration cap;
   * returns the x coordinate cos E - e of the orbit (semi-major axis 1).
   */
  @Differentiable
  static double kepler(double meanAnomaly, double eccentricity) {
    double e = meanAnomaly;
    double dx = 1;
    int iterations = 0;
    while (Math.abs(dx) > 1e-12 && iterations < 50) {
      dx = (e - eccentricity * Math.sin(e) - meanAnomaly) / (1 - eccentricity * Math.cos(e));
      e -= dx;
      iterations++;
    }
    return Math.cos(e) - eccentricity;
  }

  /** Horner's rule over a coefficient array, highest degree first. */
  @Differentiable
  static double horner(double[] coefficients, double x) {
    double p = 0;
    for (double a : coefficients) {
      p = p * x + a;
    }
    return p;
  }

  @Differentiable
  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  /** y = M v into a local array, then a readout w · tanh(y). */
  @Differentiable
  static double matVec(double[][] m, double[] v, double[] w) {
    double[] y = new double[m.length];
    for (int i = 0; i < m.length; i++) {
      for (int j = 0; j < v.length; j++) {
        y[i] += m[i][j] * v[j];
      }
    }
    double out = 0;
    for (int i = 0; i < y.length; i++) {
      out += w[i] * Math.tanh(y[i]);
    }
    return out;
  }

  /** Softmax of the logits (shifted by their maximum) into a local array; expected value. */
  @Differentiable
  static double softmaxExpectation(double[] logits, double[] values) {
    double max = logits[0];
    for (int i = 1; i < logits.length; i++) {
      max = Math.max(max, logits[i]);
    }
    double[] p = new double[logits.length];
    double sum = 0;
    for (int i = 0; i < logits.length; i++) {
      p[i] = Math.exp(logits[i] - max);
      sum += p[i];
    }
    double expectation = 0;
    for (int i = 0; i < p.length; i++) {
      p[i] /= sum;
      expectation += p[i] * values[i];
    }
    return expectation;
  }

  /**
   * Log-likelihood of a Gaussian mixture in ADBench's parametrisation plus a Wishart-like prior: K
   * components with weights softmax(alphas), means, and inverse covariance factors Q_k = L(icf_k),
   * lower triangular with diagonal exp(icf_k[0..d-1]) and the strictly lower part icf_k[d..] column
   * by column. Data {@code x} (n points) and the prior's gamma and m are constants.
   */
  @Differentiable(wrt = {"alphas", "means", "icf"})
  static double gmmObjective(
      double[] alphas, double[][] means, double[][] icf, double[][] x, double gamma, int m) {
    int k = alphas.length;
    int d = means[0].length;
    int n = x.length;
    double[] sumQs = new double[k];
    for (int j = 0; j < k; j++) {
      for (int a = 0; a < d; a++) {
        sumQs[j] += icf[j][a];
      }
    }
    double[] mainTerm = new double[k];
    double[] centered = new double[d];
    double[] qx = new double[d];
    double slse = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < k; j++) {
        for (int a = 0; a < d; a++) {
          centered[a] = x[i][a] - means[j][a];
          qx[a] = Math.exp(icf[j][a]) * centered[a];
        }
        int idx = d;
        for (int col = 0; col < d; col++) {
          for (int row = col + 1; row < d; row++) {
            qx[row] += icf[j][idx] * centered[col];
            idx++;
          }
        }
        double sq = 0;
        for (int a = 0; a < d; a++) {
          sq += qx[a] * qx[a];
        }
        mainTerm[j] = alphas[j] + sumQs[j] - 0.5 * sq;
      }
      double max = mainTerm[0];
      for (int j = 1; j < k; j++) {
        if (mainTerm[j] > max) {
          max = mainTerm[j];
        }
      }
      double sumExp = 0;
      for (int j = 0; j < k; j++) {
        sumExp += Math.exp(mainTerm[j] - max);
      }
      slse += max + Math.log(sumExp);
    }
    double alphaMax = alphas[0];
    for (int j = 1; j < k; j++) {
      alphaMax = Math.max(alphaMax, alphas[j]);
    }
    double alphaSum = 0;
    for (int j = 0; j < k; j++) {
      alphaSum += Math.exp(alphas[j] - alphaMax);
    }
    double lseAlphas = alphaMax + Math.log(alphaSum);
    double prior = 0;
    for (int j = 0; j < k; j++) {
      double frobenius = 0;
      for (int a = 0; a < icf[j].length; a++) {
        frobenius += a < d ? Math.exp(2 * icf[j][a]) : icf[j][a] * icf[j][a];
      }
      prior += 0.5 * gamma * gamma * frobenius - m * sumQs[j];
    }
    double constant = -n * d * 0.5 * Math.log(2 * Math.PI);
    return constant + slse - n * lseAlphas + prior;
  }

  /** Extended Rosenbrock: sum of 100 (x[i+1] - x[i]^2)^2 + (1 - x[i])^2. */
  @Differentiable
  static double rosenbrock(double[] x) {
    double f = 0;
    for (int i = 0; i < x.length - 1; i++) {
      double t = x[i + 1] - x[i] * x[i];
      double u = 1 - x[i];
      f += 100 * t * t + u * u;
    }
    return f;
  }

  /** Prefix sums into a local array, then their mean square. */
  @Differentiable
  static double cumulativeSum(double[] a) {
    double[] c = new double[a.length];
    c[0] = a[0];
    for (int i = 1; i < a.length; i++) {
      c[i] = c[i - 1] + a[i];
    }
    double s = 0;
    for (double v : c) {
      s += v * v;
    }
    return s / c.length;
  }

  /** Prefix products (each read back from the previous element), summed with alternating signs. */
  @Differentiable
  static double prefixProduct(double[] a) {
    double[] p = new double[a.length];
    p[0] = a[0];
    for (int i = 1; i < a.length; i++) {
      p[i] = p[i - 1] * a[i];
    }
    double s = 0;
    for (int i = 0; i < p.length; i++) {
      s += i % 2 == 0 ? p[i] : -p[i];
    }
    return s;
  }

  /**
   * Explicit steps of u_t = alpha u_xx with zero boundary values; the new row is computed into a
   * second array and copied back with System.arraycopy. Returns the final energy.
   */
  @Differentiable(wrt = {"u0", "alpha"})
  static double heatEquation(double[] u0, double alpha, int steps) {
    int n = u0.length;
    double[] u = u0.clone();
    double[] next = new double[n];
    for (int s = 0; s < steps; s++) {
      next[0] = 0;
      next[n - 1] = 0;
      for (int i = 1; i < n - 1; i++) {
        next[i] = u[i] + alpha * (u[i - 1] - 2 * u[i] + u[i + 1]);
      }
      System.arraycopy(next, 0, u, 0, n);
    }
    double energy = 0;
    for (double v : u) {
      energy += v * v;
    }
    return energy;
  }

  /**
   * Root of t^3 + c t - target in [0, 4] by bisection down to a bracket of width 1e-3, then one
   * secant (regula falsi) step inside the final bracket. The bracket ends are built from constants
   * only, so the derivative flows solely through the two function values of the final step.
   */
  @Differentiable
  static double bisection(double c, double target) {
    double lo = 0;
    double hi = 4;
    double fLo = lo * lo * lo + c * lo - target;
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
    double f0 = lo * lo * lo + c * lo - target;
    double f1 = hi * hi * hi + c * hi - target;
    return lo - f0 * (hi - lo) / (f1 - f0);
  }

  /** Piecewise-linear interpolation through (xs[i], ys[i]); constant outside the knots. */
  @Differentiable
  static double interpolate(double[] xs, double[] ys, double x) {
    int last = xs.length - 1;
    if (x <= xs[0]) {
      return ys[0];
    }
    if (x >= xs[last]) {
      return ys[last];
    }
    int i = 0;
    while (x >= xs[i + 1]) {
      i++;
    }
    double t = (x - xs[i]) / (xs[i + 1] - xs[i]);
    return ys[i] + t * (ys[i + 1] - ys[i]);
  }
}
