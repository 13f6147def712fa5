package dev.adjoint.it.support;

import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** Seeded random evaluation points for {@code @MethodSource} factories. */
public final class Points {
  /** Points drawn per parameterized test. */
  public static final int COUNT = 200;

  private Points() {}

  /**
   * {@link #COUNT} points, each one call of {@code point}; the same seed always yields the same
   * points, so a failure reproduces.
   */
  public static Stream<Arguments> draw(long seed, Function<SplittableRandom, Object[]> point) {
    SplittableRandom random = new SplittableRandom(seed);
    return IntStream.range(0, COUNT).mapToObj(i -> Arguments.of(point.apply(random)));
  }

  public static double[] uniform(SplittableRandom random, int n, double lo, double hi) {
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] = random.nextDouble(lo, hi);
    }
    return values;
  }

  public static double[][] uniform(
      SplittableRandom random, int rows, int cols, double lo, double hi) {
    double[][] values = new double[rows][];
    for (int i = 0; i < rows; i++) {
      values[i] = uniform(random, cols, lo, hi);
    }
    return values;
  }

  /**
   * A value in {@code [lo, hi)} at least {@code margin} away from every integer multiple of {@code
   * step}: keeps piecewise functions ({@code floor}, {@code %}, {@code (int)} casts) away from
   * their jumps.
   */
  public static double awayFromMultiples(
      SplittableRandom random, double lo, double hi, double step, double margin) {
    while (true) {
      double x = random.nextDouble(lo, hi);
      double q = x / step;
      if (Math.abs(q - Math.rint(q)) * Math.abs(step) > margin) {
        return x;
      }
    }
  }

  /** A pair {@code (a, b)} in {@code [lo, hi)} with {@code |a - b| > margin}: no ties. */
  public static double[] distinctPair(
      SplittableRandom random, double lo, double hi, double margin) {
    while (true) {
      double a = random.nextDouble(lo, hi);
      double b = random.nextDouble(lo, hi);
      if (Math.abs(a - b) > margin) {
        return new double[] {a, b};
      }
    }
  }
}
