package dev.adjoint.processor.fuzz;

import java.util.List;

/** Statements of generated programs. Every local has a program-wide unique name. */
public sealed interface Stmt {

  /** {@code double name = init;} */
  record DeclDouble(String name, Expr.D init) implements Stmt {}

  /** {@code int name = init;} */
  record DeclInt(String name, Expr.I init) implements Stmt {}

  /** {@code double[] name = new double[length];} (level 1) */
  record DeclArray(String name, int length) implements Stmt {}

  /** {@code name op value;} for a double local, e.g. {@code s *= e;}. */
  record Assign(String name, AssignOp op, Expr.D value) implements Stmt {}

  /** {@code name op value;} for an int local. */
  record AssignInt(String name, AssignOp op, Expr.I value) implements Stmt {}

  /** {@code name++;} or {@code name--;} for a local (ints are only incremented). */
  record Increment(String name, boolean up) implements Stmt {}

  /** {@code array[index] op value;} on a local array (level 1). */
  record Store(String array, Expr.I index, AssignOp op, Expr.D value) implements Stmt {}

  /** {@code if (cond) { then } else { otherwise }}; no else when {@code otherwise} is empty. */
  record If(Expr.B cond, List<Stmt> then, List<Stmt> otherwise) implements Stmt {}

  /** {@code for (int counter = 0; counter < bound; counter++) { body }} */
  record For(String counter, Expr.I bound, List<Stmt> body) implements Stmt {}

  /**
   * A loop with a data-dependent exit, bounded by an iteration cap:
   * {@code int counter = 0; while (counter < cap && cond) { counter++; body }}.
   */
  record While(String counter, int cap, Expr.B cond, List<Stmt> body) implements Stmt {}

  record Break() implements Stmt {}

  record Continue() implements Stmt {}

  record Return(Expr.D value) implements Stmt {}

  enum AssignOp {
    SET("="), ADD("+="), SUB("-="), MUL("*="), DIV("/=");

    final String symbol;

    AssignOp(String symbol) {
      this.symbol = symbol;
    }

    /** The binary operator of a compound assignment. */
    Expr.DOp binary() {
      return switch (this) {
        case SET -> throw new IllegalStateException("plain assignment");
        case ADD -> Expr.DOp.ADD;
        case SUB -> Expr.DOp.SUB;
        case MUL -> Expr.DOp.MUL;
        case DIV -> Expr.DOp.DIV;
      };
    }
  }
}
