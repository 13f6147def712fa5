package dev.adjoint.runtime.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adjoint.runtime.Objective;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** First-order optimizers reach known optima: random convex quadratics and Rosenbrock. */
class ConvergenceTest {

  private static double[] minimize(Optimizer optimizer, Objective f, double[] start, int steps) {
    double[] x = start.clone();
    double[] g = new double[x.length];
    for (int t = 0; t < steps; t++) {
      f.valueAndGradient(x, g);
      optimizer.step(x, g);
    }
    return x;
  }

  static Stream<Arguments> quadraticCases() {
    // name, factory, steps, tolerance. Adaptive methods use an annealed rate: with a constant
    // rate they hover at a distance proportional to it.
    Stream<Arguments> cases =
        Stream.of(
            Arguments.of("sgd", (IntFunction<Optimizer>) n -> Sgd.builder().learningRate(0.1).build(n), 600, 1e-9),
            Arguments.of(
                "sgd-momentum",
                (IntFunction<Optimizer>) n -> Sgd.builder().learningRate(0.05).momentum(0.9).build(n),
                600,
                1e-9),
            Arguments.of(
                "sgd-nesterov",
                (IntFunction<Optimizer>) n ->
                    Sgd.builder().learningRate(0.05).momentum(0.9).nesterov(true).build(n),
                600,
                1e-9),
            Arguments.of(
                "adam",
                (IntFunction<Optimizer>) n ->
                    Adam.builder().schedule(LearningRateSchedule.cosineAnnealing(0.1, 0, 3000)).build(n),
                3000,
                1e-4),
            Arguments.of(
                "adamw-no-decay",
                (IntFunction<Optimizer>) n ->
                    Adam.adamWBuilder().weightDecay(0)
                        .schedule(LearningRateSchedule.linearWarmup(100, 0.1, LearningRateSchedule.cosineAnnealing(0.1, 0, 2900)))
                        .build(n),
                3000,
                1e-4),
            Arguments.of(
                "rmsprop",
                (IntFunction<Optimizer>) n ->
                    RmsProp.builder().schedule(LearningRateSchedule.cosineAnnealing(0.02, 0, 3000)).build(n),
                3000,
                1e-4),
            Arguments.of(
                "rmsprop-centered-momentum",
                (IntFunction<Optimizer>) n ->
                    RmsProp.builder().centered(true).momentum(0.5)
                        .schedule(LearningRateSchedule.cosineAnnealing(0.01, 0, 3000)).build(n),
                3000,
                1e-4),
            Arguments.of("adagrad", (IntFunction<Optimizer>) n -> AdaGrad.builder().learningRate(0.5).build(n), 3000, 1e-6));
    return cases.flatMap(c -> Stream.of(1L, 2L, 3L).map(seed -> Arguments.of(c.get()[0], c.get()[1], c.get()[2], c.get()[3], seed)));
  }

  @ParameterizedTest(name = "{0} seed {4}")
  @MethodSource("quadraticCases")
  void randomDiagonalQuadraticsConvergeToTheirCentre(
      String name, IntFunction<Optimizer> make, int steps, double tolerance, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int n = 2 + random.nextInt(20);
    double[] a = new double[n];
    double[] c = new double[n];
    double[] start = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = random.nextDouble(0.5, 4);
      c[i] = random.nextDouble(-2, 2);
      start[i] = random.nextDouble(-2, 2);
    }
    double[] x = minimize(make.apply(n), TestProblems.diagonalQuadratic(a, c), start, steps);
    for (int i = 0; i < n; i++) {
      assertEquals(c[i], x[i], tolerance, name + " component " + i);
    }
  }

  static Stream<Arguments> rosenbrockCases() {
    return Stream.of(
        Arguments.of(
            "sgd-nesterov",
            Sgd.builder().learningRate(1e-3).momentum(0.9).nesterov(true).build(2),
            20_000,
            1e-6),
        Arguments.of(
            "adam",
            Adam.builder().schedule(LearningRateSchedule.stepDecay(0.02, 5_000, 0.3)).build(2),
            20_000,
            1e-4),
        Arguments.of(
            "clipped-sgd-momentum",
            Sgd.builder().learningRate(2e-3).momentum(0.9).clipGradientNorm(10).build(2),
            20_000,
            1e-6));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rosenbrockCases")
  void rosenbrockFromTheStandardStartReachesOneOne(
      String name, Optimizer optimizer, int steps, double tolerance) {
    double[] x = minimize(optimizer, TestProblems.EXTENDED_ROSENBROCK, TestProblems.rosenbrockStart(2), steps);
    assertEquals(1.0, x[0], tolerance, name);
    assertEquals(1.0, x[1], 2 * tolerance, name);
  }
}
