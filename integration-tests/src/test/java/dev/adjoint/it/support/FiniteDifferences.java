package dev.adjoint.it.support;

import java.util.function.ToDoubleFunction;

/** Central differences: a second, independent opinion with a loose tolerance only. */
public final class FiniteDifferences {
  private FiniteDifferences() {}

  /**
   * The gradient of {@code f} at {@code point} by central differences with step {@code 1e-6}
   * relative to each coordinate: truncation error O(h²) and rounding error O(ε/h), both around
   * 1e-10 relative for well-scaled smooth functions.
   */
  public static double[] gradient(ToDoubleFunction<double[]> f, double[] point) {
    double[] gradient = new double[point.length];
    for (int i = 0; i < point.length; i++) {
      double h = 1e-6 * Math.max(1, Math.abs(point[i]));
      double[] up = point.clone();
      double[] down = point.clone();
      up[i] += h;
      down[i] -= h;
      gradient[i] = (f.applyAsDouble(up) - f.applyAsDouble(down)) / (up[i] - down[i]);
    }
    return gradient;
  }
}
