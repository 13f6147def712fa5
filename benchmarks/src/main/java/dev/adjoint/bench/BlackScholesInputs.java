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
 * The inputs, accumulators and shared variants of the Black-Scholes workloads: the hand adjoint
 * (the target of both) and Hipparchus forward mode. Subclasses add the primal and the generated
 * code they measure.
 *
 * <p>Inputs are non-final fields of the state, so the JIT cannot constant-fold them; results are
 * returned (JMH sinks them into a {@code Blackhole}) or accumulated into state arrays.
 *
 * <p>The adjoint accumulators are allocated once per trial and <b>not</b> zeroed between
 * invocations: a pullback <i>adds</i> {@code seed * gradient}, so they keep growing (harmlessly,
 * by about 1 per call). Zeroing them would add the same five stores to {@code pullback} and
 * {@code handAdjoint} and say nothing about the generated code.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public abstract class BlackScholesInputs {

  public double spot = 100.0;
  public double strike = 95.0;
  public double rate = 0.01;
  public double vol = 0.2;
  public double time = 1.0;
  public double seed = 1.0;

  // one accumulator per wrt parameter, as the generated pullback takes them
  final double[] dSpot = new double[1];
  final double[] dStrike = new double[1];
  final double[] dRate = new double[1];
  final double[] dVol = new double[1];
  final double[] dTime = new double[1];

  // the hand-written adjoint takes one array for all five
  final double[] adjoint = new double[5];

  @Benchmark
  public double handAdjoint() {
    return BlackScholesModel.callPriceAdjoint(spot, strike, rate, vol, time, seed, adjoint);
  }

  @Benchmark
  public Gradient hipparchus() {
    return BlackScholesModel.callPriceHipparchus(spot, strike, rate, vol, time);
  }
}
