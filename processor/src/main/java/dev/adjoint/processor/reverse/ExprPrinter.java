package dev.adjoint.processor.reverse;

import com.palantir.javapoet.CodeBlock;
import dev.adjoint.processor.ir.Expr;

/** Prints IR expressions as Java source with the fewest parentheses that keep their meaning. */
public final class ExprPrinter {
  private static final int CONDITIONAL = 3;
  private static final int UNARY = 14;
  private static final int PRIMARY = 16;

  private ExprPrinter() {}

  public static CodeBlock print(Expr e) {
    if (e instanceof Expr.Literal l) {
      return CodeBlock.of("$L", l.code());
    } else if (e instanceof Expr.Constant c) {
      return c.code();
    } else if (e instanceof Expr.Ref r) {
      return CodeBlock.of("$N", r.var().name());
    } else if (e instanceof Expr.Unary u) {
      CodeBlock operand = operand(u.operand(), UNARY);
      String text = operand.toString();
      boolean clash = text.startsWith("-") || text.startsWith("+");
      return clash
          ? CodeBlock.of("$L($L)", u.op().symbol, operand)
          : CodeBlock.of("$L$L", u.op().symbol, operand);
    } else if (e instanceof Expr.Binary b) {
      return CodeBlock.of("$L $L $L", operand(b.left(), b.op().precedence), b.op().symbol,
          operand(b.right(), b.op().precedence + 1));
    } else if (e instanceof Expr.Conditional c) {
      return CodeBlock.of("$L ? $L : $L", operand(c.condition(), CONDITIONAL + 1),
          operand(c.whenTrue(), CONDITIONAL), operand(c.whenFalse(), CONDITIONAL));
    } else if (e instanceof Expr.Cast c) {
      return CodeBlock.of("($L) $L", c.type().javaName(), operand(c.operand(), UNARY));
    } else if (e instanceof Expr.Call c) {
      CodeBlock.Builder args = CodeBlock.builder();
      for (int i = 0; i < c.args().size(); i++) {
        args.add(i == 0 ? "$L" : ", $L", print(c.args().get(i)));
      }
      return CodeBlock.of("$T.$N($L)", c.owner(), c.function().javaName(), args.build());
    } else if (e instanceof Expr.Invoke c) {
      CodeBlock.Builder args = CodeBlock.builder();
      for (int i = 0; i < c.args().size(); i++) {
        args.add(i == 0 ? "$L" : ", $L", print(c.args().get(i)));
      }
      if (c.callee().receiver() != null) {
        return CodeBlock.of("$L.$N($L)", operand(c.callee().receiver(), PRIMARY),
            c.callee().name(), args.build());
      }
      return CodeBlock.of("$T.$N($L)", c.callee().owner(), c.callee().name(), args.build());
    } else if (e instanceof Expr.ArrayRead r) {
      return CodeBlock.of("$L[$L]", operand(r.array(), PRIMARY), print(r.index()));
    } else if (e instanceof Expr.ArrayLength l) {
      return CodeBlock.of("$L.length", operand(l.array(), PRIMARY));
    } else if (e instanceof Expr.Equals q) {
      return CodeBlock.of("$L.equals($L)", operand(q.left(), PRIMARY), print(q.right()));
    } else if (e instanceof Expr.Tangent t) {
      return t.code();
    } else if (e instanceof Expr.Linearized l) {
      return CodeBlock.of("$N", l.value().name());
    }
    throw new IllegalArgumentException("unknown expression " + e);
  }

  /** {@code e} printed for a position that needs at least precedence {@code min}. */
  public static CodeBlock operand(Expr e, int min) {
    CodeBlock code = print(e);
    return precedence(e, code) < min ? CodeBlock.of("($L)", code) : code;
  }

  /** {@code e} printed so that it can stand as a factor of a product. */
  public static CodeBlock factor(Expr e) {
    return operand(e, UNARY);
  }

  private static int precedence(Expr e, CodeBlock code) {
    if (e instanceof Expr.Literal || e instanceof Expr.Constant) {
      String text = code.toString();
      return text.startsWith("-") || text.startsWith("(") ? UNARY : PRIMARY;
    } else if (e instanceof Expr.Unary || e instanceof Expr.Cast) {
      return UNARY;
    } else if (e instanceof Expr.Binary b) {
      return b.op().precedence;
    } else if (e instanceof Expr.Conditional || e instanceof Expr.Tangent) {
      // A tangent is a sum of terms, some of them conditional expressions.
      return CONDITIONAL;
    }
    return PRIMARY;
  }
}
