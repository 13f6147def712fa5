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

  /** Source-level statements. Every statement knows the source line it comes from. */
  public sealed interface Statement {
    long line();

    String text();
  }

  /** {@code target = value}, including declarations with an initializer. */
  public record Assign(Var target, Expr value, long line, String text) implements Statement {}

  /** {@code return value;} anywhere in the body. */
  public record Return(Expr value, long line, String text) implements Statement {}

  public record If(Expr condition, List<Statement> whenTrue, List<Statement> whenFalse, long line,
      String text) implements Statement {
    public If {
      whenTrue = List.copyOf(whenTrue);
      whenFalse = List.copyOf(whenFalse);
    }
  }

  /**
   * A loop: {@code while (condition) { body; update }} or, when {@code testFirst} is false,
   * {@code do { body; update } while (condition)}. A {@code continue} skips to {@code update}.
   * {@code counted} is set for {@code for (int i = from; i < to; i++)}-like loops.
   */
  public record Loop(String label, boolean testFirst, Expr condition, List<Statement> body,
      List<Statement> update, Counted counted, long line, String text) implements Statement {
    public Loop {
      body = List.copyOf(body);
      update = List.copyOf(update);
    }
  }

  /**
   * A loop whose index runs over {@code [from, to)} (or {@code [from, to]}, or downwards) by steps
   * of one, and whose bounds the body cannot change: the reverse sweep runs the index backwards
   * instead of recording a trip count.
   */
  public record Counted(Var index, Expr from, Expr to, boolean inclusive, boolean up) {}

  /** A block that {@code break label} leaves (switch statements, labelled blocks). */
  public record Block(String label, List<Statement> body, long line, String text)
      implements Statement {
    public Block {
      body = List.copyOf(body);
    }
  }

  public record Break(String label, long line, String text) implements Statement {}

  public record Continue(String label, long line, String text) implements Statement {}

  /** {@code array[i]...[k] = value} into a local array. */
  public record Store(Var array, List<Expr> indices, Expr value, long line, String text)
      implements Statement {
    public Store {
      indices = List.copyOf(indices);
    }
  }

  /**
   * A local array: zeros of the given dimensions, or a copy of {@code copyOf} ({@code clone()}).
   */
  public record NewArray(Var array, List<Expr> dimensions, Expr copyOf, long line, String text)
      implements Statement {
    public NewArray {
      dimensions = List.copyOf(dimensions);
    }
  }

  /** {@code System.arraycopy(source, sourcePos, target, targetPos, length)}. */
  public record CopyRange(Expr source, Expr sourcePos, Var target, Expr targetPos, Expr length,
      long line, String text) implements Statement {}

  /** {@code Arrays.fill(target, from, to, value)} (from/to null: the whole array). */
  public record Fill(Var target, Expr from, Expr to, Expr value, long line, String text)
      implements Statement {}
}
