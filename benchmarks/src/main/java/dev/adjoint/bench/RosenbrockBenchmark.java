package dev.adjoint.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.hipparchus.analysis.differentiation.Gradient;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Workload: value and n-component gradient of the extended Rosenbrock function {@link
 * Rosenbrock#f} at n = 10, 100, 1,000. The input is filled from a fixed seed; the accumulator is
 * allocated once per trial and not zeroed between invocations (see {@link BlackScholesBenchmark}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RosenbrockBenchmark {

  @Param({"10", "100", "1000"})
  public int n;

  public double[] x;
  public double seed = 1.0;
  private double[] dx;

  @Setup(Level.Trial)
  public void setUp() {
    Random random = new Random(n);
    x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = 2.0 * random.nextDouble() - 1.0;
    }
    dx = new double[n];
  }

  @Benchmark
  public double primal() {
    return Rosenbrock.f(x);
  }

  @Benchmark
  public double pullback() {
    return RosenbrockDerivatives.fPullback(x, seed, dx);
  }

  @Benchmark
  public RosenbrockDerivatives.FGradient gradient() {
    return RosenbrockDerivatives.fGradient(x);
  }

  @Benchmark
  public double handAdjoint() {
    return Rosenbrock.fAdjoint(x, seed, dx);
  }

  @Benchmark
  public Gradient hipparchus() {
    return Rosenbrock.fHipparchus(x);
  }
}
