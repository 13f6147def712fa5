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
 * Workload: value and gradient of the Kepler-orbit misfit {@link Newton#misfit} (a Newton solve of
 * Kepler's equation per observation, 32 observations, eccentricity about 0.6, so 4 to 6 Newton
 * iterations each). {@code handAdjoint} reverses through the recorded iterations (the comparison
 * target); {@code handAdjointImplicit} uses the implicit-function theorem at the root (reference
 * only). Accumulators and the hand adjoint's workspace are allocated once per trial and not zeroed.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class NewtonBenchmark {

  /** A fixed problem: observations of a true orbit with noise, and a nearby evaluation point. */
  public static final class Data {
    public double a;
    public double e;
    public double omega;
    public double m0;
    public double nu;
    public double[] times;
    public double[] obsX;
    public double[] obsY;

    public static Data create(long seed) {
      Random random = new Random(seed);
      Data data = new Data();
      double a = 1.3;
      double e = 0.6;
      double omega = 0.4;
      double m0 = 0.2;
      double nu = 0.9;
      int count = Newton.OBSERVATIONS;
      data.times = new double[count];
      data.obsX = new double[count];
      data.obsY = new double[count];
      for (int j = 0; j < count; j++) {
        double t = 0.37 * j;
        double ecc = m0 + nu * t;
        for (int it = 0; it < 100; it++) {
          ecc -= (ecc - e * Math.sin(ecc) - m0 - nu * t) / (1.0 - e * Math.cos(ecc));
        }
        double px = a * (Math.cos(ecc) - e);
        double py = a * Math.sqrt(1.0 - e * e) * Math.sin(ecc);
        data.times[j] = t;
        data.obsX[j] = px * Math.cos(omega) - py * Math.sin(omega) + 0.01 * random.nextGaussian();
        data.obsY[j] = px * Math.sin(omega) + py * Math.cos(omega) + 0.01 * random.nextGaussian();
      }
      data.a = a + 0.05 * random.nextGaussian();
      data.e = e + 0.03 * random.nextGaussian();
      data.omega = omega + 0.05 * random.nextGaussian();
      data.m0 = m0 + 0.05 * random.nextGaussian();
      data.nu = nu + 0.01 * random.nextGaussian();
      return data;
    }
  }

  public double a;
  public double e;
  public double omega;
  public double m0;
  public double nu;
  public double[] times;
  public double[] obsX;
  public double[] obsY;
  public double seed = 1.0;

  private final double[] dA = new double[1];
  private final double[] dE = new double[1];
  private final double[] dOmega = new double[1];
  private final double[] dM0 = new double[1];
  private final double[] dNu = new double[1];
  private final double[] adjoint = new double[Newton.ACTIVE_INPUTS];
  private final double[] work = new double[Newton.MAX_ITERATIONS + 1];

  @Setup(Level.Trial)
  public void setUp() {
    Data data = Data.create(7);
    a = data.a;
    e = data.e;
    omega = data.omega;
    m0 = data.m0;
    nu = data.nu;
    times = data.times;
    obsX = data.obsX;
    obsY = data.obsY;
  }

  @Benchmark
  public double primal() {
    return Newton.misfit(a, e, omega, m0, nu, times, obsX, obsY);
  }

  @Benchmark
  public double pullback() {
    return NewtonDerivatives.misfitPullback(
        a, e, omega, m0, nu, times, obsX, obsY, seed, dA, dE, dOmega, dM0, dNu);
  }

  @Benchmark
  public NewtonDerivatives.MisfitGradient gradient() {
    return NewtonDerivatives.misfitGradient(a, e, omega, m0, nu, times, obsX, obsY);
  }

  @Benchmark
  public double handAdjoint() {
    return Newton.misfitAdjoint(a, e, omega, m0, nu, times, obsX, obsY, seed, adjoint, work);
  }

  @Benchmark
  public double handAdjointImplicit() {
    return Newton.misfitAdjointImplicit(a, e, omega, m0, nu, times, obsX, obsY, seed, adjoint);
  }

  @Benchmark
  public Gradient hipparchus() {
    return Newton.misfitHipparchus(a, e, omega, m0, nu, times, obsX, obsY);
  }
}
