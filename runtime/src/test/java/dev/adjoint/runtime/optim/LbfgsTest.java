package dev.adjoint.runtime.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.runtime.Objective;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.PointValuePair;
import org.hipparchus.optim.SimpleValueChecker;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunctionGradient;
import org.hipparchus.optim.nonlinear.scalar.gradient.NonLinearConjugateGradientOptimizer;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresBuilder;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresOptimizer;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LevenbergMarquardtOptimizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** L-BFGS against known optima and Hipparchus (conjugate gradients, Levenberg–Marquardt). */
class LbfgsTest {

  /** Hipparchus' nonlinear conjugate gradient (Polak–Ribière) on the same objective. */
  private static double[] hipparchusConjugateGradient(Objective objective, double[] start) {
    int n = start.length;
    NonLinearConjugateGradientOptimizer cg =
        new NonLinearConjugateGradientOptimizer(
            NonLinearConjugateGradientOptimizer.Formula.POLAK_RIBIERE,
            new SimpleValueChecker(1e-15, 1e-15));
    PointValuePair optimum =
        cg.optimize(
            new MaxEval(1_000_000),
            new ObjectiveFunction(x -> objective.valueAndGradient(x, new double[n])),
            new ObjectiveFunctionGradient(
                x -> {
                  double[] g = new double[n];
                  objective.valueAndGradient(x, g);
                  return g;
                }),
            GoalType.MINIMIZE,
            new InitialGuess(start));
    return optimum.getPoint();
  }

  private static void assertConsistent(Objective objective, Lbfgs.Result result) {
    // The reported value and gradient norm belong to the reported solution.
    double[] g = new double[result.solution().length];
    assertEquals(objective.valueAndGradient(result.solution(), g), result.value());
    double norm = 0;
    for (double v : g) {
      norm += v * v;
    }
    assertEquals(Math.sqrt(norm), result.gradientNorm(), 1e-12 * Math.max(1, result.gradientNorm()));
  }

  @ParameterizedTest(name = "n = {0}")
  @ValueSource(ints = {2, 10, 100})
  void extendedRosenbrockFromTheStandardStartMatchesHipparchusAndTheKnownOptimum(int n) {
    double[] start = TestProblems.rosenbrockStart(n);
    Lbfgs.Result result =
        Lbfgs.builder().gradientTolerance(1e-10).functionTolerance(0).build()
            .minimize(TestProblems.EXTENDED_ROSENBROCK, start);
    assertEquals(Lbfgs.StopReason.GRADIENT_TOLERANCE, result.reason(), result.toString());
    assertTrue(result.reason().converged());
    assertConsistent(TestProblems.EXTENDED_ROSENBROCK, result);
    double[] peer = hipparchusConjugateGradient(TestProblems.EXTENDED_ROSENBROCK, start);
    for (int i = 0; i < n; i++) {
      assertEquals(1.0, result.solution()[i], 1e-8, "known optimum, component " + i);
      assertEquals(peer[i], result.solution()[i], 1e-6, "Hipparchus CG, component " + i);
    }
    assertTrue(result.value() < 1e-18, "value " + result.value());
    assertEquals(-1.2, start[0], "start is not modified");
  }

  private static double[] levenbergMarquardt(double[] t, double[] y, double[] start) {
    LeastSquaresOptimizer.Optimum optimum =
        new LevenbergMarquardtOptimizer()
            .withCostRelativeTolerance(1e-15)
            .withParameterRelativeTolerance(1e-15)
            .optimize(
                new LeastSquaresBuilder()
                    .start(start)
                    .target(y)
                    .model(
                        p -> {
                          double[] model = new double[t.length];
                          for (int j = 0; j < t.length; j++) {
                            model[j] = TestProblems.exponentialDecay(p, t[j]);
                          }
                          return model;
                        },
                        p -> {
                          double[][] jacobian = new double[t.length][3];
                          for (int j = 0; j < t.length; j++) {
                            double e = Math.exp(-p[1] * t[j]);
                            jacobian[j][0] = e;
                            jacobian[j][1] = -p[0] * t[j] * e;
                            jacobian[j][2] = 1;
                          }
                          return jacobian;
                        })
                    .maxEvaluations(100_000)
                    .maxIterations(100_000)
                    .build());
    return optimum.getPoint().toArray();
  }

