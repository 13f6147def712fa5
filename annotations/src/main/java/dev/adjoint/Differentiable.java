package dev.adjoint;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a numeric method for compile-time reverse-mode differentiation.
 *
 * <p>For a class {@code p.C} (nested: {@code p.Outer_InnerDerivatives}) the annotation processor
 * generates {@code p.CDerivatives} holding, for each annotated method {@code double f(...)}, the
 * static methods {@code fGradient} (value and gradient as a record) and {@code fPullback}
 * (vector-Jacobian product into caller-owned accumulators; allocation-free unless the method
 * allocates local arrays). An instance method's generated methods take the receiver first, as
 * {@code self}; overloads get stems that name their parameter types ({@code norm_doubleArray}).
 * See the project's API contract for the exact shapes.
 *
 * <p>{@code CLASS} retention keeps the marker visible on methods compiled into dependency jars.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Differentiable {
  /**
   * Names of the parameters to differentiate with respect to. Empty means every parameter of a
   * differentiable type ({@code double}, {@code double[]}, {@code double[][]}).
   */
  String[] wrt() default {};
}
