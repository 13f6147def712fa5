package dev.adjoint.bench;

import org.openjdk.jmh.annotations.Benchmark;

/**
 * Workload 1: Black-Scholes call price and its five first-order sensitivities, the normal CDF
 * inline (see {@link BlackScholesInputs} for the inputs and the shared variants).
 */
public class BlackScholesBenchmark extends BlackScholesInputs {

  @Benchmark
  public double primal() {
    return BlackScholesModel.callPrice(spot, strike, rate, vol, time);
  }

  @Benchmark
  public double pullback() {
    return BlackScholesModelDerivatives.callPricePullback(
        spot, strike, rate, vol, time, seed, dSpot, dStrike, dRate, dVol, dTime);
  }

  @Benchmark
  public BlackScholesModelDerivatives.CallPriceGradient gradient() {
    return BlackScholesModelDerivatives.callPriceGradient(spot, strike, rate, vol, time);
  }
}
