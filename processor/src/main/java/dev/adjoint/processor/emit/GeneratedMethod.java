package dev.adjoint.processor.emit;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import java.util.List;

/**
 * One differentiated method, ready to be written: its parameters, the names chosen for the
 * generated parameters and locals, and the body of {@code fPullback}.
 */
public record GeneratedMethod(
    String name,
    String recordName,
    List<TypeVariableName> typeVariables,
    List<Parameter> parameters,
    String seed,
    String valueLocal,
    CodeBlock body) {

  public GeneratedMethod {
    typeVariables = List.copyOf(typeVariables);
    parameters = List.copyOf(parameters);
  }

  /** A parameter of the user's method; {@code accumulator} is null unless it is differentiated. */
  public record Parameter(String name, TypeName type, int dims, boolean wrt, String accumulator) {}
}
