package dev.adjoint.processor.ir;

import com.palantir.javapoet.ClassName;
import java.util.List;

/**
 * A method called from a {@code @Differentiable} method, other than a {@code Math} function.
 *
 * @param owner the class that declares it
 * @param name its name
 * @param parameters its parameter types
 * @param receiver the receiver expression's code for an instance method ({@code self}, or a
 *     parameter's name), or null for a static method
 * @param pullbackOwner the class of its pullback (its generated companion, or the class of a
 *     {@code @DerivativeOf} rule); null when its result carries no derivative ({@code int},
 *     {@code boolean}, ...)
 * @param pullback the pullback method's name
 * @param accumulators per parameter, whether the pullback takes an accumulator for it
 * @param display how diagnostics and comments name it, e.g. {@code Helper.g(double, int)}
 * @param site where it is called, for diagnostics found after parsing
 */
public record Callee(ClassName owner, String name, List<Type> parameters, Expr receiver,
    ClassName pullbackOwner, String pullback, List<Boolean> accumulators, String display,
    Site site) {
  /** The argument trees of the call (javac's, kept opaque here) and the callee's parameter names. */
  public record Site(List<Object> arguments, List<String> parameterNames) {
    public Site {
      arguments = List.copyOf(arguments);
      parameterNames = List.copyOf(parameterNames);
    }
  }

  public Callee {
    parameters = List.copyOf(parameters);
    accumulators = List.copyOf(accumulators);
  }

  /** Whether calls propagate adjoints (through the pullback). */
  public boolean differentiable() {
    return pullbackOwner != null;
  }
}
