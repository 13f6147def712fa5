package dev.adjoint.processor.emit;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import java.util.List;

/**
 * One differentiated method, ready to be written: its parameters, the names chosen for the
 * generated members ({@code stem}, see {@link CompanionNames#stem}), parameters and locals, and the
 * body of {@code fPullback}; {@code receiver} is the type of {@code self} for an instance method,
 * null for a static one; {@code localArrays} says whether the body allocates local arrays.
 */
public record GeneratedMethod(
    String name,
    String stem,
    String recordName,
    List<TypeVariableName> typeVariables,
    List<Parameter> parameters,
    String seed,
    String valueLocal,
    CodeBlock body,
    TypeName receiver,
    boolean localArrays) {

  public GeneratedMethod {
    typeVariables = List.copyOf(typeVariables);
    parameters = List.copyOf(parameters);
  }

  /** The name of the receiver parameter of an instance method's generated methods. */
  public static final String SELF = "self";

  /** A parameter of the user's method; {@code accumulator} is null unless it is differentiated. */
  public record Parameter(String name, TypeName type, int dims, boolean wrt, String accumulator) {}
}
