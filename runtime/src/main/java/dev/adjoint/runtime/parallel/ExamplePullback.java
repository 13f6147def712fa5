package dev.adjoint.runtime.parallel;

/**
 * The pullback of one example's loss, typically a thin lambda around a generated {@code
 * fPullback} method: {@code (e, p, seed, acc) -> ModelDerivatives.lossPullback(p, xs[e], ys[e],
 * seed, acc)}.
 *
 * <p>Implementations are called concurrently from several threads, each with its own
 * accumulator; they must only read {@code params} and shared data. Generated pullbacks qualify:
 * their tape is thread-confined.
 */
@FunctionalInterface
public interface ExamplePullback {
  /**
   * Adds {@code seed · ∇f_example(params)} into {@code gradientAccumulator} and returns {@code
   * f_example(params)}.
   */
  double pullback(int example, double[] params, double seed, double[] gradientAccumulator);
}
