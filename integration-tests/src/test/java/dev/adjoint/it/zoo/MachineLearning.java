package dev.adjoint.it.zoo;

import dev.adjoint.Differentiable;

/** Losses and tiny models over fixed-size arrays (no loops yet: indices are spelled out). */
final class MachineLearning {
  private MachineLearning() {}

  /** log(1 + e^x) without overflow for large |x|. */
  @Differentiable
  static double softplus(double x) {
    return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
  }

  /** Binary cross-entropy of a logistic model with four features; data are constants. */
  @Differentiable(wrt = {"w", "bias"})
  static double logisticLoss(double[] w, double bias, double[] x, double label) {
    double z = w[0] * x[0] + w[1] * x[1] + w[2] * x[2] + w[3] * x[3] + bias;
    double softplusZ = z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
    return softplusZ - label * z;
  }

  /** log(e^a + e^b + e^c + e^d), shifted by the maximum for stability. */
  @Differentiable
  static double logSumExp(double a, double b, double c, double d) {
    double m = Math.max(Math.max(a, b), Math.max(c, d));
    double sum = Math.exp(a - m) + Math.exp(b - m) + Math.exp(c - m) + Math.exp(d - m);
    return m + Math.log(sum);
  }

  /** Cross-entropy of softmax over three logits; the label is an index. */
  @Differentiable
  static double softmaxCrossEntropy(double[] logits, int label) {
    double m = Math.max(logits[0], Math.max(logits[1], logits[2]));
    double lse =
        m + Math.log(Math.exp(logits[0] - m) + Math.exp(logits[1] - m) + Math.exp(logits[2] - m));
    return lse - logits[label];
  }

  /**
   * Squared error of a 2-3-1 network with tanh hidden units: hidden = tanh(w1 x + b1), out = w2 ·
   * hidden + b2. Differentiated with respect to the weights only.
   */
  @Differentiable(wrt = {"w1", "b1", "w2", "b2"})
  static double tinyNetLoss(
      double[][] w1, double[] b1, double[] w2, double b2, double[] x, double target) {
    double h0 = Math.tanh(w1[0][0] * x[0] + w1[0][1] * x[1] + b1[0]);
    double h1 = Math.tanh(w1[1][0] * x[0] + w1[1][1] * x[1] + b1[1]);
    double h2 = Math.tanh(w1[2][0] * x[0] + w1[2][1] * x[1] + b1[2]);
    double out = w2[0] * h0 + w2[1] * h1 + w2[2] * h2 + b2;
    double error = out - target;
    return 0.5 * error * error;
  }

  /** Huber loss: quadratic near zero, linear beyond delta. */
  @Differentiable
  static double huberLoss(double prediction, double target, double delta) {
    double r = prediction - target;
    double a = Math.abs(r);
    return a <= delta ? 0.5 * r * r : delta * (a - 0.5 * delta);
  }

  /** A smooth maximum with sharpness k: log(e^{kx} + e^{ky}) / k, stabilised. */
  @Differentiable
  static double smoothMax(double x, double y, double k) {
    double m = Math.max(x, y);
    return m + Math.log(Math.exp(k * (x - m)) + Math.exp(k * (y - m))) / k;
  }

  @Differentiable
  static double cosineSimilarity(double[] a, double[] b) {
    double dot = a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    double normA = Math.sqrt(a[0] * a[0] + a[1] * a[1] + a[2] * a[2]);
    double normB = Math.sqrt(b[0] * b[0] + b[1] * b[1] + b[2] * b[2]);
    return dot / (normA * normB);
  }
}
