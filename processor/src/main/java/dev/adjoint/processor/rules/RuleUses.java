package dev.adjoint.processor.rules;

import com.palantir.javapoet.CodeBlock;
import dev.adjoint.processor.ir.Expr;
import java.util.ArrayList;
import java.util.List;

/**
 * Which forward values a rule's partial derivatives read: found by instantiating the rule with
 * marker operands and looking for the markers in the code, so the answer can never disagree with
 * the rules table. Values that no partial reads need neither be kept nor recomputed.
 */
public record RuleUses(boolean[] operands, boolean result) {
  private static final String MARK = "__adjoint_mark_";

  /** What the partials with respect to the operands flagged in {@code wanted} read. */
  public static RuleUses of(Expr op, int arity, boolean[] wanted) {
    List<CodeBlock> args = new ArrayList<>();
    for (int i = 0; i < arity; i++) {
      args.add(CodeBlock.of("$L", MARK + "a" + i));
    }
    Operands markers = new Operands(CodeBlock.of("$L", MARK + "bar"),
        CodeBlock.of("$L", MARK + "result"), args,
        op instanceof Expr.Call c ? c.owner() : null);
    boolean[] operands = new boolean[arity];
    boolean result = false;
    for (int i = 0; i < arity; i++) {
      if (!wanted[i]) {
        continue;
      }
      String code = OperatorRules.contribution(op, i, markers)
          .map(t -> t.magnitude().toString()).orElse("");
      for (int j = 0; j < arity; j++) {
        operands[j] |= code.contains(MARK + "a" + j);
      }
      result |= code.contains(MARK + "result");
    }
    return new RuleUses(operands, result);
  }
}
