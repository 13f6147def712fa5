package dev.adjoint.processor.ir;

import java.util.List;
import java.util.function.Consumer;

/** Walks over instructions. */
public final class Instrs {
  private Instrs() {}

  /** Every instruction of {@code body}, also those inside branches and loops, in order. */
  public static void forEach(List<Instr> body, Consumer<Instr> action) {
    for (Instr instr : body) {
      action.accept(instr);
      if (instr instanceof Instr.Branch b) {
        forEach(b.whenTrue(), action);
        forEach(b.whenFalse(), action);
      } else if (instr instanceof Instr.Loop l) {
        forEach(l.body(), action);
      }
    }
  }
}
