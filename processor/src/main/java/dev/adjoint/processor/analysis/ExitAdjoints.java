package dev.adjoint.processor.analysis;

import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Instr;
import dev.adjoint.processor.ir.Lowered;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The adjoints that running sums have when their loop ends, worked out before the loop runs.
 *
 * <p>A sum that reaches the result only through straight-line {@code + - * /} with factors fixed
 * before the loop (literals, parameters, values assigned once before it) has an adjoint at the
 * loop's exit that is an expression of the seed and those factors alone: {@code return s;} gives
 * {@code seed}, {@code return c + slse - n * lse;} gives {@code seed} for {@code slse}. Knowing it
 * up front lets an independent loop reverse each iteration right after running it, in one pass,
 * as a hand-written adjoint does.
 */
public final class ExitAdjoints {
  private ExitAdjoints() {}

  /**
   * @param at the position of the loop in the method's top-level body
   * @param sums the loop's running sums (see {@link IndependentIterations})
   * @param writtenInLoop everything the loop writes
   * @param seed stands for the seed of the pullback in the returned expressions
   * @return each sum's adjoint at the loop's exit, or empty when some sum's is not of that form
   */
  public static Optional<Map<Var, Expr>> of(Lowered method, int at, Set<Var> sums,
      Set<Var> writtenInLoop, Var seed) {
    List<Instr> body = method.body();
    Set<Var> fixed = new HashSet<>(method.function().parameters());
    for (Instr instr : body.subList(0, at)) {
      if (instr instanceof Instr.Def d && !method.mutable().contains(d.target())) {
        fixed.add(d.target());
      }
    }
    fixed.removeAll(writtenInLoop);
    fixed.removeAll(method.mutable());

    // Forward: the values after the loop that depend on a sum, each defined once, linearly.
    Set<Var> dependent = new HashSet<>(sums);
    List<Instr.Def> chain = new java.util.ArrayList<>();
    for (Instr instr : body.subList(at + 1, body.size())) {
      Set<Var> reads = new HashSet<>();
      Recording.reads(instr, reads);
      Set<Var> writes = IndependentIterations.written(List.of(instr));
      if (writes.stream().anyMatch(sums::contains)) {
        return Optional.empty();
      }
      if (reads.stream().noneMatch(dependent::contains)) {
        continue;
      }
      if (!(instr instanceof Instr.Def d) || method.mutable().contains(d.target())
          || !linear(d.value(), dependent, fixed)) {
        return Optional.empty();
      }
      dependent.add(d.target());
      chain.add(d);
    }
    if (!(method.result() instanceof Expr.Ref r) || !dependent.contains(r.var())) {
      return Optional.empty();
    }

    // Backward: the chain rule over that linear chain, symbolically.
    Map<Var, Expr> adjoint = new HashMap<>();
    adjoint.put(r.var(), new Expr.Ref(seed));
    for (int k = chain.size() - 1; k >= 0; k--) {
      Instr.Def d = chain.get(k);
      Expr a = adjoint.get(d.target());
      if (a == null) {
        continue;
      }
      Expr value = d.value();
      if (value instanceof Expr.Ref u) {
        add(adjoint, u, a, dependent);
      } else if (value instanceof Expr.Unary u && u.op() == Expr.UnaryOp.NEGATE) {
        add(adjoint, u.operand(), negate(a), dependent);
      } else if (value instanceof Expr.Unary u) {
        add(adjoint, u.operand(), a, dependent);
      } else if (value instanceof Expr.Binary b) {
        switch (b.op()) {
          case PLUS -> {
            add(adjoint, b.left(), a, dependent);
            add(adjoint, b.right(), a, dependent);
          }
          case MINUS -> {
            add(adjoint, b.left(), a, dependent);
            add(adjoint, b.right(), negate(a), dependent);
          }
          case MULTIPLY -> {
            add(adjoint, b.left(), times(a, b.right()), dependent);
            add(adjoint, b.right(), times(a, b.left()), dependent);
          }
          case DIVIDE -> add(adjoint, b.left(),
              new Expr.Binary(Expr.BinaryOp.DIVIDE, a, b.right(), Type.DOUBLE), dependent);
          default -> throw new IllegalStateException("not linear: " + b.op());
        }
      }
    }
    Map<Var, Expr> exits = new LinkedHashMap<>();
    for (Var s : sums) {
      exits.put(s, adjoint.getOrDefault(s, new Expr.Literal(Type.DOUBLE, "0.0")));
    }
    return Optional.of(exits);
  }

  /** {@code + - * /} and copies, with every factor of a dependent operand fixed. */
  private static boolean linear(Expr value, Set<Var> dependent, Set<Var> fixed) {
    if (!value.type().equals(Type.DOUBLE)) {
      return false;
    }
    if (value instanceof Expr.Ref) {
      return true;
    } else if (value instanceof Expr.Unary u) {
      return u.operand().isAtom();
    } else if (value instanceof Expr.Binary b) {
      boolean left = depends(b.left(), dependent);
      boolean right = depends(b.right(), dependent);
      return switch (b.op()) {
        case PLUS, MINUS -> b.left().isAtom() && b.right().isAtom();
        case MULTIPLY -> !(left && right)
            && (left ? isFixed(b.right(), fixed) : isFixed(b.left(), fixed));
        case DIVIDE -> !right && isFixed(b.right(), fixed);
        default -> false;
      };
    }
    return false;
  }

  private static boolean depends(Expr e, Set<Var> dependent) {
    return e instanceof Expr.Ref r && dependent.contains(r.var());
  }

  private static boolean isFixed(Expr e, Set<Var> fixed) {
    return e instanceof Expr.Literal || e instanceof Expr.Constant
        || e instanceof Expr.Ref r && fixed.contains(r.var());
  }

  private static void add(Map<Var, Expr> adjoint, Expr operand, Expr term, Set<Var> dependent) {
    if (operand instanceof Expr.Ref r && dependent.contains(r.var())) {
      adjoint.merge(r.var(), term,
          (old, t) -> new Expr.Binary(Expr.BinaryOp.PLUS, old, t, Type.DOUBLE));
    }
  }

  private static Expr negate(Expr a) {
    return new Expr.Unary(Expr.UnaryOp.NEGATE, a, Type.DOUBLE);
  }

  private static Expr times(Expr a, Expr factor) {
    if (factor.type().equals(Type.DOUBLE)) {
      return new Expr.Binary(Expr.BinaryOp.MULTIPLY, a, factor, Type.DOUBLE);
    }
    return new Expr.Binary(Expr.BinaryOp.MULTIPLY, a,
        new Expr.Cast(Type.DOUBLE, factor), Type.DOUBLE);
  }
}
