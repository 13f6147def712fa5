package dev.adjoint.runtime;

/** Adjoints of the array library calls that generated code supports. */
public final class Adjoints {
  private Adjoints() {}

  /**
   * Reverse of {@code System.arraycopy(src, sp, dst, dp, n)}: moves {@code dstBar[dp, dp + n)}
   * into {@code srcBar[sp, sp + n)} ({@code srcBar} null when the source is inactive) and clears
   * it. Overlapping ranges of one array go through the tape, as arraycopy goes through a
   * temporary.
   */
  public static void arraycopy(double[] srcBar, int sp, double[] dstBar, int dp, int n,
      Tape tape) {
    tape.pushRange(dstBar, dp, n);
    java.util.Arrays.fill(dstBar, dp, dp + n, 0.0);
    for (int k = n - 1; k >= 0; k--) {
      double moved = tape.popDouble();
      if (srcBar != null) {
        srcBar[sp + k] += moved;
      }
    }
  }

  /** Reverse of {@code Arrays.fill(a, from, to, v)}: returns Σ aBar[from, to) and clears it. */
  public static double fill(double[] aBar, int from, int to) {
    double sum = 0.0;
    for (int k = from; k < to; k++) {
      sum += aBar[k];
      aBar[k] = 0.0;
    }
    return sum;
  }

  /** Reverse of {@code b = a.clone()}: adds {@code bBar} into {@code aBar}. */
  public static void addInto(double[] aBar, double[] bBar) {
    for (int k = 0; k < bBar.length; k++) {
      aBar[k] += bBar[k];
    }
  }
}
