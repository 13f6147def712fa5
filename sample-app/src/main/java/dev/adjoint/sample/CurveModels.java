package dev.adjoint.sample;

import dev.adjoint.Differentiable;

/**
 * Least-squares objectives of the {@code fit} command: the sum of squared residuals of a model
 * curve through data points, differentiated with respect to the model's parameters only (the
 * data arrays are constants). Adjoint generates {@code CurveModelsDerivatives}.
 */
public final class CurveModels {
  private CurveModels() {}

  /** Exponential decay y = a exp(-b x) + c with p = {a, b, c}. */
  public static double decay(double[] p, double x) {
    return p[0] * Math.exp(-p[1] * x) + p[2];
  }

  /** Logistic growth y = k / (1 + exp(-r (x - m))) with p = {k, r, m}. */
  public static double logistic(double[] p, double x) {
    return p[0] / (1.0 + Math.exp(-p[1] * (x - p[2])));
  }

  /** Sum over i of (a exp(-b x_i) + c - y_i)^2, with p = {a, b, c}. */
  @Differentiable(wrt = "p")
  public static double decaySquares(double[] p, double[] x, double[] y) {
    double sum = 0.0;
    for (int i = 0; i < x.length; i++) {
      double residual = p[0] * Math.exp(-p[1] * x[i]) + p[2] - y[i];
      sum += residual * residual;
    }
    return sum;
  }

  /** Sum over i of (k / (1 + exp(-r (x_i - m))) - y_i)^2, with p = {k, r, m}. */
  @Differentiable(wrt = "p")
  public static double logisticSquares(double[] p, double[] x, double[] y) {
    double sum = 0.0;
    for (int i = 0; i < x.length; i++) {
      double residual = p[0] / (1.0 + Math.exp(-p[1] * (x[i] - p[2]))) - y[i];
      sum += residual * residual;
    }
    return sum;
  }
}
