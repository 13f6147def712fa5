package p;

import dev.adjoint.Differentiable;

class Golden {
  @Differentiable
  static double f(double x, double y, int n) {
    double r = Math.hypot(x, y);
    double s = x > 0 ? r * Math.exp(-y) : Math.sin(r) / x;
    s *= n;
    return s + Math.pow(r, 3);
  }

  /** Lines 18 to 20 read one active value, d: they are differentiated forward. */
  @Differentiable
  static double step(double s, double v) {
    double d = Math.log(s) / v;
    double z = Math.abs(d);
    double tail = z > 6.0 ? 0.0 : Math.exp(-0.5 * z * z) / (1.0 + z);
    double n = d > 0.0 ? 1.0 - tail : tail;
    return s * n;
  }
}
