package dev.adjoint.sample;

import dev.adjoint.Differentiable;

/**
 * A multi-layer perceptron 2 → h → h → 1 with tanh hidden layers and a logistic output, its
 * weights flattened into one {@code double[]} so that an optimizer can update them in place.
 *
 * <p>Layout of {@code w} for {@code h} hidden units: the first layer's weights {@code W1[j][i]}
 * at {@code 2 j + i} (j &lt; h, i &lt; 2), its biases at {@code 2h + j}; the second layer's
 * weights {@code W2[k][j]} at {@code 3h + k h + j}, its biases at {@code 3h + h² + k}; the
 * output weights at {@code 4h + h² + k} and the output bias last, at {@code 5h + h²}.
 *
 * <p>Adjoint generates {@code MlpDerivatives.lossPullback}: the mean logistic loss and its
 * gradient with respect to every weight in one reverse sweep over the whole dataset.
 */
public final class Mlp {
  private Mlp() {}

  /** Number of weights of the network with {@code hidden} units per hidden layer. */
  public static int parameterCount(int hidden) {
    return 5 * hidden + hidden * hidden + 1;
  }

  /**
   * Mean logistic loss (binary cross-entropy on the logit) of the network over the points
   * {@code (x0[p], x1[p])} with labels {@code label[p]} in {0, 1}.
   */
  @Differentiable(wrt = "w")
  public static double loss(double[] w, double[] x0, double[] x1, double[] label, int hidden) {
    double[] h1 = new double[hidden];
    double[] h2 = new double[hidden];
    int b1 = 2 * hidden;
    int w2 = 3 * hidden;
    int b2 = w2 + hidden * hidden;
    int w3 = b2 + hidden;
    int b3 = w3 + hidden;
    int n = x0.length;
    double total = 0.0;
    for (int p = 0; p < n; p++) {
      for (int j = 0; j < hidden; j++) {
        h1[j] = Math.tanh(w[2 * j] * x0[p] + w[2 * j + 1] * x1[p] + w[b1 + j]);
      }
      for (int k = 0; k < hidden; k++) {
        double a = w[b2 + k];
        for (int j = 0; j < hidden; j++) {
          a += w[w2 + k * hidden + j] * h1[j];
        }
        h2[k] = Math.tanh(a);
      }
      double z = w[b3];
      for (int k = 0; k < hidden; k++) {
        z += w[w3 + k] * h2[k];
      }
      // log(1 + exp(z)) - label z, written so that it never overflows
      total += Math.max(z, 0.0) - label[p] * z + Math.log1p(Math.exp(-Math.abs(z)));
    }
    return total / n;
  }

  /** The network's logit at (x0, x1): positive means class 1. Plain Java, not differentiated. */
  public static double logit(double[] w, double x0, double x1, int hidden) {
    double[] h1 = new double[hidden];
    int b1 = 2 * hidden;
    int w2 = 3 * hidden;
    int b2 = w2 + hidden * hidden;
    int w3 = b2 + hidden;
    int b3 = w3 + hidden;
    for (int j = 0; j < hidden; j++) {
      h1[j] = Math.tanh(w[2 * j] * x0 + w[2 * j + 1] * x1 + w[b1 + j]);
    }
    double z = w[b3];
    for (int k = 0; k < hidden; k++) {
      double a = w[b2 + k];
      for (int j = 0; j < hidden; j++) {
        a += w[w2 + k * hidden + j] * h1[j];
      }
      z += w[w3 + k] * Math.tanh(a);
    }
    return z;
  }
}
