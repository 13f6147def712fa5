package dev.adjoint.bench;

import java.util.concurrent.TimeUnit;
import org.hipparchus.analysis.differentiation.Gradient;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Workload: value and 6-component gradient of {@link Ode#energy}, 1,000 RK4 steps of a forced
 * Duffing oscillator. Accumulators and the hand adjoint's trajectory storage are allocated once per
 * trial and not zeroed between invocations.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class OdeBenchmark {

  public double k = 1.1;
  public double c = 0.15;
  public double beta = 0.6;
  public double force = 0.9;
  public double x0 = 1.05;
  public double v0 = 0.05;
  public double seed = 1.0;

  private final double[] dK = new double[1];
  private final double[] dC = new double[1];
  private final double[] dBeta = new double[1];
  private final double[] dForce = new double[1];
  private final double[] dX0 = new double[1];
  private final double[] dV0 = new double[1];
  private final double[] adjoint = new double[Ode.ACTIVE_INPUTS];
  private final double[] work = new double[2 * (Ode.STEPS + 1)];

  @Benchmark
  public double primal() {
    return Ode.energy(k, c, beta, force, x0, v0);
  }

  @Benchmark
  public double pullback() {
    return OdeDerivatives.energyPullback(
        k, c, beta, force, x0, v0, seed, dK, dC, dBeta, dForce, dX0, dV0);
  }

  @Benchmark
  public OdeDerivatives.EnergyGradient gradient() {
    return OdeDerivatives.energyGradient(k, c, beta, force, x0, v0);
  }

  @Benchmark
  public double handAdjoint() {
    return Ode.energyAdjoint(k, c, beta, force, x0, v0, seed, adjoint, work);
  }

  @Benchmark
  public Gradient hipparchus() {
    return Ode.energyHipparchus(k, c, beta, force, x0, v0);
  }
}
