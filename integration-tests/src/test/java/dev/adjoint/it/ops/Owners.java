package dev.adjoint.it.ops;

import dev.adjoint.Differentiable;

/**
 * Kinds of declaring types: an interface with nested enum, record and generic class; companions are
 * {@code OwnersDerivatives}, {@code Owners_UnitDerivatives}, {@code Owners_PointDerivatives},
 * {@code Owners_BoxDerivatives}.
 */
interface Owners {
  @Differentiable
  static double inInterface(double x) {
    return x * x * x;
  }

  enum Unit {
    METRE;

    /** A private compile-time constant can be inlined by the generated class. */
    private static final double FEET_PER_METRE = 3.28084;

    @Differentiable
    static double toFeetSquared(double metres) {
      return FEET_PER_METRE * metres * FEET_PER_METRE * metres;
    }
  }

  record Point(double x, double y) {
    @Differentiable
    static double norm(double x, double y) {
      return Math.sqrt(x * x + y * y);
    }
  }

  final class Box<T> {
    private Box() {}

    /** A private method: the companion re-derives its body, so private access is fine. */
    @Differentiable
    private static double volume(double w, double h, double d) {
      return w * h * d;
    }

    static double volumeOf(double w, double h, double d) {
      return volume(w, h, d);
    }
  }
}
