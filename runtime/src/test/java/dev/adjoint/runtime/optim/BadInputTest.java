package dev.adjoint.runtime.optim;

import static dev.adjoint.runtime.optim.LearningRateScheduleTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad arguments fail fast with an IllegalArgumentException naming them, and change nothing. */
class BadInputTest {
  static Stream<Arguments> optimizers() {
    List<Supplier<Optimizer>> all =
        List.of(
            () -> Sgd.builder().momentum(0.9).nesterov(true).learningRate(0.1).build(3),
            () -> Adam.builder().build(3),
            () -> Adam.adamWBuilder().build(3),
            () -> RmsProp.builder().centered(true).momentum(0.5).build(3),
            () -> AdaGrad.builder().build(3));
    return all.stream().map(s -> Arguments.of(s.get().kind(), s));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("optimizers")
  void nonFiniteOrMismatchedVectorsAreRejectedBeforeAnythingChanges(
      OptimizerKind kind, Supplier<Optimizer> make) {
    Optimizer optimizer = make.get();
    Optimizer reference = make.get();
    double[] params = {1, 2, 3};
    double[] same = params.clone();
    optimizer.step(params, new double[] {0.1, -0.2, 0.3});
    reference.step(same, new double[] {0.1, -0.2, 0.3});

    double[] before = params.clone();
    assertMessage("gradient[1] is NaN", () -> optimizer.step(params, new double[] {1, Double.NaN, 1}));
    assertMessage("gradient[2] is Infinity", () -> optimizer.step(params, new double[] {1, 1, Double.POSITIVE_INFINITY}));
    assertMessage("gradient[0] is -Infinity", () -> optimizer.step(params, new double[] {Double.NEGATIVE_INFINITY, 1, 1}));
    double[] nanParams = {1, 1, Double.NaN};
    assertMessage("params[2] is NaN", () -> optimizer.step(nanParams, new double[] {1, 1, 1}));
    assertMessage("params has length 2, expected 3", () -> optimizer.step(new double[2], new double[3]));
    assertMessage("gradient has length 4, expected 3", () -> optimizer.step(params, new double[4]));
    assertMessage("params must not be null", () -> optimizer.step(null, new double[3]));
    assertMessage("gradient must not be null", () -> optimizer.step(params, null));
    assertMessage("params and gradient", () -> optimizer.step(params, params));
    assertArrayEquals(before, params);
    assertEquals(1, optimizer.stepCount());

    // The rejected steps left the state alone: the next good step matches an optimizer that never saw them.
    optimizer.step(params, new double[] {0.5, 0.5, -0.5});
    reference.step(same, new double[] {0.5, 0.5, -0.5});
    assertArrayEquals(same, params);
  }

  @Test
  void invalidHyperParametersAreNamed() {
    assertMessage("learningRate", () -> Sgd.builder().learningRate(0));
    assertMessage("learningRate", () -> Adam.builder().learningRate(-1e-3));
    assertMessage("learningRate", () -> RmsProp.builder().learningRate(Double.NaN));
    assertMessage("learningRate", () -> AdaGrad.builder().learningRate(Double.POSITIVE_INFINITY));
    assertMessage("schedule", () -> Adam.builder().schedule(null));
    assertMessage("beta1", () -> Adam.builder().betas(1.0, 0.999));
    assertMessage("beta1", () -> Adam.builder().betas(-0.1, 0.999));
    assertMessage("beta2", () -> Adam.builder().betas(0.9, 1.0));
    assertMessage("beta2", () -> Adam.adamWBuilder().betas(0.9, Double.NaN));
    assertMessage("epsilon", () -> Adam.builder().epsilon(0));
    assertMessage("epsilon", () -> RmsProp.builder().epsilon(-1));
    assertMessage("epsilon", () -> AdaGrad.builder().epsilon(Double.NaN));
    assertMessage("weightDecay", () -> Adam.adamWBuilder().weightDecay(-0.01));
    assertMessage("weightDecay", () -> Sgd.builder().weightDecay(Double.NaN));
    assertMessage("momentum", () -> Sgd.builder().momentum(1.0));
    assertMessage("momentum", () -> RmsProp.builder().momentum(-0.5));
    assertMessage("dampening", () -> Sgd.builder().dampening(1.5));
    assertMessage("alpha", () -> RmsProp.builder().alpha(1));
    assertMessage("initialAccumulatorValue", () -> AdaGrad.builder().initialAccumulatorValue(-1));
    assertMessage("maxGradientNorm", () -> Adam.builder().clipGradientNorm(0));
    assertMessage("maxGradientNorm", () -> Adam.builder().clipGradientNorm(Double.NaN));
    assertMessage("nesterov", () -> Sgd.builder().nesterov(true).build(2));
    assertMessage("nesterov", () -> Sgd.builder().momentum(0.9).dampening(0.1).nesterov(true).build(2));
    assertMessage("dimension", () -> Adam.builder().build(0));
    assertMessage("maxNorm", () -> GradientClipping.clipByGlobalNorm(new double[1], -1));
    assertMessage("gradient[0] is NaN", () -> GradientClipping.clipByGlobalNorm(new double[] {Double.NaN}, 1));
  }

  @Test
  void lbfgsSettingsAndStartAreChecked() {
    assertMessage("memory", () -> Lbfgs.builder().memory(0));
    assertMessage("gradientTolerance", () -> Lbfgs.builder().gradientTolerance(-1));
    assertMessage("functionTolerance", () -> Lbfgs.builder().functionTolerance(Double.NaN));
    assertMessage("maxIterations", () -> Lbfgs.builder().maxIterations(0));
    assertMessage("maxEvaluations", () -> Lbfgs.builder().maxEvaluations(-3));
    assertMessage("wolfeConstants", () -> Lbfgs.builder().wolfeConstants(0.9, 0.1));
    Lbfgs lbfgs = Lbfgs.withDefaults();
    assertMessage("objective", () -> lbfgs.minimize(null, new double[1]));
    assertMessage("start must have", () -> lbfgs.minimize((x, g) -> 0, new double[0]));
    assertMessage("start[1] is NaN", () -> lbfgs.minimize((x, g) -> 0, new double[] {0, Double.NaN}));
    assertMessage("objective value at start is NaN", () -> lbfgs.minimize((x, g) -> Double.NaN, new double[1]));
    assertMessage(
        "objective gradient at start[0] is Infinity",
        () -> lbfgs.minimize((x, g) -> {
          g[0] = Double.POSITIVE_INFINITY;
          return 1;
        }, new double[1]));
  }

  @Test
  void checkpointArgumentsAreChecked() {
    Adam adam = Adam.builder().build(2);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> TrainingCheckpoint.save(java.nio.file.Path.of("unused"), adam, new double[3]));
    assertTrue(e.getMessage().startsWith("params has length 3"), e.getMessage());
    assertMessage("params[0] is NaN", () -> new TrainingCheckpoint(adam, new double[] {Double.NaN, 0}));
    assertMessage("optimizer", () -> new TrainingCheckpoint(null, new double[2]));
  }
}
