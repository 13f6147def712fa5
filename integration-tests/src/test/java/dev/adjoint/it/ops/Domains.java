package dev.adjoint.it.ops;

import dev.adjoint.it.support.Points;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** Point sets for the operator and function tests, named after the domain they cover. */
final class Domains {
  private Domains() {}

  static Stream<Arguments> reals() {
    return Points.draw(21, r -> new Object[] {r.nextDouble(-5, 5)});
  }

  static Stream<Arguments> nonzeroReals() {
    return Points.draw(22, r -> new Object[] {awayFromZero(r, 1e-3, 5)});
  }

  static Stream<Arguments> positive() {
    return Points.draw(23, r -> new Object[] {r.nextDouble(0.01, 10)});
  }

  /** Inside (-1, 1), where asin and acos are differentiable. */
  static Stream<Arguments> openUnit() {
    return Points.draw(24, r -> new Object[] {r.nextDouble(-0.99, 0.99)});
  }

  /** Away from the poles of tan at ±π/2. */
  static Stream<Arguments> tanDomain() {
    return Points.draw(25, r -> new Object[] {r.nextDouble(-1.4, 1.4)});
  }

  static Stream<Arguments> aboveMinusOne() {
    return Points.draw(26, r -> new Object[] {r.nextDouble(-0.9, 10)});
  }

  /** At least 1e-6 away from every multiple of 1/2: floor, ceil, rint, round are flat there. */
  static Stream<Arguments> awayFromHalves() {
    return Points.draw(27, r -> new Object[] {Points.awayFromMultiples(r, -5, 5, 0.5, 1e-6)});
  }

  /** 3x at least 1e-6 away from a multiple of 1/2. */
  static Stream<Arguments> awayFromSixths() {
    return Points.draw(28, r -> new Object[] {Points.awayFromMultiples(r, -5, 5, 1.0 / 6, 1e-6)});
  }

  static Stream<Arguments> pairs() {
    return Points.draw(29, r -> new Object[] {r.nextDouble(-3, 3), r.nextDouble(-3, 3)});
  }

  /** x > 0 for pow(x, y). */
  static Stream<Arguments> positiveBase() {
    return Points.draw(30, r -> new Object[] {r.nextDouble(0.1, 5), r.nextDouble(-3, 3)});
  }

  /** No ties: max and min are differentiable. */
  static Stream<Arguments> distinctPairs() {
    return Points.draw(
        31,
        r -> {
          double[] pair = Points.distinctPair(r, -3, 3, 1e-3);
          return new Object[] {pair[0], pair[1]};
        });
  }

  static Stream<Arguments> positivePairs() {
    return Points.draw(
        32,
        r -> {
          double[] pair = Points.distinctPair(r, 0.01, 10, 1e-3);
          return new Object[] {pair[0], pair[1]};
        });
  }

  static Stream<Arguments> triples() {
    return Points.draw(
        33, r -> new Object[] {r.nextDouble(-3, 3), r.nextDouble(-3, 3), r.nextDouble(-3, 3)});
  }

  static Stream<Arguments> halvesAndInt() {
    return Points.draw(
        34, r -> new Object[] {Points.awayFromMultiples(r, -5, 5, 0.5, 1e-6), r.nextInt(-6, 7)});
  }

  static Stream<Arguments> smallPairs() {
    return Points.draw(35, r -> new Object[] {r.nextDouble(-2, 2), r.nextDouble(-2, 2)});
  }

  static double awayFromZero(SplittableRandom r, double min, double max) {
    double magnitude = r.nextDouble(min, max);
    return r.nextBoolean() ? magnitude : -magnitude;
  }
}
