package dev.adjoint.processor.rules;

import dev.adjoint.processor.ir.Expr;
import java.util.Optional;

/**
 * Partial derivatives of the operators that lowering leaves in active definitions: arithmetic,
 * negation, casts between real types and copies. Each method returns the contribution of
 * operand {@code i} to be added to its adjoint, or empty for a zero partial.
 */
public final class OperatorRules {
  private OperatorRules() {}

  public static Optional<Term> contribution(Expr op, int i, Operands o) {
    if (op instanceof Expr.Binary binary) {
      return Optional.ofNullable(binary(binary.op(), i, o));
    }
    if (op instanceof Expr.Unary unary) {
      return switch (unary.op()) {
        case NEGATE -> Optional.of(Term.minus("$L", o.bar()));
        case PLUS -> Optional.of(Term.plus("$L", o.bar()));
        default -> Optional.empty();
      };
    }
    if (op instanceof Expr.Call call) {
      return call.function().contribution(i, o);
    }
    if (op instanceof Expr.Linearized l) {
      return Optional.of(Term.plus("$L * $N", o.bar(), l.slope().name()));
    }
    if (op instanceof Expr.Cast || op instanceof Expr.Ref || op instanceof Expr.ArrayRead) {
      // Real-to-real casts and copies pass the adjoint through unchanged.
      return Optional.of(Term.plus("$L", o.bar()));
    }
    return Optional.empty();
  }

  private static Term binary(Expr.BinaryOp op, int i, Operands o) {
    return switch (op) {
      case PLUS -> Term.plus("$L", o.bar());
      case MINUS -> i == 0 ? Term.plus("$L", o.bar()) : Term.minus("$L", o.bar());
      case MULTIPLY -> Term.plus("$L * $L", o.bar(), o.arg(1 - i));
      case DIVIDE -> i == 0
          ? Term.plus("$L / $L", o.bar(), o.arg(1))
          : Term.minus("$L * $L / $L", o.bar(), o.result(), o.arg(1));
      // a % b = a - b·trunc(a / b); the quotient is recovered exactly enough by rint.
      case REMAINDER -> i == 0
          ? Term.plus("$L", o.bar())
          : Term.minus("$L * Math.rint(($L - $L) / $L)", o.bar(), o.arg(0), o.result(), o.arg(1));
      default -> null;
    };
  }
}
