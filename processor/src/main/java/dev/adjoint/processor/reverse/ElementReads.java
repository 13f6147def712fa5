package dev.adjoint.processor.reverse;

import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Instr;
import dev.adjoint.processor.ir.Var;
import java.util.List;

/** Whether code reads an array only as {@code a[i]} for one index variable {@code i}. */
final class ElementReads {
  private ElementReads() {}

  static boolean onlyAt(Instr instr, Var array, Var index) {
    if (instr instanceof Instr.Def d) {
      return onlyAt(d.value(), array, index);
    } else if (instr instanceof Instr.Store st) {
      return st.array() != array && all(st.indices(), array, index)
          && onlyAt(st.value(), array, index);
    } else if (instr instanceof Instr.Branch b) {
      return onlyAt(b.condition(), array, index)
          && b.whenTrue().stream().allMatch(i -> onlyAt(i, array, index))
          && b.whenFalse().stream().allMatch(i -> onlyAt(i, array, index));
    }
    return instr instanceof Instr.SourceLine;
  }

  private static boolean all(List<Expr> es, Var array, Var index) {
    return es.stream().allMatch(e -> onlyAt(e, array, index));
  }

  private static boolean onlyAt(Expr e, Var array, Var index) {
    if (e == null || e instanceof Expr.Literal || e instanceof Expr.Constant) {
      return true;
    } else if (e instanceof Expr.Ref r) {
      return r.var() != array;
    } else if (e instanceof Expr.ArrayRead r && r.array() instanceof Expr.Ref a
        && a.var() == array) {
      return r.index() instanceof Expr.Ref i && i.var() == index;
    } else if (e instanceof Expr.ArrayRead r) {
      return onlyAt(r.array(), array, index) && onlyAt(r.index(), array, index);
    } else if (e instanceof Expr.ArrayLength l) {
      return true;
    } else if (e instanceof Expr.Unary u) {
      return onlyAt(u.operand(), array, index);
    } else if (e instanceof Expr.Binary b) {
      return onlyAt(b.left(), array, index) && onlyAt(b.right(), array, index);
    } else if (e instanceof Expr.Conditional c) {
      return onlyAt(c.condition(), array, index) && onlyAt(c.whenTrue(), array, index)
          && onlyAt(c.whenFalse(), array, index);
    } else if (e instanceof Expr.Cast c) {
      return onlyAt(c.operand(), array, index);
    } else if (e instanceof Expr.Call c) {
      return all(c.args(), array, index);
    } else if (e instanceof Expr.Equals q) {
      return onlyAt(q.left(), array, index) && onlyAt(q.right(), array, index);
    }
    // Calls (which may read the whole array) and anything else: not only the element.
    return false;
  }
}