  static LongStream seeds() {
    return LongStream.range(0, 12).map(i -> 0xDECA7L + 31 * i);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void exponentialDecayFitMatchesLevenbergMarquardt(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] truth = {random.nextDouble(1, 5), random.nextDouble(0.3, 3), random.nextDouble(-1, 1)};
    boolean noisy = seed % 2 == 1;
    int m = 40;
    double[] t = new double[m];
    double[] y = new double[m];
    for (int j = 0; j < m; j++) {
      t[j] = 0.1 * j;
      y[j] = TestProblems.exponentialDecay(truth, t[j]) + (noisy ? 0.05 * random.nextGaussian() : 0);
    }
    double[] start = {1, 1, 0};
    Objective fit = TestProblems.exponentialDecayFit(t, y);
    Lbfgs.Result result = Lbfgs.builder().gradientTolerance(1e-11).build().minimize(fit, start);
    assertTrue(result.reason().converged(), result.toString());
    assertConsistent(fit, result);
    double[] peer = levenbergMarquardt(t, y, start);
    for (int i = 0; i < 3; i++) {
      assertEquals(peer[i], result.solution()[i], 1e-7 * Math.max(1, Math.abs(peer[i])), "parameter " + i);
      if (!noisy) {
        assertEquals(truth[i], result.solution()[i], 1e-7 * Math.max(1, Math.abs(truth[i])), "truth " + i);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void randomConvexQuadraticsAreSolvedExactly(long seed) {
    // f(x) = ½ xᵀAx − bᵀx with A = MᵀM + 0.5·I; the minimiser solves Ax = b.
    SplittableRandom random = new SplittableRandom(seed);
    int n = 2 + random.nextInt(30);
    double[][] mm = new double[n][n];
    for (double[] row : mm) {
      for (int j = 0; j < n; j++) {
        row[j] = random.nextDouble(-1, 1);
      }
    }
    double[][] a = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double s = i == j ? 0.5 : 0;
        for (int k = 0; k < n; k++) {
          s += mm[k][i] * mm[k][j];
        }
        a[i][j] = s;
      }
    }
    double[] b = new double[n];
    for (int i = 0; i < n; i++) {
      b[i] = random.nextDouble(-5, 5);
    }
    Objective quadratic =
        (x, g) -> {
          double f = 0;
          for (int i = 0; i < n; i++) {
            double ax = 0;
            for (int j = 0; j < n; j++) {
              ax += a[i][j] * x[j];
            }
            g[i] = ax - b[i];
            f += 0.5 * x[i] * ax - b[i] * x[i];
          }
          return f;
        };
    Lbfgs.Result result =
        Lbfgs.builder().memory(1 + random.nextInt(12)).gradientTolerance(1e-9).functionTolerance(0).build()
            .minimize(quadratic, new double[n]);
    assertEquals(Lbfgs.StopReason.GRADIENT_TOLERANCE, result.reason(), result.toString());
    double[] expected = solve(a, b);
    for (int i = 0; i < n; i++) {
      assertEquals(expected[i], result.solution()[i], 1e-7 * Math.max(1, Math.abs(expected[i])));
    }
  }

  /** Gaussian elimination with partial pivoting. */
  private static double[] solve(double[][] a0, double[] b0) {
    int n = b0.length;
    double[][] a = new double[n][];
    for (int i = 0; i < n; i++) {
      a[i] = a0[i].clone();
    }
    double[] b = b0.clone();
    for (int c = 0; c < n; c++) {
      int p = c;
      for (int r = c + 1; r < n; r++) {
        if (Math.abs(a[r][c]) > Math.abs(a[p][c])) {
          p = r;
        }
      }
      double[] row = a[c];
      a[c] = a[p];
      a[p] = row;
      double t = b[c];
      b[c] = b[p];
      b[p] = t;
      for (int r = c + 1; r < n; r++) {
        double factor = a[r][c] / a[c][c];
        for (int k = c; k < n; k++) {
          a[r][k] -= factor * a[c][k];
        }
        b[r] -= factor * b[c];
      }
    }
    double[] x = new double[n];
    for (int r = n - 1; r >= 0; r--) {
      double s = b[r];
      for (int k = r + 1; k < n; k++) {
        s -= a[r][k] * x[k];
      }
      x[r] = s / a[r][r];
    }
    return x;
  }

  @Test
  void everyAcceptedStepSatisfiesTheStrongWolfeConditions() {
    // Runs are deterministic, so the run limited to k iterations is a prefix of the run limited
    // to k + 1: consecutive results are consecutive iterates x_k, x_{k+1}.
    Objective f = TestProblems.EXTENDED_ROSENBROCK;
    double c1 = 1e-4;
    double c2 = 0.9;
    double[] previous = TestProblems.rosenbrockStart(10);
    for (int k = 1; k <= 25; k++) {
      double[] next =
          Lbfgs.builder().maxIterations(k).build().minimize(f, TestProblems.rosenbrockStart(10)).solution();
      double[] g0 = new double[10];
      double[] g1 = new double[10];
      double f0 = f.valueAndGradient(previous, g0);
      double f1 = f.valueAndGradient(next, g1);
      double slope0 = 0;
      double slope1 = 0;
      for (int i = 0; i < 10; i++) {
        double step = next[i] - previous[i];
        slope0 += g0[i] * step;
        slope1 += g1[i] * step;
      }
      assertTrue(slope0 < 0, "descent direction at iteration " + k);
      assertTrue(f1 <= f0 + c1 * slope0, "sufficient decrease at iteration " + k);
      assertTrue(Math.abs(slope1) <= c2 * Math.abs(slope0), "curvature at iteration " + k);
      previous = next;
    }
  }

  @Test
  void aLooseFunctionToleranceStopsEarly() {
    Objective f = TestProblems.EXTENDED_ROSENBROCK;
    Lbfgs.Result full = Lbfgs.withDefaults().minimize(f, TestProblems.rosenbrockStart(10));
    Lbfgs.Result loose =
        Lbfgs.builder().gradientTolerance(0).functionTolerance(1e-2).build()
            .minimize(f, TestProblems.rosenbrockStart(10));
    assertEquals(Lbfgs.StopReason.FUNCTION_TOLERANCE, loose.reason());
    assertTrue(loose.reason().converged());
    assertTrue(loose.iterations() < full.iterations(), loose + " vs " + full);
    assertConsistent(f, loose);
  }

  @Test
  void theIterationLimitIsExact() {
    Lbfgs.Result result =
        Lbfgs.builder().maxIterations(7).build()
            .minimize(TestProblems.EXTENDED_ROSENBROCK, TestProblems.rosenbrockStart(10));
    assertEquals(Lbfgs.StopReason.MAX_ITERATIONS, result.reason());
    assertFalse(result.reason().converged());
    assertEquals(7, result.iterations());
    assertConsistent(TestProblems.EXTENDED_ROSENBROCK, result);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 5, 8, 13, 21, 34})
  void theEvaluationLimitIsNeverExceeded(int limit) {
    AtomicInteger calls = new AtomicInteger();
    Objective counted =
        (x, g) -> {
          calls.incrementAndGet();
          return TestProblems.EXTENDED_ROSENBROCK.valueAndGradient(x, g);
        };
    double[] start = TestProblems.rosenbrockStart(10);
    Lbfgs.Result result = Lbfgs.builder().maxEvaluations(limit).build().minimize(counted, start);
    assertEquals(Lbfgs.StopReason.MAX_EVALUATIONS, result.reason());
    assertEquals(calls.get(), result.evaluations());
    assertTrue(calls.get() <= limit, calls + " evaluations > " + limit);
    assertTrue(calls.get() >= limit - 1, "stopped early: " + calls);
    double[] g = new double[10];
    assertTrue(result.value() <= TestProblems.EXTENDED_ROSENBROCK.valueAndGradient(start, g));
  }

