package dev.adjoint.processor.analysis;

import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Var;
import java.util.Set;

/** Small queries over expressions shared by the analyses. */
public final class Exprs {
  private Exprs() {}

  /** Whether {@code e} is a real value (or array) that depends on a varied variable. */
  public static boolean isVaried(Expr e) {
    if (e instanceof Expr.Ref r) {
      return r.var().varied();
    }
    if (e instanceof Expr.ArrayRead r) {
      return (r.type().isReal() || r.type().isArray()) && isVaried(r.array());
    }
    if (!e.type().isReal()) {
      return false;
    }
    if (e instanceof Expr.Unary u) {
      return isVaried(u.operand());
    } else if (e instanceof Expr.Binary b) {
      return isVaried(b.left()) || isVaried(b.right());
    } else if (e instanceof Expr.Conditional c) {
      return isVaried(c.whenTrue()) || isVaried(c.whenFalse());
    } else if (e instanceof Expr.Cast c) {
      return isVaried(c.operand());
    } else if (e instanceof Expr.Call c) {
      return c.args().stream().anyMatch(Exprs::isVaried);
    } else if (e instanceof Expr.Invoke c) {
      return c.callee().differentiable() && c.args().stream().anyMatch(Exprs::isVaried);
    } else if (e instanceof Expr.Linearized l) {
      return l.input().varied();
    }
    return false;
  }

  /** Adds every variable {@code e} reads to {@code into}. */
  public static void collectVars(Expr e, Set<Var> into) {
    if (e == null) {
      return;
    }
    if (e instanceof Expr.Ref r) {
      into.add(r.var());
    } else if (e instanceof Expr.Unary u) {
      collectVars(u.operand(), into);
    } else if (e instanceof Expr.Binary b) {
      collectVars(b.left(), into);
      collectVars(b.right(), into);
    } else if (e instanceof Expr.Conditional c) {
      collectVars(c.condition(), into);
      collectVars(c.whenTrue(), into);
      collectVars(c.whenFalse(), into);
    } else if (e instanceof Expr.Cast c) {
      collectVars(c.operand(), into);
    } else if (e instanceof Expr.Call c) {
      c.args().forEach(a -> collectVars(a, into));
    } else if (e instanceof Expr.Invoke c) {
      collectVars(c.callee().receiver(), into);
      c.args().forEach(a -> collectVars(a, into));
    } else if (e instanceof Expr.ArrayRead r) {
      collectVars(r.array(), into);
      collectVars(r.index(), into);
    } else if (e instanceof Expr.ArrayLength l) {
      collectVars(l.array(), into);
    } else if (e instanceof Expr.Equals q) {
      collectVars(q.left(), into);
      collectVars(q.right(), into);
    } else if (e instanceof Expr.Tangent t) {
      into.addAll(t.reads());
    } else if (e instanceof Expr.Linearized l) {
      into.add(l.value());
      into.add(l.input());
      into.add(l.slope());
    }
  }
}
