package dev.adjoint.runtime.optim;

import dev.adjoint.runtime.Objective;

/** Standard test problems with hand-written gradients. */
final class TestProblems {
  private TestProblems() {}

  /**
   * The extended Rosenbrock function (Moré, Garbow &amp; Hillstrom 1981, problem 21; n even):
   * Σ_{pairs} 100 (x_{2i+1} − x_{2i}²)² + (1 − x_{2i})². Unique minimum 0 at (1, …, 1).
   */
  static final Objective EXTENDED_ROSENBROCK =
      (x, g) -> {
        double f = 0;
        for (int i = 0; i + 1 < x.length; i += 2) {
          double a = x[i + 1] - x[i] * x[i];
          double b = 1 - x[i];
          f += 100 * a * a + b * b;
          g[i] = -400 * x[i] * a - 2 * b;
          g[i + 1] = 200 * a;
        }
        return f;
      };

  /** The standard start (−1.2, 1, −1.2, 1, …). */
  static double[] rosenbrockStart(int n) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = i % 2 == 0 ? -1.2 : 1.0;
    }
    return x;
  }

  /** ½ Σ a_i (x_i − c_i)²: minimum 0 at c. */
  static Objective diagonalQuadratic(double[] a, double[] c) {
    return (x, g) -> {
      double f = 0;
      for (int i = 0; i < x.length; i++) {
        double d = x[i] - c[i];
        f += 0.5 * a[i] * d * d;
        g[i] = a[i] * d;
      }
      return f;
    };
  }

  /**
   * Least-squares fit of y ≈ p0·exp(−p1·t) + p2: f(p) = ½ Σ_j (model(t_j) − y_j)².
   */
  static Objective exponentialDecayFit(double[] t, double[] y) {
    return (p, g) -> {
      double f = 0;
      g[0] = 0;
      g[1] = 0;
      g[2] = 0;
      for (int j = 0; j < t.length; j++) {
        double e = Math.exp(-p[1] * t[j]);
        double r = p[0] * e + p[2] - y[j];
        f += 0.5 * r * r;
        g[0] += r * e;
        g[1] += r * (-p[0] * t[j] * e);
        g[2] += r;
      }
      return f;
    };
  }

  static double exponentialDecay(double[] p, double t) {
    return p[0] * Math.exp(-p[1] * t) + p[2];
  }
}
