package dev.adjoint.runtime.special;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.hipparchus.distribution.continuous.NormalDistribution;
import org.hipparchus.special.Erf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Values against Hipparchus; rules against the closed-form derivatives and central differences. */
class SpecialFunctionsTest {
  private static final NormalDistribution NORMAL = new NormalDistribution(0, 1);

  static Stream<Arguments> points() {
    SplittableRandom random = new SplittableRandom(77);
    return Stream.generate(() -> Arguments.of(random.nextDouble(-6, 6))).limit(400);
  }

  private static void close(double expected, double actual, double relative, String what) {
    assertEquals(expected, actual, relative * Math.max(Math.abs(expected), Double.MIN_NORMAL),
        what);
  }

  @ParameterizedTest
  @MethodSource("points")
  void valuesMatchHipparchus(double x) {
    close(Erf.erf(x), SpecialFunctions.erf(x), 1e-14, "erf(" + x + ")");
    close(Erf.erfc(x), SpecialFunctions.erfc(x), 1e-13, "erfc(" + x + ")");
    close(NORMAL.cumulativeProbability(x), SpecialFunctions.normalCdf(x), 1e-13,
        "normalCdf(" + x + ")");
    close(NORMAL.density(x), SpecialFunctions.normalPdf(x), 1e-14, "normalPdf(" + x + ")");
  }

  @Test
  void tailsAndSpecialValues() {
    assertEquals(0.0, SpecialFunctions.erf(0.0));
    assertEquals(1.0, SpecialFunctions.erf(Double.POSITIVE_INFINITY));
    assertEquals(-1.0, SpecialFunctions.erf(Double.NEGATIVE_INFINITY));
    assertEquals(0.0, SpecialFunctions.erfc(Double.POSITIVE_INFINITY));
    assertEquals(2.0, SpecialFunctions.erfc(Double.NEGATIVE_INFINITY));
    assertEquals(Double.NaN, SpecialFunctions.erf(Double.NaN));
    // Far in the tail erfc keeps its relative accuracy (no 1 - erf cancellation).
    close(Erf.erfc(10), SpecialFunctions.erfc(10), 1e-12, "erfc(10)");
    close(NORMAL.cumulativeProbability(-20), SpecialFunctions.normalCdf(-20), 1e-12, "Φ(-20)");
  }

  @ParameterizedTest
  @MethodSource("points")
  void rulesAddSeedTimesTheDerivative(double x) {
    double seed = 1.75;
    double erfPrime = 2 / Math.sqrt(Math.PI) * Math.exp(-x * x);
    double phi = Math.exp(-x * x / 2) / Math.sqrt(2 * Math.PI);
    double[][] cases = {
      {SpecialFunctionRules.erfPullback(x, seed, cell(0.5)), Erf.erf(x), seed * erfPrime},
      {SpecialFunctionRules.erfcPullback(x, seed, cell(0.5)), Erf.erfc(x), -seed * erfPrime},
      {SpecialFunctionRules.normalCdfPullback(x, seed, cell(0.5)),
        NORMAL.cumulativeProbability(x), seed * phi},
      {SpecialFunctionRules.normalPdfPullback(x, seed, cell(0.5)), phi, -seed * x * phi},
    };
    double[][] accumulated = new double[4][];
    accumulated[0] = cell(0.5);
    SpecialFunctionRules.erfPullback(x, seed, accumulated[0]);
    accumulated[1] = cell(0.5);
    SpecialFunctionRules.erfcPullback(x, seed, accumulated[1]);
    accumulated[2] = cell(0.5);
    SpecialFunctionRules.normalCdfPullback(x, seed, accumulated[2]);
    accumulated[3] = cell(0.5);
    SpecialFunctionRules.normalPdfPullback(x, seed, accumulated[3]);
    for (int k = 0; k < 4; k++) {
      close(cases[k][1], cases[k][0], 1e-13, "value of rule " + k + " at " + x);
      // The rule adds to what the accumulator held (0.5).
      assertEquals(0.5 + cases[k][2], accumulated[k][0],
          1e-14 * Math.max(1, Math.abs(cases[k][2])), "rule " + k + " at " + x);
    }
  }

  @ParameterizedTest
  @MethodSource("points")
  void rulesAgreeWithCentralDifferences(double x) {
    double h = 1e-6;
    double[] dX = new double[1];
    SpecialFunctionRules.normalCdfPullback(x, 1.0, dX);
    double numeric = (SpecialFunctions.normalCdf(x + h) - SpecialFunctions.normalCdf(x - h)) / (2 * h);
    assertEquals(numeric, dX[0], 1e-8, "Φ' at " + x);
    dX[0] = 0;
    SpecialFunctionRules.erfPullback(x, 1.0, dX);
    numeric = (SpecialFunctions.erf(x + h) - SpecialFunctions.erf(x - h)) / (2 * h);
    assertEquals(numeric, dX[0], 1e-8, "erf' at " + x);
  }

  private static double[] cell(double value) {
    return new double[] {value};
  }
}
