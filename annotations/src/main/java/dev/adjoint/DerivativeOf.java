package dev.adjoint;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a hand-written pullback (a custom derivative) for a method that Adjoint cannot read or
 * that should not be differentiated statement by statement: library or native code, or a closed
 * form you prefer.
 *
 * <p>The annotated method must be {@code static} and have exactly the shape of a generated
 * {@code fPullback} for the target with every parameter of a differentiable type
 * ({@code double}, {@code double[]}, {@code double[][]}) differentiated: the target's parameters,
 * then {@code double seed}, then one accumulator per differentiable parameter in order (a
 * {@code double[]} of length 1 for a {@code double}, an array of the same shape for an array);
 * it adds {@code seed · ∂f/∂p} into each accumulator and returns {@code f}'s value. Its parameter
 * types select the overload of the target. Wherever a {@code @Differentiable} method calls the
 * target, the generated reverse sweep calls this method.
 *
 * <pre>{@code
 * @DerivativeOf(value = Special.class, method = "erf")
 * static double erfPullback(double x, double seed, double[] dX) {
 *   dX[0] += seed * 2 / Math.sqrt(Math.PI) * Math.exp(-x * x);
 *   return Special.erf(x);
 * }
 * }</pre>
 *
 * <p>{@code CLASS} retention and an index the processor generates (in package
 * {@code dev.adjoint.rules.index}) make rules in a dependency jar visible when a dependent module
 * is compiled.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface DerivativeOf {
  /** The class that declares the target method. */
  Class<?> value();

  /** The name of the target method. */
  String method();
}
