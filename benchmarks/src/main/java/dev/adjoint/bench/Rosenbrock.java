package dev.adjoint.bench;

import dev.adjoint.Differentiable;
import org.hipparchus.analysis.differentiation.Gradient;

/**
 * Workload: the extended Rosenbrock function {@code sum_{i<n-1} 100 (x[i+1] - x[i]^2)^2 + (1 -
 * x[i])^2}, a loop over {@code double[] x} whose length n is the benchmark parameter (10, 100,
 * 1,000), so the number of active inputs is n. Three forms of the same function: the {@code
 * @Differentiable} primal, a hand-written adjoint and a Hipparchus forward-mode version.
 */
public final class Rosenbrock {
  private Rosenbrock() {}

  /** pullback / primal goal for this workload (issue: loops). */
  public static final double PRIMAL_GOAL = 4.0;

  /** pullback / handAdjoint goal for this workload (issue: loops). */
  public static final double HAND_GOAL = 1.5;

  /** The extended Rosenbrock function. */
  @Differentiable
  public static double f(double[] x) {
    double s = 0.0;
    for (int i = 0; i < x.length - 1; i++) {
      double a = x[i + 1] - x[i] * x[i];
      double b = 1.0 - x[i];
      s += 100.0 * a * a + b * b;
    }
    return s;
  }

  /**
   * Hand-written adjoint of {@link #f}: every term depends on x[i] and x[i+1] only, so its local
   * partials are added as soon as the term is formed, in the same single pass (no second sweep, no
   * storage). Adds {@code seed} times the gradient into {@code dx}, allocates nothing, returns
   * {@code f(x)}.
   */
  public static double fAdjoint(double[] x, double seed, double[] dx) {
    double s = 0.0;
    int n = x.length;
    for (int i = 0; i < n - 1; i++) {
      double xi = x[i];
      double a = x[i + 1] - xi * xi;
      double b = 1.0 - xi;
      s += 100.0 * a * a + b * b;
      double aBar = seed * 200.0 * a;
      dx[i] += -2.0 * xi * aBar - 2.0 * seed * b;
      dx[i + 1] += aBar;
    }
    return s;
  }

  /** {@link #f} in Hipparchus forward mode: value and the n-component gradient. */
  public static Gradient fHipparchus(double[] x) {
    int n = x.length;
    Gradient s = Gradient.constant(n, 0.0);
    Gradient next = Gradient.variable(n, 0, x[0]);
    for (int i = 0; i < n - 1; i++) {
      Gradient xi = next;
      next = Gradient.variable(n, i + 1, x[i + 1]);
      Gradient a = next.subtract(xi.multiply(xi));
      Gradient b = xi.negate().add(1.0);
      s = s.add(a.multiply(a).multiply(100.0)).add(b.multiply(b));
    }
    return s;
  }
}
