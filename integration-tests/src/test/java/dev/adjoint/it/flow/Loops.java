package dev.adjoint.it.flow;

import dev.adjoint.Differentiable;

/**
 * Loops of every form, with constant and data-dependent trip counts, {@code break}, {@code
 * continue} (also labelled), nesting, and scalars overwritten on every iteration.
 */
final class Loops {
  private Loops() {}

  /** Counting up to an int parameter; the loop index enters the arithmetic. */
  @Differentiable
  static double countUp(double x, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += Math.sin(i * x) / (i + 1);
    }
    return s;
  }

  /** Counting down: Horner's rule for sum_{i=1..n} i x^{i-1}, reversed. */
  @Differentiable
  static double countDown(double x, int n) {
    double p = 0;
    for (int i = n; i > 0; i--) {
      p = p * x + i;
    }
    return p;
  }

  /** Step 2 over an array parameter, reading a pair per iteration. */
  @Differentiable
  static double stepTwo(double[] a) {
    double s = 0;
    for (int i = 0; i + 1 < a.length; i += 2) {
      s += a[i] * a[i + 1];
    }
    return s;
  }

  /** A header with a nonlinear test and two variables updated in the header. */
  @Differentiable
  static double squareBound(double x, int n) {
    double s = 1;
    for (int i = 1, j = n; i * i < n; i++, j--) {
      s = s * x + (double) j / i;
    }
    return s;
  }

  /** A header without init and update: both done in the body. */
  @Differentiable
  static double bareHeader(double x, int n) {
    int i = 0;
    double s = x;
    for (; ; ) {
      if (i >= n) {
        break;
      }
      s = s * s * 0.5 + x;
      i++;
    }
    return s;
  }

  @Differentiable
  static double enhancedFor(double[] a, double x) {
    double s = 0;
    double p = 1;
    for (double v : a) {
      s += v * v * x;
      p *= 1 + v * v;
    }
    return s + Math.log(p);
  }

  /**
   * Row sums of a jagged matrix parameter, the inner bound read from each row. (Enhanced for loops
   * over {@code m} or {@code m[i]} are outside the subset: it iterates over array parameters and
   * local arrays only.)
   */
  @Differentiable
  static double rowSums(double[][] m) {
    double s = 0;
    for (int i = 0; i < m.length; i++) {
      double rowSum = 0;
      for (int j = 0; j < m[i].length; j++) {
        rowSum += m[i][j];
      }
      s += rowSum * rowSum;
    }
    return s;
  }

  /** A while loop whose trip count depends on the active values. */
  @Differentiable
  static double whileLoop(double x, double y) {
    double s = x;
    int k = 0;
    while (s < y) {
      s = s * 1.5 + 0.1 * x;
      k++;
    }
    return s * k + y;
  }

  /** The body of a do/while runs at least once, even when the condition is false at once. */
  @Differentiable
  static double doWhile(double x, int n) {
    double t = x;
    int i = 0;
    do {
      t = Math.cos(t) + x * 0.5;
      i++;
    } while (i < n);
    return t;
  }

  @Differentiable
  static double breakLoop(double[] a, double limit) {
    double s = 0;
    double last = 0;
    for (int i = 0; i < a.length; i++) {
      last = a[i];
      if (s + last * last > limit) {
        break;
      }
      s += last * last;
    }
    return s + last;
  }

  @Differentiable
  static double continueLoop(double[] a, double x) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      if (a[i] < 0) {
        continue;
      }
      s += Math.exp(a[i] * x);
      if (i % 2 == 1) continue;
      s *= 1.5;
    }
    return s;
  }

  /** Searches a matrix for the first entry above a threshold; breaks out of both loops. */
  @Differentiable
  static double labelledBreak(double[][] m, double t) {
    double s = 0;
    outer:
    for (int i = 0; i < m.length; i++) {
      for (int j = 0; j < m[i].length; j++) {
        if (m[i][j] > t) {
          s += m[i][j] * t;
          break outer;
        }
        s += m[i][j] * m[i][j];
      }
    }
    return s;
  }

  /** Skips the rest of a row once a negative entry is met. */
  @Differentiable
  static double labelledContinue(double[][] m, double x) {
    double s = 0;
    rows:
    for (int i = 0; i < m.length; i++) {
      double p = 1;
      for (int j = 0; j < m[i].length; j++) {
        if (m[i][j] < 0) {
          s += p * x;
          continue rows;
        }
        p *= m[i][j] + x;
      }
      s += p;
    }
    return s;
  }

  /** A triangular double loop: inner bound depends on the outer index. */
  @Differentiable
  static double nestedLoops(double x, double y, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) {
      double inner = 0;
      for (int j = 0; j <= i; j++) {
        inner += Math.pow(x, j) * y;
      }
      s += inner / (i + 1);
    }
    return s;
  }

  /** Three nested loops over a matrix parameter: sum over i, j, k of m[i][k] m[k][j] x. */
  @Differentiable
  static double tripleLoop(double[][] m, double x) {
    int n = m.length;
    double s = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double c = 0;
        for (int k = 0; k < n; k++) {
          c += m[i][k] * m[k][j];
        }
        s += c * c * x;
      }
    }
    return s;
  }

  /** Newton's iteration for sqrt(a): a data-dependent trip count with a tolerance and a cap. */
  @Differentiable
  static double newtonSqrt(double a) {
    double x = a > 1 ? a : 1;
    double dx = 1;
    int iterations = 0;
    while (Math.abs(dx) > 1e-12 && iterations < 100) {
      dx = (x * x - a) / (2 * x);
      x = x - dx;
      iterations++;
    }
    return x;
  }

  /** Newton for the real root of x^3 + p x + q (p > 0: exactly one root), with a for-loop cap. */
  @Differentiable
  static double newtonCubic(double p, double q) {
    double x = 0;
    for (int it = 0; it < 60; it++) {
      double f = x * x * x + p * x + q;
      double df = 3 * x * x + p;
      double dx = f / df;
      x -= dx;
      if (Math.abs(dx) <= 1e-12) {
        break;
      }
    }
    return x;
  }

  /** x = sin(x) repeated: the same scalar overwritten n times. */
  @Differentiable
  static double repeatedSin(double x, int n) {
    double t = x;
    for (int i = 0; i < n; i++) {
      t = Math.sin(t);
    }
    return t;
  }

  /** A double parameter reassigned in a loop (it is a local variable for Java). */
  @Differentiable
  static double reassignedParameter(double x, double y, int n) {
    for (int i = 0; i < n; i++) {
      x = x * y + Math.cos(x);
    }
    return x;
  }

  /** s = s * x + a[i]: overwritten scalar, read on the right-hand side. */
  @Differentiable
  static double overwrittenAccumulator(double[] a, double x) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s = s * x + a[i];
      s = Math.tanh(s);
    }
    return s;
  }

  /** Two variables swapped through a temporary on every iteration. */
  @Differentiable
  static double swapInLoop(double x, double y, int n) {
    double a = x;
    double b = y;
    for (int i = 0; i < n; i++) {
      double t = a;
      a = b;
      b = t + 0.5 * a * b;
      if (b > 10) {
        b = b / 10;
      }
    }
    return a - 2 * b;
  }

  /** Compound assignments in a while loop, with an int and a double counter. */
  @Differentiable
  static double compoundInLoop(double x, int n) {
    double s = 1;
    double d = 0;
    int k = n;
    while (k > 0) {
      k--;
      s *= x;
      s -= 0.25;
      d += 1;
      s /= d;
    }
    return s;
  }

  /**
   * x[k] is the same element in every iteration of a loop that carries s, so it is read once
   * before the loop; when the loop does not run (n <= 0) x[k] is never read, also with k out of
   * range.
   */
  @Differentiable
  static double invariantRead(double[] x, int k, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) {
      s = s * Math.cos(x[k] * s) + x[k] * Math.sin(x[i]);
    }
    return s + x[0];
  }
}
