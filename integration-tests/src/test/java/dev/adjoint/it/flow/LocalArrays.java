package dev.adjoint.it.flow;

import dev.adjoint.Differentiable;
import java.util.Arrays;

/**
 * Local arrays: {@code new double[n]}, {@code new double[n][m]}, initialisers, {@code .length},
 * elements written, overwritten and read back, {@code System.arraycopy}, {@code Arrays.fill} and
 * {@code clone()}. Parameter arrays are only read (writing them is a compile error).
 */
final class LocalArrays {
  private LocalArrays() {}

  /** A local vector filled in one loop and read in another, in a different order. */
  @Differentiable
  static double newVector(double x, int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = Math.pow(x, i) / (i + 1);
    }
    double s = 0;
    for (int i = 0; i < v.length; i++) {
      s += v[i] * v[n - 1 - i];
    }
    return s;
  }

  /** Elements never written stay 0 and carry no derivative. */
  @Differentiable
  static double partlyWritten(double x, double y) {
    double[] v = new double[5];
    v[1] = x * y;
    v[3] = Math.sin(x);
    double s = 0;
    for (double e : v) {
      s = s * 2 + e;
    }
    return s + v[0] * x;
  }

  @Differentiable
  static double newMatrix(double x, double y, int rows, int cols) {
    double[][] g = new double[rows][cols];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        g[i][j] = x * i + y * j + x * y;
      }
    }
    double s = 0;
    for (int i = 0; i < g.length; i++) {
      for (int j = 0; j < g[i].length; j++) {
        s += g[i][j] * g[rows - 1 - i][j];
      }
    }
    return s;
  }

  /** A matrix whose rows are built from the previous row (Pascal-like recurrence). */
  @Differentiable
  static double matrixRecurrence(double x, double y, int n) {
    double[][] g = new double[n][n];
    for (int j = 0; j < n; j++) {
      g[0][j] = x + j;
    }
    for (int i = 1; i < n; i++) {
      g[i][0] = y * g[i - 1][0];
      for (int j = 1; j < n; j++) {
        g[i][j] = 0.5 * (g[i - 1][j] + g[i][j - 1]);
      }
    }
    return g[n - 1][n - 1];
  }

  @Differentiable
  static double initializer(double x, double y) {
    double[] v = {x, 2 * y, x * y, Math.exp(-x)};
    return v[0] * v[1] + v[2] * v[2] - v[3] * v.length;
  }

  /** An initialiser mixing parameter-array elements, scalars and computed values. */
  @Differentiable
  static double initializerFromParameter(double[] a, double x) {
    double[] v = {a[0], x, a[a.length - 1] * x, a.length};
    double s = 0;
    for (int i = 0; i < v.length; i++) {
      s += v[i] * v[(i + 1) % v.length];
    }
    return s;
  }

  /** An initialiser whose elements are then overwritten and read in a loop. */
  @Differentiable
  static double initializerOverwritten(double x, double y) {
    double[] v = {x, y, x * y};
    for (int k = 0; k < 3; k++) {
      for (int i = 0; i < v.length; i++) {
        v[i] = v[i] * v[(i + 1) % v.length] + 0.1;
      }
    }
    return v[0] + v[1] - v[2];
  }

  /** Local and parameter lengths decide the loops and enter the arithmetic. */
  @Differentiable
  static double lengths(double[] a, double[][] m) {
    double[] w = new double[a.length + m.length];
    for (int i = 0; i < a.length; i++) {
      w[i] = a[i] * a.length;
    }
    for (int i = 0; i < m.length; i++) {
      w[a.length + i] = m[i][m[i].length - 1] + m[i].length;
    }
    double s = 0;
    for (int i = 0; i < w.length; i++) {
      s += w[i] * (i + 1);
    }
    return s / w.length;
  }

  /** v[i] = v[i] * 0.5 + v[i - 1]: each element overwritten from its new left neighbour. */
  @Differentiable
  static double overwriteElements(double[] a, int sweeps) {
    double[] v = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      v[i] = a[i];
    }
    for (int s = 0; s < sweeps; s++) {
      for (int i = 1; i < v.length; i++) {
        v[i] = v[i] * 0.5 + v[i - 1];
      }
      v[0] = Math.sin(v[v.length - 1]);
    }
    double out = 0;
    for (double e : v) {
      out += e * e;
    }
    return out;
  }

  /** Compound assignments on elements, including ++ and --. */
  @Differentiable
  static double compoundElements(double x, double y) {
    double[] v = new double[3];
    v[0] += x;
    v[0] *= y;
    v[1] = x;
    v[1]++;
    v[1] /= y;
    v[2] = y;
    v[2]--;
    v[2] -= v[0];
    return v[0] * v[1] * v[2];
  }

  /** A swap of two elements inside a loop. */
  @Differentiable
  static double swapElements(double x, double y, int n) {
    double[] v = {x, y};
    for (int i = 0; i < n; i++) {
      double t = v[0];
      v[0] = v[1];
      v[1] = t * v[0] + 0.25;
    }
    return v[0] - v[1] * 0.5;
  }

  /** System.arraycopy from a parameter into a local array, at an offset. */
  @Differentiable
  static double arraycopyFromParameter(double[] a, double x) {
    double[] b = new double[a.length + 2];
    System.arraycopy(a, 0, b, 1, a.length);
    b[0] = x;
    b[b.length - 1] = x * x;
    double s = 0;
    for (int i = 1; i < b.length; i++) {
      s += b[i] * b[i - 1];
    }
    return s;
  }

  /** Overlapping copy inside one local array (shift right by one), then the old values gone. */
  @Differentiable
  static double arraycopyOverlapping(double[] a, double x) {
    double[] b = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      b[i] = a[i] * x;
    }
    System.arraycopy(b, 0, b, 1, b.length - 1);
    b[0] = Math.cos(x);
    double s = 0;
    for (int i = 0; i < b.length; i++) {
      s += b[i] * (i + 1) * b[i];
    }
    return s;
  }

  /** Copying between two local arrays, then overwriting the source: the copy keeps old values. */
  @Differentiable
  static double arraycopyBetweenLocals(double x, double y) {
    double[] src = {x, y, x * y, x - y};
    double[] dst = new double[3];
    System.arraycopy(src, 1, dst, 0, 3);
    src[1] = 100 * x;
    src[2] = 0;
    return dst[0] * dst[1] + dst[2] + src[1] * src[0];
  }

  @Differentiable
  static double fill(double x, int n) {
    double[] v = new double[n];
    Arrays.fill(v, x * x);
    v[0] = x;
    double s = 0;
    for (double e : v) {
      s = s * 0.5 + e;
    }
    return s;
  }

  /** Arrays.fill over a range, overwriting active values with another active value. */
  @Differentiable
  static double fillRange(double x, double y) {
    double[] v = {x, y, x * y, x + y, y * y};
    Arrays.fill(v, 1, 3, Math.sin(x));
    return v[0] * v[1] + v[2] * v[3] + v[4];
  }

  /** clone() of a parameter array: the copy is local and may be written. */
  @Differentiable
  static double cloneParameter(double[] a) {
    double[] b = a.clone();
    for (int i = 1; i < b.length; i++) {
      b[i] += b[i - 1] * a[i];
    }
    b[0] = b[0] * b[0];
    double s = 0;
    for (double e : b) {
      s += e;
    }
    return s + a[0];
  }

  /** clone() of a local array: the two evolve independently afterwards. */
  @Differentiable
  static double cloneLocal(double x, double y) {
    double[] v = {x, y, x * y};
    double[] w = v.clone();
    w[0] = 3 * w[0];
    v[1] = v[1] * v[2];
    return v[0] * w[1] + v[1] * w[0] + w[2];
  }

  /** A row of a matrix parameter copied into a local array with System.arraycopy. */
  @Differentiable
  static double copyRow(double[][] m, int r) {
    double[] row = new double[m[r].length];
    System.arraycopy(m[r], 0, row, 0, row.length);
    for (int j = 0; j < row.length; j++) {
      row[j] = row[j] * row[j] + m[0][j];
    }
    double s = 0;
    for (double e : row) {
      s += Math.exp(-e);
    }
    return s;
  }

  /** Reads of a double[][] parameter anywhere, the row index computed from the data. */
  @Differentiable
  static double matrixReadsAnywhere(double[][] m, double[] v) {
    double s = 0;
    for (int i = 0; i < m.length; i++) {
      int k = v[i % v.length] > 0 ? m[i].length - 1 : 0;
      s += m[i][k] * v[i % v.length];
      s += m[m.length - 1 - i][0] * m[i][0];
    }
    return s;
  }

  /**
   * The store's index is computed from the array it stores into (found by the fuzzer): the
   * reverse sweep cannot recompute it after the store, so it must keep it.
   */
  @Differentiable
  static double indexFromOwnArray(double[] a, double x) {
    double[] v = new double[3];
    for (int k = 0; k < 6; k++) {
      v[v[0] >= x * v[k % 3] ? k % 3 : 2] = Math.cos(v[1] + a[k % a.length] * x);
    }
    return v[0] + v[1] * v[2];
  }
}
