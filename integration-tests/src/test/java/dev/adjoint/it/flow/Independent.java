package dev.adjoint.it.flow;

import dev.adjoint.Differentiable;

/**
 * Loops whose iterations are independent: each iteration rewrites its scratch arrays and locals
 * before reading them and only adds to running sums, so the reverse sweep re-runs iterations one
 * at a time instead of taping them all. The shapes around such a loop that need care: values the
 * loop overwrites that earlier reverse code still needs (saved once before the loop), a data-
 * dependent inner loop (trip counts on the per-iteration tape), a branch inside, a running
 * difference, and such a loop inside an outer loop that carries state.
 */
final class Independent {
  private Independent() {}

  /**
   * Rows of m scaled into a scratch vector, then a nonlinear reduction per row. {@code t} and
   * {@code w} are written inside the loop, but their values from before it are read by the
   * reverse of the lines above the loop.
   */
  @Differentiable
  static double rowNorms(double[][] m, double[] x) {
    int n = x.length;
    double[] w = new double[n];
    for (int j = 0; j < n; j++) {
      w[j] = x[j] * x[j];
    }
    double t = x[0];
    double before = Math.sin(t) * w[n - 1];
    double s = 0;
    for (int r = 0; r < m.length; r++) {
      for (int j = 0; j < n; j++) {
        w[j] = m[r][j] * x[j];
      }
      t = 0;
      for (int j = 0; j < n; j++) {
        t += w[j] * w[j];
      }
      s += Math.sqrt(1 + t);
    }
    return s + before;
  }

  /** Per row: a log-sum-exp over a scratch vector, with a max found by a branch. */
  @Differentiable
  static double rowLogSumExp(double[][] m, double[] x) {
    int n = x.length;
    double[] z = new double[n];
    double s = 0;
    for (int r = 0; r < m.length; r++) {
      for (int j = 0; j < n; j++) {
        z[j] = m[r][j] * x[j] + x[(j + r) % n];
        z[j] = z[j] * z[j] - x[j];
      }
      double max = z[0];
      for (int j = 1; j < n; j++) {
        if (z[j] > max) {
          max = z[j];
        }
      }
      double e = 0;
      for (int j = 0; j < n; j++) {
        e += Math.exp(z[j] - max);
      }
      double lse;
      if (r % 2 == 0) {
        lse = max + Math.log(e);
      } else {
        lse = 0.5 * (max + Math.log(e));
      }
      s -= lse;
    }
    return s;
  }

  /** Per sample: a fixed-point iteration with a data-dependent number of steps. */
  @Differentiable
  static double fixedPoints(double[] c, double a) {
    double s = 0;
    for (int k = 0; k < c.length; k++) {
      double y = c[k];
      double previous = y + 1;
      int steps = 0;
      while (steps < 40 && Math.abs(previous - y) > 1e-13) {
        previous = y;
        y = Math.cos(a * y) + c[k];
        steps++;
      }
      s += y * y;
    }
    return s;
  }

  /**
   * An independent inner loop inside an outer loop that carries state: the outer scale changes
   * every sweep and is read by the inner loop as a constant.
   */
  @Differentiable
  static double sweeps(double[][] m, double[] x, int count) {
    int n = x.length;
    double[] v = new double[n];
    double scale = 1;
    double total = 0;
    for (int q = 0; q < count; q++) {
      double sum = 0;
      for (int r = 0; r < m.length; r++) {
        for (int j = 0; j < n; j++) {
          v[j] = Math.tanh(scale * m[r][j] + x[j]);
        }
        double dot = 0;
        for (int j = 0; j < n; j++) {
          dot += v[j] * x[j];
        }
        sum += dot * dot;
      }
      total += sum * scale;
      scale = scale * 0.5 + Math.sin(sum) * 0.1;
    }
    return total + scale;
  }

  /**
   * Two running sums combined linearly after the loop, with factors fixed before it: their adjoints
   * at the loop's exit ({@code 3 / m + 1} and {@code -c}) are known before it runs.
   */
  @Differentiable
  static double linearCombination(double[] x, double c) {
    int m = x.length;
    double s = 0;
    double q = 0;
    for (int i = 0; i < m; i++) {
      double y = Math.sin(x[i] * c);
      s += y;
      q -= y * y;
    }
    double mean = s / m;
    return 3 * mean - q * c + s;
  }

  /** A sum reset inside its loop: its adjoint differs between iterations. */
  @Differentiable
  static double resets(double[] x) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      if (x[i] > 0.5) {
        s = 0;
      }
      s += x[i] * x[i];
    }
    return s;
  }

  /**
   * A scratch array filled, updated in place from its own neighbours and read, once per sweep of
   * a loop that carries state: after the fill no old value needs saving, after the update some do.
   */
  @Differentiable
  static double smoothing(double[] x, int sweeps) {
    int n = x.length;
    double[] z = new double[n];
    double carry = 1;
    for (int s = 0; s < sweeps; s++) {
      for (int i = 0; i < n; i++) {
        z[i] = x[i] * carry;
      }
      for (int i = 1; i < n; i++) {
        z[i] += Math.sin(z[i - 1]);
      }
      double t = 0;
      for (int i = 0; i < n; i++) {
        t += z[i] * z[i];
      }
      carry = Math.cos(t) + carry * 0.5;
    }
    return carry + z[n - 1];
  }

  /**
   * Regression: a loop-local value re-derived at the start of each reverse iteration whose
   * statement calls exp, whose result the reverse keeps on the tape instead of recomputing; it was
   * restored before its own adjoint read it.
   */
  @Differentiable
  static double replayedCostly(double[] x, double c) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      double e = Math.exp(-x[i] * x[i] / c);
      s += e * x[i];
    }
    return s;
  }
}
