package dev.adjoint.it.calls;

import dev.adjoint.Differentiable;

/** Instance methods: fields are read as constants, methods of the same object called. */
final class Model {
  final double scale;
  double[] weights;

  Model(double scale, double[] weights) {
    this.scale = scale;
    this.weights = weights;
  }

  @Differentiable
  double energy(double[] x) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += weights[i] * term(x[i]);
    }
    return this.scale * s + this.term(x[0]);
  }

  @Differentiable
  double term(double v) {
    return Math.sin(v) * scale + Helpers.sq(v);
  }
}
