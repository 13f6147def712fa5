package dev.adjoint.processor.fuzz;

import static org.junit.jupiter.api.Assertions.assertNull;

import org.hipparchus.analysis.differentiation.Gradient;
import org.junit.jupiter.api.Test;

/**
 * Programs worth keeping forever: fuzzer finds and hand-picked corner cases.
 *
 * <p><b>How to add one.</b> A failing {@link DifferentialFuzzTest} run prints the program's
 * full source. Paste it here as a text block (any class name; package {@code fuzz}), then
 * write its oracle: the same statements over Hipparchus {@link Gradient}s, with
 * {@code x0, x1, x2, a[0..3]} as the variables, branches on {@code getValue()}, and the
 * helpers below for the operations whose derivative the API fixes at ties ({@link #max},
 * {@link #min}, {@link #abs}) or that Hipparchus defines differently ({@link #rem} for Java's
 * {@code %}). {@link FuzzHarness#checkSource} compiles the source with Adjoint and compares
 * {@code fGradient} and {@code fPullback} with the oracle at random points (including exact
 * zeros and ties) with the fuzzer's tolerance.
 *
 * <p><b>Why source plus oracle, and not the generator's seed and index:</b> the generator is
 * meant to evolve (new features, new weights), and any change to it changes which program a
 * (seed, index) pair denotes; a source text and a hand-written oracle stay valid. (The oracle
 * computes values with Hipparchus' {@code FastMath}, not {@code java.lang.Math}; that is why
 * the comparison has a tolerance and why a regression should not sit exactly on a branch
 * boundary that rounding could move.)
 */
class FuzzRegressionTest {
  private static final int POINTS = 25;
  private static final long SEED = 42;

  /** Ties of max/min, abs at zero (inputs are sometimes exactly 0 or equal), % on doubles. */
  @Test
  void tiesAbsAndRemainder() {
    String source = """
        package fuzz;

        import dev.adjoint.Differentiable;

        final class Ties {
          @Differentiable
          static double f(double x0, double x1, double x2, double[] a, int n) {
            double d0 = Math.max(x0, x1) * Math.abs(x2);
            int k1 = (n + 1) % 4;
            double d2 = (x0 > x1 ? a[k1] : a[(k1 * 3) % a.length]) - Math.min(d0, a[0]);
            d2 *= 2 + Math.sin(d0);
            d0 = d0 % 1.5 + d2 / (1 + x2 * x2);
            return d0 * n - (-(n % 2)) + Math.hypot(d2, 1.0);
          }
        }
        """;
    check(source, (x0, x1, x2, a, n) -> {
      Gradient d0 = max(x0, x1).multiply(abs(x2));
      int k1 = (n + 1) % 4;
      Gradient d2 = (x0.getValue() > x1.getValue() ? a[k1] : a[(k1 * 3) % 4])
          .subtract(min(d0, a[0]));
      d2 = d2.multiply(d0.sin().add(2));
      d0 = rem(d0, 1.5).add(d2.divide(x2.multiply(x2).add(1)));
      return d0.multiply(n).add(n % 2).add(d2.hypot(constant(1.0)));
    });
  }

  /** Int-typed subexpressions in double context: int division, {@code -0} that is not -0.0. */
  @Test
  void intArithmeticInDoubleContext() {
    String source = """
        package fuzz;

        import dev.adjoint.Differentiable;

        final class IntPromotion {
          @Differentiable
          static double f(double x0, double x1, double x2, double[] a, int n) {
            int k0 = n * 3 % 5;
            double d1 = -(n % 2) + k0 / 2 + x0 * (k0 / 2.0);
            double d2 = Math.atan2(-(n / 8), 1.5) + a[k0 % a.length] * a[n % 4];
            d1 -= d2 * x1;
            d1 /= Math.exp(Math.sin(x2));
            return d1 * d2 + Math.fma(x0, x1, k0);
          }
        }
        """;
    check(source, (x0, x1, x2, a, n) -> {
      int k0 = n * 3 % 5;
      Gradient d1 = x0.multiply(k0 / 2.0).add(-(n % 2) + k0 / 2);
      Gradient d2 = a[k0 % 4].multiply(a[n % 4]).add(Math.atan2(-(n / 8), 1.5));
      d1 = d1.subtract(d2.multiply(x1));
      d1 = d1.divide(x2.sin().exp());
      return d1.multiply(d2).add(x0.multiply(x1).add(k0));
    });
  }

  /** Program 0 of the default fuzz run at level 0, pasted verbatim (dead store included). */
  @Test
  void fuzzLevel0Program0() {
    String source = """
        package fuzz;

        import dev.adjoint.Differentiable;

        final class Fuzz0 {
          @Differentiable
          static double f(double x0, double x1, double x2, double[] a, int n) {
            double d0 = x0;
            double d1 = (((((4 + 3) == n) ? d0 : a[(4 % a.length)]) * Math.acos((0.9 * Math.tanh(d0)))) + ((-0.25) / 4.0));
            d1 = Math.sin((d1 * Math.abs((d0 + x1))));
            double d2 = ((a.length != 1) ? (-(d0 % 1.5)) : (Math.cosh(x0) - (d1 / 2.0)));
            d1 = (d1 - (-Math.min(d1, 1.5)));
            double d3 = ((-(0.5 * 0)) / 4.0);
            return (d0 + ((Math.log1p((1.0 + (x0 * x0))) + d1) - d3));
          }
        }
        """;
    check(source, (x0, x1, x2, a, n) -> {
      Gradient d0 = x0;
      Gradient d1 = (7 == n ? d0 : a[0]).multiply(d0.tanh().multiply(0.9).acos())
          .add(-0.25 / 4.0);
      d1 = d1.multiply(abs(d0.add(x1))).sin();
      d1 = d1.add(min(d1, constant(1.5)));
      double d3 = -(0.5 * 0) / 4.0;
      return d0.add(x0.multiply(x0).add(1.0).log1p().add(d1).subtract(d3));
    });
  }

