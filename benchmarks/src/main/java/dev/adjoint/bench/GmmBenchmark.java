package dev.adjoint.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.hipparchus.analysis.differentiation.Gradient;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Workload: the ADBench GMM objective {@link Gmm#objective} at d = 10, K = 25, n = 1,000 and its
 * 1,650-component gradient. Data are random (fixed seed) like ADBench's generated instances;
 * Wishart gamma = 1, m = 0 as in ADBench. Accumulators (and the hand adjoint's {@link
 * Gmm.Workspace}) are allocated once per trial and not zeroed.
 *
 * <p>{@code hipparchus} takes seconds per call (every operation carries a 1,650-element gradient),
 * so it runs as single shots ({@code Mode.SingleShotTime}), one warm-up shot and one measured shot
 * by default; command-line {@code -wi}/{@code -i} override these counts, as for every benchmark.
 * Its score is the time of one full call at the full ADBench size, in ns, comparable with the
 * other rows.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class GmmBenchmark {

  /** A GMM instance. */
  public static final class Data {
    public double[] alphas;
    public double[][] means;
    public double[][] icf;
    public double[][] x;
    public double gamma = 1.0;
    public int m = 0;
    public double constant;

    public static Data create(int d, int k, int n, long seed) {
      Random random = new Random(seed);
      Data data = new Data();
      int icfSize = d * (d + 1) / 2;
      data.alphas = new double[k];
      data.means = new double[k][d];
      data.icf = new double[k][icfSize];
      data.x = new double[n][d];
      for (int ik = 0; ik < k; ik++) {
        data.alphas[ik] = random.nextGaussian();
        for (int id = 0; id < d; id++) {
          data.means[ik][id] = random.nextDouble();
        }
        for (int id = 0; id < icfSize; id++) {
          data.icf[ik][id] = 0.5 * random.nextGaussian();
        }
      }
      for (int ix = 0; ix < n; ix++) {
        for (int id = 0; id < d; id++) {
          data.x[ix][id] = random.nextDouble();
        }
      }
      data.constant = Gmm.constantTerm(d, k, n, data.gamma, data.m);
      return data;
    }
  }

  public double[] alphas;
  public double[][] means;
  public double[][] icf;
  public double[][] x;
  public double gamma;
  public int m;
  public double constant;
  public double seed = 1.0;

  private double[] dAlphas;
  private double[][] dMeans;
  private double[][] dIcf;
  private Gmm.Workspace workspace;

  @Setup(Level.Trial)
  public void setUp() {
    Data data = Data.create(Gmm.D, Gmm.K, Gmm.N, 2018);
    alphas = data.alphas;
    means = data.means;
    icf = data.icf;
    x = data.x;
    gamma = data.gamma;
    m = data.m;
    constant = data.constant;
    dAlphas = new double[Gmm.K];
    dMeans = new double[Gmm.K][Gmm.D];
    dIcf = new double[Gmm.K][Gmm.D * (Gmm.D + 1) / 2];
    workspace = new Gmm.Workspace(Gmm.D, Gmm.K);
  }

  @Benchmark
  public double primal() {
    return Gmm.objective(alphas, means, icf, x, gamma, m, constant);
  }

  @Benchmark
  public double pullback() {
    return GmmDerivatives.objectivePullback(
        alphas, means, icf, x, gamma, m, constant, seed, dAlphas, dMeans, dIcf);
  }

  @Benchmark
  public GmmDerivatives.ObjectiveGradient gradient() {
    return GmmDerivatives.objectiveGradient(alphas, means, icf, x, gamma, m, constant);
  }

  @Benchmark
  public double handAdjoint() {
    return Gmm.objectiveAdjoint(
        alphas, means, icf, x, gamma, m, constant, seed, dAlphas, dMeans, dIcf, workspace);
  }

  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @Warmup(iterations = 1)
  @Measurement(iterations = 1)
  public Gradient hipparchus() {
    return Gmm.objectiveHipparchus(alphas, means, icf, x, gamma, m, constant);
  }
}
