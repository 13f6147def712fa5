package dev.adjoint.processor.ir;

import java.util.List;

/**
 * A parsed {@code @Differentiable} method: its parameters (with the wrt ones marked varied) and its
 * body as source-level statements over typed expression trees.
 */
public record Function(String name, List<Var> parameters, List<Statement> body) {
  public Function {
    parameters = List.copyOf(parameters);
    body = List.copyOf(body);
  }

  /** Source-level statements: assignments to locals (declarations included) and the return. */
  public sealed interface Statement {
    long line();

    String text();
  }

  /** {@code target = value}, including declarations with an initializer. */
  public record Assign(Var target, Expr value, long line, String text) implements Statement {}

  public record Return(Expr value, long line, String text) implements Statement {}
}