  @Test
  void aGradientThatDoesNotMatchTheFunctionMakesTheLineSearchFail() {
    // The reported gradient has the wrong sign, so the search direction goes uphill.
    Objective wrong =
        (x, g) -> {
          double f = TestProblems.EXTENDED_ROSENBROCK.valueAndGradient(x, g);
          for (int i = 0; i < g.length; i++) {
            g[i] = -g[i];
          }
          return f;
        };
    double[] start = TestProblems.rosenbrockStart(4);
    Lbfgs.Result result = Lbfgs.withDefaults().minimize(wrong, start);
    assertEquals(Lbfgs.StopReason.LINE_SEARCH_FAILED, result.reason());
    assertEquals(0, result.iterations());
    assertEquals(java.util.Arrays.toString(start), java.util.Arrays.toString(result.solution()));
  }

  @Test
  void pointsWhereTheObjectiveIsNaNShortenTheStep() {
    // (x − 0.2)², undefined (NaN) from 0.5 on; the first trial step lands at 0.7.
    AtomicInteger nanCalls = new AtomicInteger();
    Objective partial =
        (x, g) -> {
          if (x[0] >= 0.5) {
            nanCalls.incrementAndGet();
            g[0] = Double.NaN;
            return Double.NaN;
          }
          g[0] = 2 * (x[0] - 0.2);
          return (x[0] - 0.2) * (x[0] - 0.2);
        };
    Lbfgs.Result result = Lbfgs.withDefaults().minimize(partial, new double[] {-0.3});
    assertTrue(nanCalls.get() > 0, "the test must visit the NaN region");
    assertTrue(result.reason().converged(), result.toString());
    assertEquals(0.2, result.solution()[0], 1e-9);
  }

  @Test
  void aStartingPointThatIsAlreadyOptimalCostsOneEvaluation() {
    Lbfgs.Result result =
        Lbfgs.withDefaults()
            .minimize(TestProblems.diagonalQuadratic(new double[] {1, 2}, new double[] {3, 4}), new double[] {3, 4});
    assertEquals(Lbfgs.StopReason.GRADIENT_TOLERANCE, result.reason());
    assertEquals(0, result.iterations());
    assertEquals(1, result.evaluations());
  }

  @Test
  void cubicInterpolationFindsTheMinimumOfACubic() {
    // φ(a) = (a − 1)³ − 3(a − 1) + 2 has its local minimum at a = 2.
    double a = 0.5;
    double b = 3;
    double fa = Math.pow(a - 1, 3) - 3 * (a - 1) + 2;
    double fb = Math.pow(b - 1, 3) - 3 * (b - 1) + 2;
    double da = 3 * (a - 1) * (a - 1) - 3;
    double db = 3 * (b - 1) * (b - 1) - 3;
    assertEquals(2.0, Lbfgs.cubicMinimizer(a, fa, da, b, fb, db), 1e-12);
    assertEquals(2.0, Lbfgs.cubicMinimizer(b, fb, db, a, fa, da), 1e-12);
  }
}
