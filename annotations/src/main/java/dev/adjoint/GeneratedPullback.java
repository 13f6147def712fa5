package dev.adjoint;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks each generated {@code fPullback} with the positions (0-based, among the user method's
 * parameters) of the parameters it takes accumulators for. Code generated later against a
 * compiled companion reads it there: parameter names, which {@code wrt} lists, are not in class
 * files compiled without {@code -parameters} or debug information.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface GeneratedPullback {
  /** Positions of the differentiated parameters, ascending. */
  int[] wrt();
}
