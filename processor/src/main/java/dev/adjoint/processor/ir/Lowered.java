package dev.adjoint.processor.ir;

import java.util.List;

/** A method in three-address, single-assignment form, ready for the reverse pass. */
public record Lowered(Function function, List<Instr> body, Expr result) {
  public Lowered {
    body = List.copyOf(body);
  }
}
