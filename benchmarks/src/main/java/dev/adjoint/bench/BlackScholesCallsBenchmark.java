package dev.adjoint.bench;

import org.openjdk.jmh.annotations.Benchmark;

/**
 * Workload: the Black-Scholes call as a composition, a price calling a differentiable CDF twice,
 * on the inputs of {@link BlackScholesInputs}; its target is the same hand adjoint.
 */
public class BlackScholesCallsBenchmark extends BlackScholesInputs {

  @Benchmark
  public double primal() {
    return BlackScholesCallsModel.callPrice(spot, strike, rate, vol, time);
  }

  @Benchmark
  public double pullback() {
    return BlackScholesCallsModelDerivatives.callPricePullback(
        spot, strike, rate, vol, time, seed, dSpot, dStrike, dRate, dVol, dTime);
  }

  @Benchmark
  public BlackScholesCallsModelDerivatives.CallPriceGradient gradient() {
    return BlackScholesCallsModelDerivatives.callPriceGradient(spot, strike, rate, vol, time);
  }
}
