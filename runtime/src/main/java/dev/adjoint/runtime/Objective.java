package dev.adjoint.runtime;

/** A scalar function of a parameter vector together with its gradient, as optimizers consume it. */
@FunctionalInterface
public interface Objective {
  /** Returns f(x) and overwrites {@code gradient} with ∇f(x). */
  double valueAndGradient(double[] x, double[] gradient);
}
