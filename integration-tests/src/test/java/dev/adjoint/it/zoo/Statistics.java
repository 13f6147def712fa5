package dev.adjoint.it.zoo;

import dev.adjoint.Differentiable;

/** Densities, special functions, test functions and small linear algebra. */
final class Statistics {
  static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

  private Statistics() {}

  /** log N(x; μ, σ²). */
  @Differentiable
  static double gaussianLogDensity(double x, double mu, double sigma) {
    double z = (x - mu) / sigma;
    return -0.5 * z * z - Math.log(sigma) - LOG_SQRT_2PI;
  }

  /** The Rosenbrock function in four dimensions, indices spelled out. */
  @Differentiable
  static double rosenbrock(double[] x) {
    double total = 100 * Math.pow(x[1] - x[0] * x[0], 2) + Math.pow(1 - x[0], 2);
    total += 100 * (x[2] - x[1] * x[1]) * (x[2] - x[1] * x[1]) + (1 - x[1]) * (1 - x[1]);
    int i = 2;
    double next = x[i + 1] - x[i] * x[i];
    total += 100 * next * next + (1 - x[i]) * (1 - x[i]);
    return total;
  }

  /**
   * The Beta function B(a, b) through Stirling's approximation of log Γ:
   *
   * <pre>log B ≈ ½ log 2π + (a - ½) log a + (b - ½) log b - (a + b - ½) log(a + b)</pre>
   */
  @Differentiable
  static double betaStirling(double a, double b) {
    double logBeta = LOG_SQRT_2PI + (a - 0.5) * Math.log(a) + (b - 0.5) * Math.log(b);
    logBeta -= (a + b - 0.5) * Math.log(a + b);
    return Math.exp(logBeta);
  }

  /**
   * Negative log-likelihood of a residual r under a 2×2 covariance, through its Cholesky factor L
   * (read from the lower triangle only): ½|L⁻¹r|² + log det L + log 2π.
   */
  @Differentiable
  static double gaussianNll2d(double[][] cov, double[] r) {
    int n = cov.length;
    double l00 = Math.sqrt(cov[0][0]);
    double l10 = cov[1][0] / l00;
    double l11 = Math.sqrt(cov[1][1] - l10 * l10);
    double y0 = r[0] / l00;
    double y1 = (r[1] - l10 * y0) / l11;
    return 0.5 * (y0 * y0 + y1 * y1) + Math.log(l00) + Math.log(l11) + n * LOG_SQRT_2PI;
  }

  /** Bilinear interpolation on a grid with unit spacing; x, y select the cell through casts. */
  @Differentiable
  static double bilinear(double[][] grid, double x, double y) {
    int i = (int) x;
    int j = (int) y;
    double fx = x - i;
    double fy = y - j;
    double top = grid[i][j] * (1 - fx) + grid[i + 1][j] * fx;
    double bottom = grid[i][j + 1] * (1 - fx) + grid[i + 1][j + 1] * fx;
    return top * (1 - fy) + bottom * fy;
  }
}
