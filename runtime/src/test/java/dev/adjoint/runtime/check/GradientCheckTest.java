package dev.adjoint.runtime.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.runtime.Objective;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class GradientCheckTest {
  /** A smooth function of mixed scale: Σ sin(x_i)·exp(x_{i+1}/10) + x_i³ / 100 + 10·x_0². */
  private static double smooth(double[] x, double[] g, int brokenIndex, double error) {
    int n = x.length;
    java.util.Arrays.fill(g, 0);
    double f = 10 * x[0] * x[0];
    g[0] += 20 * x[0];
    for (int i = 0; i < n; i++) {
      double next = x[(i + 1) % n];
      double e = Math.exp(next / 10);
      f += Math.sin(x[i]) * e + x[i] * x[i] * x[i] / 100;
      g[i] += Math.cos(x[i]) * e + 3 * x[i] * x[i] / 100;
      g[(i + 1) % n] += Math.sin(x[i]) * e / 10;
    }
    if (brokenIndex >= 0) {
      g[brokenIndex] += error;
    }
    return f;
  }

  static LongStream seeds() {
    return LongStream.range(0, 30).map(i -> 4242 + i);
  }

  private static double[] randomPoint(SplittableRandom random) {
    int n = 1 + random.nextInt(12);
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      // Mixed magnitudes: the step must scale with |x_i|.
      x[i] = random.nextDouble(-3, 3) * (random.nextBoolean() ? 1 : 10);
    }
    return x;
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void aCorrectGradientPasses(long seed) {
    double[] x = randomPoint(new SplittableRandom(seed));
    double[] copy = x.clone();
    Objective f = (p, g) -> smooth(p, g, -1, 0);
    GradientCheck.Result result = GradientCheck.assertGradient(f, x, 1e-6);
    assertTrue(result.relativeError() < 1e-6, result.message());
    assertArrayEquals(copy, x, "x is not modified");
    double[] g = new double[x.length];
    assertEquals(f.valueAndGradient(x, g), result.value());
    assertArrayEquals(g, result.analyticGradient());
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void aWrongComponentIsFoundAndReported(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] x = randomPoint(random);
    int broken = random.nextInt(x.length);
    double error = (random.nextBoolean() ? 1 : -1) * random.nextDouble(1e-3, 1);
    Objective f = (p, g) -> smooth(p, g, broken, error);
    Objective correct = (p, g) -> smooth(p, g, -1, 0);
    double[] trueGradient = new double[x.length];
    correct.valueAndGradient(x, trueGradient);

    GradientCheck.Result result = GradientCheck.check(f, x);
    assertEquals(broken, result.worstIndex());
    assertEquals(trueGradient[broken] + error, result.analytic());
    double scale = Math.max(1, Math.abs(trueGradient[broken]));
    assertEquals(trueGradient[broken], result.numeric(), 1e-7 * scale);
    double expectedError =
        Math.abs(error) / Math.max(Math.max(Math.abs(result.analytic()), Math.abs(result.numeric())), 1);
    assertEquals(expectedError, result.relativeError(), 1e-6 * expectedError);
    assertTrue(!result.passes(1e-6));

    AssertionError failure = assertThrows(AssertionError.class, () -> GradientCheck.assertGradient(f, x, 1e-6));
    String message = failure.getMessage();
    assertTrue(message.contains("worst component " + broken + " of " + x.length), message);
    assertTrue(
        message.contains(String.format(java.util.Locale.ROOT, "analytic %.10g", result.analytic())), message);
    assertTrue(message.contains("exceeds tolerance 1.000e-06"), message);
    AssertionError byDefault = assertThrows(AssertionError.class, () -> GradientCheck.assertGradient(f, x));
    assertEquals(message, byDefault.getMessage());
  }

  @Test
  void messageReadsWell() {
    Objective f = (p, g) -> {
      g[0] = 2 * p[0];
      g[1] = 3; // should be 2·p[1] = 4
      return p[0] * p[0] + p[1] * p[1];
    };
    GradientCheck.Result result = GradientCheck.check(f, new double[] {1, 2});
    assertEquals(1, result.worstIndex());
    assertEquals(3.0, result.analytic());
    assertEquals(4.0, result.numeric(), 1e-8);
    assertTrue(
        result.message().startsWith(
            "gradient check: worst component 1 of 2: analytic 3.000000000, central difference 4.000000000"),
        result.message());
    assertTrue(result.message().endsWith("relative error 2.500e-01"), result.message());
  }

  @Test
  void aNaNDerivativeIsTheWorstPossible() {
    Objective f = (p, g) -> {
      g[0] = 1;
      g[1] = Double.NaN;
      g[2] = 7; // also wrong, but finite
      return p[0] + p[1] + p[2];
    };
    GradientCheck.Result result = GradientCheck.check(f, new double[] {0, 0, 0});
    assertEquals(1, result.worstIndex());
    assertEquals(Double.POSITIVE_INFINITY, result.relativeError());
    assertThrows(AssertionError.class, () -> GradientCheck.assertGradient(f, new double[3], 1e3));
  }

  @Test
  void badArgumentsAreNamed() {
    Objective f = (p, g) -> 0;
    assertMessage("objective", () -> GradientCheck.check(null, new double[1]));
    assertMessage("x must be a non-empty array", () -> GradientCheck.check(f, new double[0]));
    assertMessage("x must be a non-empty array", () -> GradientCheck.check(f, null));
    assertMessage("x[1] is NaN", () -> GradientCheck.check(f, new double[] {0, Double.NaN}));
    assertMessage("objective value at x is Infinity", () -> GradientCheck.check((p, g) -> Double.POSITIVE_INFINITY, new double[1]));
    assertMessage("tolerance", () -> GradientCheck.assertGradient(f, new double[1], -1));
    assertMessage("tolerance", () -> GradientCheck.assertGradient(f, new double[1], Double.NaN));
  }

  private static void assertMessage(String prefix, org.junit.jupiter.api.function.Executable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertTrue(e.getMessage().startsWith(prefix), e.getMessage());
  }
}
