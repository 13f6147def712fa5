package dev.adjoint.it.flow;

import dev.adjoint.Differentiable;

/**
 * Code whose straight-line stretches read a single active value, which the processor
 * differentiates forward (tangent mode) while it runs, keeping only the slopes for the reverse
 * sweep: a CDF-like function of one value with branches, several values passed on, one stretch
 * feeding the next, values passed on into a loop, a whole method of one parameter, float locals,
 * every Math function, a variable assigned twice, and a variable also assigned in a loop (which
 * keeps the stretch in reverse mode).
 */
final class Preaccumulated {
  private Preaccumulated() {}

  /** A smooth step of z = |d| with a cut-off and two shapes, reflected for d > 0. */
  @Differentiable
  static double twoSteps(double s, double k, double v) {
    double d1 = Math.log(s / k) / v + 0.5 * v;
    double d2 = d1 - v;
    double z1 = Math.abs(d1);
    double tail1;
    if (z1 > 6.0) {
      tail1 = 0.0;
    } else if (z1 < 1.5) {
      double p = ((0.1 * z1 + 0.3) * z1 + 0.7) * z1 + 1.0;
      tail1 = Math.exp(-0.5 * z1 * z1) * p / (p + z1 * z1);
    } else {
      tail1 = Math.exp(-0.5 * z1 * z1) / (z1 + 1.0 / (z1 + 2.0 / (z1 + 0.5)));
    }
    double n1 = d1 > 0.0 ? 1.0 - tail1 : tail1;
    double z2 = Math.abs(d2);
    double tail2 = z2 > 6.0 ? 0.0 : Math.exp(-0.5 * z2 * z2) / (1.0 + z2 + 0.25 * z2 * z2);
    double n2 = d2 > 0.0 ? 1.0 - tail2 : tail2;
    return s * n1 - k * Math.exp(-v) * n2;
  }

  /** Three values computed from u = a b alone, all used afterwards. */
  @Differentiable
  static double threeValues(double a, double b) {
    double u = a * b;
    double e = Math.exp(-u * u);
    double y1 = Math.sin(u) * e;
    double y2 = Math.cos(u) + e * u;
    double y3 = Math.sqrt(1.0 + u * u) - y1 * y2;
    return y1 * a + y2 * b + y3;
  }

  /** A stretch whose value feeds, after a two-input statement, a second stretch. */
  @Differentiable
  static double chained(double x, double y) {
    double t = x * y;
    double p = Math.tanh(t) + t * t * 0.5;
    double p2 = p * Math.exp(-t) + Math.sin(3.0 * t);
    double w = p2 * y;
    double r1 = Math.exp(0.3 * p2);
    double r2 = r1 * r1 + Math.sin(p2);
    double r3 = r2 / (1.0 + p2 * p2);
    return r3 * x + w;
  }

  /** Values of a one-input stretch read again and again by a loop. */
  @Differentiable
  static double intoLoop(double x, double[] c) {
    double q = Math.exp(0.5 * x);
    double a = q * q + Math.cos(x);
    double b = a / (1.0 + q);
    double s = 0.0;
    for (int i = 0; i < c.length; i++) {
      s += Math.sin(a * c[i]) * b + c[i] * x;
    }
    return s;
  }

  /** The whole method depends on one parameter: every value is computed forward. */
  @Differentiable
  static double wholeMethod(double x) {
    double y = x * x - 0.5;
    if (y > 0.0) {
      y = Math.sqrt(y) * Math.exp(-x);
    } else {
      y = y * Math.sin(x) - 1.0;
    }
    double z = y > -0.9 ? y * y * x : Math.log1p(y * y);
    return z + y / (2.0 + x * x);
  }

  /** Float locals inside the stretch (derivatives still in double). */
  @Differentiable
  static double floats(double x, double y) {
    double u = x + 2.0 * y;
    float f = (float) (u * u);
    float g = f * 0.5f + (float) Math.sin(u);
    double h = g * (double) f + Math.exp(0.1 * u);
    return h * x;
  }

  /** Every Math function with a derivative, at values of one variable. */
  @Differentiable
  static double everyFunction(double x, double y) {
    double u = 0.5 * x * y;
    double s = Math.sin(u) + Math.cos(u) + Math.tan(0.3 * u);
    double w = u / (1.0 + Math.abs(u));
    s += Math.asin(0.5 * w) + Math.acos(0.5 * w) * 0.5 + Math.atan(u) + Math.atan2(u, 2.0);
    s += Math.sinh(0.2 * u) + Math.cosh(0.2 * u) + Math.tanh(u) + Math.exp(-u * u);
    s += Math.expm1(0.1 * u) + Math.log(1.0 + u * u) + Math.log10(2.0 + u * u);
    s += Math.log1p(u * u) + Math.sqrt(1.0 + u * u) + Math.cbrt(u + 3.0);
    s += Math.pow(u * u + 1.0, 1.5) + Math.pow(2.0, u) + Math.pow(u * u + 0.5, 2.0);
    s += Math.hypot(u, 3.0) + Math.toRadians(u) + Math.toDegrees(0.01 * u);
    s += Math.max(u, 0.3) + Math.min(u, -0.2) + Math.fma(u, u, 1.0) + Math.abs(u - 0.1);
    return s * y;
  }

  /** A variable assigned three times in the stretch, once under a branch and once with ?:. */
  @Differentiable
  static double reassigned(double x, double y) {
    double u = x - y;
    double v = u * u;
    if (u > 0.25) {
      v = 0.5;
    }
    v = v + Math.sin(u);
    v = u < -0.5 ? v * u : v;
    return v * x + u;
  }

  /** {@code v} is also assigned in the loop: its stretch stays in reverse mode. */
  @Differentiable
  static double alsoInLoop(double x, int n) {
    double v = Math.exp(x);
    v = v * v + Math.sin(x);
    v = v / (1.0 + x * x);
    for (int i = 0; i < n; i++) {
      v = v * 0.5 + x;
    }
    return v;
  }
}