  /**
   * From seed 9090, program 13365 (reduced): a local array element cleared by the reverse of a
   * store, then a contribution at another index that may name the same element ({@code n % 4 ==
   * 0}), then one at the cleared element, which must add, not assign.
   */
  @Test
  void clearedElementAndAliasingIndex() {
    String source = """
        package fuzz;

        import dev.adjoint.Differentiable;

        final class AliasedElement {
          @Differentiable
          static double f(double x0, double x1, double x2, double[] a, int n) {
            double[] v = new double[4];
            v[0] = x0 * x1 + a[1];
            v[1] = x2;
            v[0] *= Math.sin((v[(n % 4)] * v[0]));
            return v[0] + v[1] * a[2];
          }
        }
        """;
    check(source, (x0, x1, x2, a, n) -> {
      Gradient[] v = {x0.multiply(x1).add(a[1]), x2, constant(0), constant(0)};
      v[0] = v[0].multiply(v[n % 4].multiply(v[0]).sin());
      return v[0].add(v[1].multiply(a[2]));
    });
  }

  /**
   * Seed 4242, program 13176: a for loop whose bound reads an element of an array that its body
   * writes. Taken for a counted loop, its reverse ran as many iterations as the bound allowed
   * after the loop, not as the forward loop ran.
   */
  @Test
  void boundReadsAnElementTheBodyWrites() {
    String source = """
        package fuzz;

        import dev.adjoint.Differentiable;

        final class ChangingBound {
          @Differentiable
          static double f(double x0, double x1, double x2, double[] a, int n) {
            double[] v = new double[4];
            v[0] = x0 * 0.1;
            double s = x1;
            for (int i = 0; i < (v[0] > 0.5 ? 1 : 3); i++) {
              s = s * Math.sin(s + x2);
              v[0] = v[0] + 0.3 + a[0] * 0.01;
            }
            return s + v[0] * a[1];
          }
        }
        """;
    check(source, (x0, x1, x2, a, n) -> {
      Gradient v0 = x0.multiply(0.1);
      Gradient s = x1;
      for (int i = 0; i < (v0.getValue() > 0.5 ? 1 : 3); i++) {
        s = s.multiply(s.add(x2).sin());
        v0 = v0.add(0.3).add(a[0].multiply(0.01));
      }
      return s.add(v0.multiply(a[1]));
    });
  }

  /**
   * Seed 31337, program 6904: a stretch of code with one active input (x0) that also reads d0,
   * assigned before it (before a local array, which ends the stretch before) and again under a
   * branch that was not taken. Counting d0 as defined by the
   * branch dropped its derivative; only what both sides of a branch define comes from the branch.
   */
  @Test
  void assignedOnOneSideOfABranchOnly() {
    String source = """
        package fuzz;

        import dev.adjoint.Differentiable;

        final class OneSided {
          @Differentiable
          static double f(double x0, double x1, double x2, double[] a, int n) {
            double d0 = a[0] * a[1];
            double[] v = new double[2];
            if (n > 100) {
              d0 = Math.atan(n);
            }
            return d0 * (d0 * 0.1) * Math.asin(0.9 * Math.tanh(x0)) + v[1];
          }
        }
        """;
    check(source, (x0, x1, x2, a, n) -> {
      Gradient d0 = a[0].multiply(a[1]);
      if (n > 100) {
        d0 = constant(Math.atan(n));
      }
      return d0.multiply(d0.multiply(0.1)).multiply(x0.tanh().multiply(0.9).asin()).add(0.0);
    });
  }

  // ---------------------------------------------------------------- helpers

  private static void check(String source, FuzzHarness.Oracle oracle) {
    String failure = FuzzHarness.checkSource(source, oracle, POINTS, SEED);
    assertNull(failure, failure);
  }

  private static Gradient constant(double value) {
    return Gradient.constant(GradientInterpreter.VARIABLES, value);
  }

  /** API.md: {@code max(a, b)} passes the adjoint to {@code a} when {@code a >= b}. */
  static Gradient max(Gradient a, Gradient b) {
    return a.getValue() >= b.getValue() ? a : b;
  }

  /** API.md: {@code min(a, b)} passes the adjoint to {@code a} when {@code a <= b}. */
  static Gradient min(Gradient a, Gradient b) {
    return a.getValue() <= b.getValue() ? a : b;
  }

  /** API.md: the derivative of {@code abs} at 0 is +1. */
  static Gradient abs(Gradient x) {
    return x.getValue() >= 0 ? x : x.negate();
  }

  /** Java's {@code x % c} for a constant {@code c} (Hipparchus' remainder rounds instead). */
  static Gradient rem(Gradient x, double c) {
    return new Gradient(x.getValue() % c, x.getGradient());
  }
}
