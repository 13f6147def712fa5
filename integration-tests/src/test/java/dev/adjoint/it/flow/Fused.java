package dev.adjoint.it.flow;

import dev.adjoint.Differentiable;

/**
 * Adjacent loops over the same range. Where iteration i of a loop only touches what iteration i
 * of the loop before it wrote, the processor fuses them; where it reads a neighbour or a sum the
 * first loop builds, it must not.
 */
final class Fused {
  private Fused() {}

  /** Three loops fused into one, inside an outer loop that reuses the scratch arrays. */
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

  /** The second loop reads the neighbour a[i + 1] of what the first writes: not fused. */
  @Differentiable
  static double neighbours(double[] x) {
    int n = x.length;
    double[] a = new double[n + 1];
    for (int i = 0; i < n; i++) {
      a[i] = Math.exp(x[i]);
    }
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += a[i] * a[i + 1];
    }
    return s;
  }

  /** The second loop reads the sum the first accumulates: not fused. */
  @Differentiable
  static double runningSum(double[] x) {
    double t = 0;
    for (int i = 0; i < x.length; i++) {
      t += x[i] * x[i];
    }
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += x[i] / (1 + t);
    }
    return s;
  }

  /** The first loop overwrites what the second read the round before: fused, element by element. */
  @Differentiable
  static double branchy(double[] x, double c) {
    int n = x.length;
    double[] y = new double[n];
    double s = 0;
    for (int r = 0; r < 2; r++) {
      for (int i = 0; i < n; i++) {
        if (x[i] > 0) {
          y[i] = x[i] * c + y[i];
        } else {
          y[i] = Math.sin(x[i]) + c * y[i];
        }
      }
      for (int i = 0; i < n; i++) {
        if (y[i] < -0.5) {
          continue;
        }
        s += y[i] * y[i] * c;
      }
    }
    return s;
  }
}
