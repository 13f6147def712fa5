package dev.adjoint.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleSupplier;
import java.util.regex.Pattern;

/**
 * A second opinion next to JMH for machines with background load: per round, the primal, the
 * generated pullback and the hand adjoint run back to back (a fixed number of calls each), and
 * the medians of the per-round ratios are printed with their quartiles. Load that comes and goes
 * hits the three variants of a round alike, so the ratios stay steady where JMH's absolute times
 * spread. It reuses the JMH workloads' state classes (their fields and setUp), not a copy.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar dev.adjoint.bench.InterleavedRatios}
 * after {@code benchmarks/run.sh} (or any build of the module) has produced the jar. An optional
 * argument, a regular expression, keeps only the workloads whose names it finds (e.g.
 * {@code Black}).
 */
public final class InterleavedRatios {
  private InterleavedRatios() {}

  private record Workload(
      String name, DoubleSupplier primal, DoubleSupplier pullback, DoubleSupplier hand,
      int calls, int rounds) {}

  public static void main(String[] args) {
    List<Workload> workloads = new ArrayList<>();
    BlackScholesBenchmark bs = new BlackScholesBenchmark();
    workloads.add(new Workload("BlackScholes", bs::primal, bs::pullback, bs::handAdjoint,
        20_000, 200));
    BlackScholesCallsBenchmark calls = new BlackScholesCallsBenchmark();
    workloads.add(new Workload("BlackScholesCalls", calls::primal, calls::pullback,
        calls::handAdjoint, 20_000, 200));
    Straight20Benchmark straight = new Straight20Benchmark();
    straight.setUp();
    workloads.add(new Workload("Straight20", straight::primal, straight::pullback,
        straight::handAdjoint, 10_000, 200));
    NewtonBenchmark newton = new NewtonBenchmark();
    newton.setUp();
    workloads.add(new Workload("Newton", newton::primal, newton::pullback, newton::handAdjoint,
        200, 200));
    OdeBenchmark ode = new OdeBenchmark();
    workloads.add(new Workload("Ode", ode::primal, ode::pullback, ode::handAdjoint, 50, 200));
    for (int n : new int[] {10, 100, 1000}) {
      RosenbrockBenchmark r = new RosenbrockBenchmark();
      r.n = n;
      r.setUp();
      workloads.add(new Workload("Rosenbrock (n=" + n + ")", r::primal, r::pullback,
          r::handAdjoint, 200_000 / n, 200));
    }
    GmmBenchmark gmm = new GmmBenchmark();
    gmm.setUp();
    workloads.add(new Workload("Gmm", gmm::primal, gmm::pullback, gmm::handAdjoint, 2, 200));

    System.out.println("| workload | pullback / primal (median, quartiles) |"
        + " pullback / hand adjoint (median, quartiles) |");
    System.out.println("|---|---:|---:|");
    Pattern only = Pattern.compile(args.length > 0 ? args[0] : "");
    for (Workload w : workloads) {
      if (!only.matcher(w.name()).find()) {
        continue;
      }
      double[][] ratios = measure(w);
      System.out.println(String.format(Locale.ROOT, "| %s | %s | %s |", w.name(),
          summary(ratios[0]), summary(ratios[1])));
    }
  }

  private static double[][] measure(Workload w) {
    int warmup = w.rounds() / 4;
    double[] toPrimal = new double[w.rounds()];
    double[] toHand = new double[w.rounds()];
    double sink = 0;
    DoubleSupplier[] variants = {w.primal(), w.pullback(), w.hand()};
    for (int round = 0; round < warmup + w.rounds(); round++) {
      long[] time = new long[3];
      for (int v = 0; v < 3; v++) {
        long start = System.nanoTime();
        for (int i = 0; i < w.calls(); i++) {
          sink += variants[v].getAsDouble();
        }
        time[v] = System.nanoTime() - start;
      }
      if (round >= warmup) {
        toPrimal[round - warmup] = time[1] / (double) time[0];
        toHand[round - warmup] = time[1] / (double) time[2];
      }
    }
    if (Double.isNaN(sink)) {
      System.out.println("(a workload returned NaN)");
    }
    return new double[][] {toPrimal, toHand};
  }

  private static String summary(double[] ratios) {
    double[] sorted = ratios.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return String.format(Locale.ROOT, "%.2f (%.2f–%.2f)", sorted[n / 2], sorted[n / 4],
        sorted[3 * n / 4]);
  }
}
