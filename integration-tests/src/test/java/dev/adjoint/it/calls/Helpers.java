package dev.adjoint.it.calls;

import dev.adjoint.Differentiable;

/** Small differentiable building blocks that {@link Calls} composes (another class, same build). */
final class Helpers {
  private Helpers() {}

  @Differentiable
  static double sq(double x) {
    return x * x;
  }

  /** log(1 + e^x), stable for large x. */
  @Differentiable
  static double softplus(double x) {
    return x > 20 ? x : Math.log1p(Math.exp(x));
  }

  /** Depth: softplus(a·x + b)², through two more calls. */
  @Differentiable
  static double unit(double a, double x, double b) {
    return sq(softplus(a * x + b));
  }

  @Differentiable
  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  /** Overloads: the generated members are norm_doubleArray... and norm_doubleArray_int... */
  @Differentiable
  static double norm(double[] v) {
    return Math.sqrt(dot(v, v));
  }

  @Differentiable
  static double norm(double[] v, int p) {
    double s = 0;
    for (double e : v) {
      s += Math.pow(Math.abs(e), p);
    }
    return Math.pow(s, 1.0 / p);
  }

  /** Differentiated with respect to x only: callers must pass a constant k. */
  @Differentiable(wrt = "x")
  static double scaled(double x, double k) {
    return Math.sin(k * x);
  }

  /** No derivative: an index computation, called from differentiable code. */
  static int bucket(double x, int buckets) {
    int b = (int) Math.floor(x * buckets);
    return Math.max(0, Math.min(buckets - 1, b));
  }
}
