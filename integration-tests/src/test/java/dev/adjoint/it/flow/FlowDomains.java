package dev.adjoint.it.flow;

import dev.adjoint.it.support.Points;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** Point sets and small helpers shared by the control-flow tests. */
final class FlowDomains {
  /** Fewer points for the expensive kernels (1000-step integrations). */
  static final int FEW = 50;

  private FlowDomains() {}

  /** Like {@link Points#draw} but redraws a point until {@code accept} holds. */
  static Stream<Arguments> drawWhere(
      long seed, Function<SplittableRandom, Object[]> point, Predicate<Object[]> accept) {
    return Points.draw(
        seed,
        r -> {
          while (true) {
            Object[] candidate = point.apply(r);
            if (accept.test(candidate)) {
              return candidate;
            }
          }
        });
  }

  /**
   * True when {@code a} and {@code b} differ by more than 1e-3: keeps the points off branch
   * boundaries, where the plain method and the oracle could disagree about the branch (their
   * rounding differs in the last bit) and where the derivative jumps.
   */
  static boolean apart(double a, double b) {
    return Math.abs(a - b) > 1e-3;
  }

  /** Strictly increasing knots starting at {@code start} with gaps in {@code [minGap, maxGap)}. */
  static double[] increasing(
      SplittableRandom r, int n, double start, double minGap, double maxGap) {
    double[] knots = new double[n];
    knots[0] = start;
    for (int i = 1; i < n; i++) {
      knots[i] = knots[i - 1] + r.nextDouble(minGap, maxGap);
    }
    return knots;
  }

  /** A jagged matrix with {@code rows} rows of length {@code 1..maxCols}, entries in [lo, hi). */
  static double[][] jagged(SplittableRandom r, int rows, int maxCols, double lo, double hi) {
    double[][] m = new double[rows][];
    for (int i = 0; i < rows; i++) {
      m[i] = Points.uniform(r, 1 + r.nextInt(maxCols), lo, hi);
    }
    return m;
  }

  /** Number of scalars in a (possibly jagged) matrix. */
  static int size(double[][] m) {
    int n = 0;
    for (double[] row : m) {
      n += row.length;
    }
    return n;
  }
}
