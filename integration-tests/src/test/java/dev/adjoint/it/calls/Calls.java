package dev.adjoint.it.calls;

import dev.adjoint.Differentiable;

/** Methods that call other differentiable methods, custom rules and plain int methods. */
final class Calls {
  private Calls() {}

  /** A chain of depth 4: chain → Helpers.unit → sq, softplus. */
  @Differentiable
  static double chain(double a, double x, double b) {
    return Math.log(1 + Helpers.unit(a, x, b));
  }

  /** The same callee twice, with different arguments, plus a self-call of a sibling. */
  @Differentiable
  static double twice(double x, double y) {
    return Helpers.sq(x - y) * Helpers.sq(x + 2 * y) + twiceHelper(x * y);
  }

  @Differentiable
  static double twiceHelper(double z) {
    return Math.cos(z) + Helpers.softplus(z);
  }

  /** Calls in a loop and a branch; arrays passed through; an int call as an index. */
  @Differentiable
  static double inLoop(double[] w, double[] x) {
    double s = 0;
    double[] table = {0.5, 1.5, 2.5};
    for (int i = 0; i < x.length; i++) {
      double u = Helpers.softplus(w[i] * x[i]);
      if (u > 1) {
        s += Helpers.sq(u - 1) * table[Helpers.bucket(x[i], 3)];
      } else {
        s += Helpers.scaled(u, 3.0);
      }
    }
    return s + Helpers.dot(w, x) * Helpers.norm(w);
  }

  /** Overloads of norm, both called. */
  @Differentiable
  static double overloads(double[] v) {
    return Helpers.norm(v) + Helpers.norm(v, 3);
  }

  /** Direct recursion: x^n by squaring. */
  @Differentiable
  static double power(double x, int n) {
    if (n == 0) {
      return 1;
    }
    double half = power(x, n / 2);
    return n % 2 == 0 ? half * half : half * half * x;
  }

  /** Mutual recursion: an alternating continued fraction. */
  @Differentiable
  static double evenLevel(double x, int depth) {
    return depth == 0 ? x : x + 1 / oddLevel(x, depth - 1);
  }

  @Differentiable
  static double oddLevel(double x, int depth) {
    return depth == 0 ? 2 * x : 2 + x / evenLevel(x, depth - 1);
  }

  /** A custom derivative used inside a loop (logistic regression log-likelihood). */
  @Differentiable
  static double logLikelihood(double[] w, double[][] xs, double[] ys) {
    double s = 0;
    for (int i = 0; i < xs.length; i++) {
      double p = Special.logistic(Helpers.dot(w, xs[i]));
      s += ys[i] * Math.log(p) + (1 - ys[i]) * Math.log(1 - p);
    }
    return s;
  }

  /** A custom rule that takes arrays. */
  @Differentiable
  static double layer(double[] w, double[] x, double c) {
    return c * Special.neuron(w, x) + Special.neuron(x, w) * Special.neuron(w, w);
  }

  /**
   * Calls where they may not run (sides of ?:, right of &&) are not inlined: the reverse sweep
   * calls the callees' generated pullbacks, passing arrays and constants for non-wrt parameters.
   */
  @Differentiable
  static double conditionalCalls(double[] w, double[] x) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += x[i] > 0 ? Helpers.softplus(w[i] * x[i]) : Helpers.scaled(x[i], 2.0);
      if (w[i] > -0.5 && Helpers.sq(w[i]) < 0.25) {
        s += w[i];
      }
    }
    return s * (w[0] > 0 ? Helpers.norm(w) : Helpers.dot(w, x));
  }
}
