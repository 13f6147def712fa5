package dev.adjoint.processor.ir;

import java.util.List;

/**
 * Lowered statements: three-address definitions and structured control flow (no break, continue
 * or early return: those were rewritten into flags).
 */
public sealed interface Instr {

  /**
   * {@code target = value}. When {@code active}, {@code value} is one operation over atoms and the
   * reverse sweep propagates the target's adjoint into its operands; otherwise it is emitted whole
   * and produces no adjoint code.
   */
  record Def(Var target, Expr value, boolean active) implements Instr {}

  /**
   * {@code if (condition)}: from an if statement ({@code statement}), or from a {@code ?:} with an
   * active side, which is part of the statement around it.
   */
  record Branch(Expr condition, List<Instr> whenTrue, List<Instr> whenFalse, boolean statement)
      implements Instr {
    public Branch {
      whenTrue = List.copyOf(whenTrue);
      whenFalse = List.copyOf(whenFalse);
    }
  }

  /**
   * A loop; {@code condition} is inactive and emitted whole. Counted loops run their index
   * backwards in the reverse sweep; the others record their trip count.
   */
  record Loop(boolean testFirst, Expr condition, List<Instr> body, Function.Counted counted,
      Var tripCount) implements Instr {
    public Loop {
      body = List.copyOf(body);
    }
  }

  /**
   * {@code array[indices] = value} into a local array; indices and value are atoms. Of the
   * definitions of the statement before it, the first {@code indexDefs} compute the indices.
   */
  record Store(Var array, List<Expr> indices, Expr value, boolean active, int indexDefs)
      implements Instr {
    public Store {
      indices = List.copyOf(indices);
    }
  }

  /** A new local array of zeros, or a clone of {@code copyOf}. */
  record NewArray(Var array, List<Expr> dimensions, Expr copyOf) implements Instr {
    public NewArray {
      dimensions = List.copyOf(dimensions);
    }
  }

  /** {@code System.arraycopy}; positions and length are atoms. */
  record CopyRange(Expr source, Expr sourcePos, Var target, Expr targetPos, Expr length)
      implements Instr {}

  /** {@code Arrays.fill(target, from, to, value)}; from/to may be null for the whole array. */
  record Fill(Var target, Expr from, Expr to, Expr value) implements Instr {}

  /**
   * Marks where the code of one source statement begins; becomes a comment in both sweeps. Line 0
   * marks code that Adjoint adds, with {@code text} saying what it is.
   */
  record SourceLine(long line, String text) implements Instr {}
}
