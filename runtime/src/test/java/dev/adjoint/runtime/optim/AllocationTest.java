package dev.adjoint.runtime.optim;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link Optimizer#step} allocates nothing: every buffer is allocated by {@code build}. */
public class AllocationTest {
  public static long allocatedBytes() {
    java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
    assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "no allocation counter on this JVM");
    return ((com.sun.management.ThreadMXBean) bean).getCurrentThreadAllocatedBytes();
  }

  static Stream<Arguments> optimizers() {
    LearningRateSchedule schedule =
        LearningRateSchedule.linearWarmup(10, 0.5, LearningRateSchedule.cosineAnnealing(0.01, 0, 1000));
    Stream<Supplier<Optimizer>> all =
        Stream.of(
            () -> Sgd.builder().momentum(0.9).nesterov(true).weightDecay(1e-4).clipGradientNorm(1).schedule(schedule).build(64),
            () -> Adam.builder().weightDecay(1e-3).clipGradientNorm(1).schedule(schedule).build(64),
            () -> Adam.adamWBuilder().build(64),
            () -> RmsProp.builder().centered(true).momentum(0.9).weightDecay(1e-3).build(64),
            () -> AdaGrad.builder().schedule(LearningRateSchedule.stepDecay(0.1, 100, 0.5)).build(64));
    return all.map(s -> Arguments.of(s.get().kind(), s));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("optimizers")
  void stepsAllocateNothing(OptimizerKind kind, Supplier<Optimizer> make) {
    Optimizer optimizer = make.get();
    double[] params = new double[64];
    double[] gradient = new double[64];
    for (int i = 0; i < 64; i++) {
      params[i] = Math.sin(i);
      gradient[i] = Math.cos(i) * 3;
    }
    for (int t = 0; t < 2_000; t++) {
      optimizer.step(params, gradient);
    }
    long before = allocatedBytes();
    for (int t = 0; t < 5_000; t++) {
      optimizer.step(params, gradient);
    }
    long bytes = allocatedBytes() - before;
    // A per-step allocation of even one small object would show as ≥ 80 KB here.
    assertTrue(bytes < 4_096, kind + " allocated " + bytes + " bytes in 5,000 steps");
  }
}
