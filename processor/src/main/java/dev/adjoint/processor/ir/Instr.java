package dev.adjoint.processor.ir;

import java.util.List;

/**
 * Lowered statements. In straight-line code every {@link Def} defines a fresh variable, so no value
 * is ever overwritten and the reverse sweep can read every forward value it needs.
 */
public sealed interface Instr {

  /**
   * {@code target = value}. When {@code active}, {@code value} is one operation over atoms and the
   * reverse sweep propagates the target's adjoint into its operands; otherwise it is emitted whole
   * and produces no adjoint code.
   */
  record Def(Var target, Expr value, boolean active) implements Instr {}

  /** A lazily evaluated choice (from {@code ?:}): only the taken block runs, forward and reverse. */
  record Branch(Expr condition, List<Instr> whenTrue, List<Instr> whenFalse) implements Instr {
    public Branch {
      whenTrue = List.copyOf(whenTrue);
      whenFalse = List.copyOf(whenFalse);
    }
  }

  /** Marks where the code of one source statement begins; becomes a comment in both sweeps. */
  record SourceLine(long line, String text) implements Instr {}
}
