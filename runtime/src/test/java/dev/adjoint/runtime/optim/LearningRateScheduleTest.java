package dev.adjoint.runtime.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Schedule values at the steps where their formulas change, computed from the formulas. */
class LearningRateScheduleTest {
  @Test
  void constantIsConstant() {
    LearningRateSchedule s = LearningRateSchedule.constant(0.05);
    assertEquals(0.05, s.learningRate(0));
    assertEquals(0.05, s.learningRate(1_000_000_000_000L));
  }

  @Test
  void stepDecayMultipliesByGammaEveryStepSizeSteps() {
    LearningRateSchedule s = LearningRateSchedule.stepDecay(0.1, 30, 0.5);
    assertEquals(0.1, s.learningRate(0));
    assertEquals(0.1, s.learningRate(29));
    assertEquals(0.05, s.learningRate(30));
    assertEquals(0.05, s.learningRate(59));
    assertEquals(0.025, s.learningRate(60));
    assertEquals(0.1 * Math.pow(0.5, 10), s.learningRate(300), 1e-18);
  }

  @Test
  void cosineAnnealingGoesFromInitialToMinimumOverThePeriod() {
    LearningRateSchedule s = LearningRateSchedule.cosineAnnealing(0.1, 0.001, 100);
    assertEquals(0.1, s.learningRate(0), 1e-17);
    assertEquals((0.1 + 0.001) / 2, s.learningRate(50), 1e-17);
    assertEquals(0.001 + 0.099 * (1 + Math.cos(Math.PI / 4)) / 2, s.learningRate(25), 1e-17);
    assertEquals(0.001, s.learningRate(100), 1e-17);
    assertEquals(0.001, s.learningRate(1000));
  }

  @Test
  void warmupRampsLinearlyThenHandsOverAtItsOwnStepZero() {
    LearningRateSchedule after = LearningRateSchedule.stepDecay(0.2, 10, 0.1);
    LearningRateSchedule s = LearningRateSchedule.linearWarmup(5, 0.1, after);
    assertEquals(0.2 * 0.1, s.learningRate(0), 1e-17);
    assertEquals(0.2 * (0.1 + 0.9 * 2 / 5), s.learningRate(2), 1e-17);
    assertEquals(0.2 * (0.1 + 0.9 * 4 / 5), s.learningRate(4), 1e-17);
    assertEquals(0.2, s.learningRate(5));
    assertEquals(0.2, s.learningRate(14));
    assertEquals(0.2 * 0.1, s.learningRate(15), 1e-17);
  }

  static LongStream seeds() {
    return LongStream.range(0, 25).map(i -> 77 + i);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void cosineIsMonotoneAndBounded(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double initial = random.nextDouble(1e-4, 1);
    double minimum = initial * random.nextDouble();
    long period = 1 + random.nextInt(1000);
    LearningRateSchedule s = LearningRateSchedule.cosineAnnealing(initial, minimum, period);
    double previous = Double.POSITIVE_INFINITY;
    for (long t = 0; t <= period + 3; t++) {
      double rate = s.learningRate(t);
      assertTrue(rate <= previous + 1e-18 && rate >= minimum && rate <= initial * (1 + 1e-15));
      previous = rate;
    }
  }

  @Test
  void invalidArgumentsAreNamed() {
    assertMessage("rate", () -> LearningRateSchedule.constant(0));
    assertMessage("rate", () -> LearningRateSchedule.constant(Double.NaN));
    assertMessage("rate", () -> LearningRateSchedule.constant(Double.POSITIVE_INFINITY));
    assertMessage("stepSize", () -> LearningRateSchedule.stepDecay(0.1, 0, 0.5));
    assertMessage("gamma", () -> LearningRateSchedule.stepDecay(0.1, 10, 1.5));
    assertMessage("gamma", () -> LearningRateSchedule.stepDecay(0.1, 10, 0));
    assertMessage("minimumRate", () -> LearningRateSchedule.cosineAnnealing(0.1, 0.2, 10));
    assertMessage("minimumRate", () -> LearningRateSchedule.cosineAnnealing(0.1, -1, 10));
    assertMessage("period", () -> LearningRateSchedule.cosineAnnealing(0.1, 0, 0));
    assertMessage("warmupSteps", () -> LearningRateSchedule.linearWarmup(0, 0.5, LearningRateSchedule.constant(1)));
    assertMessage("startFactor", () -> LearningRateSchedule.linearWarmup(3, 0, LearningRateSchedule.constant(1)));
    assertMessage("then", () -> LearningRateSchedule.linearWarmup(3, 0.5, null));
    assertMessage("step", () -> LearningRateSchedule.constant(1).learningRate(-1));
  }

  static void assertMessage(String name, org.junit.jupiter.api.function.Executable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    String message = e.getMessage();
    // The message starts with the argument's name as a whole word.
    assertTrue(
        message.startsWith(name)
            && (message.length() == name.length()
                || !Character.isLetterOrDigit(message.charAt(name.length()))),
        message);
  }
}
