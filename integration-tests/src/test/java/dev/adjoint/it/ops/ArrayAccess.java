package dev.adjoint.it.ops;

import dev.adjoint.Differentiable;

/** Reading {@code double[]} and {@code double[][]} parameters: elements and lengths. */
final class ArrayAccess {
  private ArrayAccess() {}

  @Differentiable
  static double vectorElements(double[] a) {
    return a[0] * a[1] + a[2] / a.length;
  }

  /** Indices computed with integer arithmetic from an int parameter and the length. */
  @Differentiable
  static double computedIndices(double[] a, int i) {
    int last = a.length - 1;
    int j = (i + 1) % a.length;
    return a[i] * a[j] - a[last] * a[last - i];
  }

  /** The same element read more than once, plus one element never read (zero gradient). */
  @Differentiable
  static double repeatedElement(double[] a, double x) {
    return a[1] * a[1] * x + Math.sin(a[1]) + a[0];
  }

  @Differentiable
  static double matrixElements(double[][] m) {
    return m[0][0] * m[1][1] - m[0][1] * m[1][0] + m.length * m[1][2];
  }

  /** A jagged matrix: row lengths read through {@code m[i].length}. */
  @Differentiable
  static double jaggedMatrix(double[][] m, double x) {
    int rows = m.length;
    int lastOfRow1 = m[1].length - 1;
    return m[0][0] * x + m[1][lastOfRow1] * rows + m[rows - 1][m[rows - 1].length - 1] / x;
  }

  @Differentiable
  static double mixed(double x, double[] v, double[][] m, int k) {
    return m[k][0] * v[k] + x * v[0] + m[1][k] * x * x;
  }
}
