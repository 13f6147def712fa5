package dev.adjoint.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.hipparchus.analysis.differentiation.Gradient;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Workload 2: value and 20-component gradient of {@link Straight20#f}.
 *
 * <p>The input is a state array filled from a fixed seed in {@link #setUp}; the accumulator
 * {@code dx} is allocated once and <b>not</b> zeroed between invocations (see {@link
 * BlackScholesBenchmark}), for the generated pullback and the hand-written adjoint alike.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class Straight20Benchmark {

  public double[] x;
  public double seed = 1.0;
  private double[] dx;

  @Setup(Level.Trial)
  public void setUp() {
    Random random = new Random(20);
    x = new double[Straight20.ACTIVE_INPUTS];
    for (int i = 0; i < x.length; i++) {
      x[i] = 2.0 * random.nextDouble() - 1.0;
    }
    dx = new double[x.length];
  }

  @Benchmark
  public double primal() {
    return Straight20.f(x);
  }

  @Benchmark
  public double pullback() {
    return Straight20Derivatives.fPullback(x, seed, dx);
  }

  @Benchmark
  public Straight20Derivatives.FGradient gradient() {
    return Straight20Derivatives.fGradient(x);
  }

  @Benchmark
  public double handAdjoint() {
    return Straight20.fAdjoint(x, seed, dx);
  }

  @Benchmark
  public Gradient hipparchus() {
    return Straight20.fHipparchus(x);
  }
}
