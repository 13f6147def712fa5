package p;

import dev.adjoint.Differentiable;

class GoldenLoops {
  @Differentiable
  static double rosenbrock(double[] x) {
    double s = 0;
    for (int i = 0; i < x.length - 1; i++) {
      double a = x[i + 1] - x[i] * x[i];
      double b = 1 - x[i];
      s += 100 * a * a + b * b;
    }
    return s;
  }

  @Differentiable
  static double newtonSqrt(double c) {
    double x = c;
    for (int k = 0; k < 50; k++) {
      double dx = (x * x - c) / (2 * x);
      x -= dx;
      if (Math.abs(dx) < 1e-15 * x) {
        break;
      }
    }
    return x;
  }

  /** Three loops over the same range, element by element: one loop in each sweep. */
  @Differentiable
  static double centered(double[] x, double[] mu, double[] q) {
    int n = x.length;
    double[] c = new double[n];
    double[] qc = new double[n];
    double s = 0;
    for (int k = 0; k < 3; k++) {
      for (int i = 0; i < n; i++) {
        c[i] = x[i] - mu[i] * k;
      }
      for (int i = 0; i < n; i++) {
        qc[i] = q[i] * c[i];
      }
      for (int i = 0; i < n; i++) {
        s += Math.sin(qc[i]) * c[i];
      }
    }
    return s;
  }
}
