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
}
