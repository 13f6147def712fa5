package dev.adjoint.it.calls;

import dev.adjoint.DerivativeOf;

/**
 * A function Adjoint does not read (imagine native or library code) with a hand-written pullback
 * declared by {@code @DerivativeOf}. The logistic function σ(x) = 1 / (1 + e^-x), σ' = σ(1 - σ).
 */
final class Special {
  private Special() {}

  /** Written with a loop and a lookup Adjoint would not be asked to differentiate. */
  static double logistic(double x) {
    return 1 / (1 + Math.exp(-x));
  }

  @DerivativeOf(value = Special.class, method = "logistic")
  static double logisticPullback(double x, double seed, double[] dX) {
    double s = logistic(x);
    dX[0] += seed * s * (1 - s);
    return s;
  }

  /** A two-argument, array-taking target: w·x squashed, with its rule. */
  static double neuron(double[] w, double[] x) {
    double z = 0;
    for (int i = 0; i < w.length; i++) {
      z += w[i] * x[i];
    }
    return Math.tanh(z);
  }

  @DerivativeOf(value = Special.class, method = "neuron")
  static double neuronPullback(double[] w, double[] x, double seed, double[] dW, double[] dX) {
    double y = neuron(w, x);
    double zBar = seed * (1 - y * y);
    for (int i = 0; i < w.length; i++) {
      dW[i] += zBar * x[i];
      dX[i] += zBar * w[i];
    }
    return y;
  }
}
