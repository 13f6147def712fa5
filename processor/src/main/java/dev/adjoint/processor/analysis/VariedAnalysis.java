package dev.adjoint.processor.analysis;

import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.Function.Statement;
import dev.adjoint.processor.ir.Var;
import java.util.List;
import java.util.Set;

/**
 * Forward activity ("varied": depends on a wrt parameter) for variables whose value flows around
 * loops and branches: mutable scalars and local arrays. Flow-insensitive, iterated to a fixpoint.
 * Variables assigned exactly once are left to lowering, which marks them in program order.
 */
public final class VariedAnalysis {
  private VariedAnalysis() {}

  public static void run(Function f, Set<Var> mutable) {
    boolean changed = true;
    while (changed) {
      changed = visit(f.body());
    }
    // Keep the flow-insensitive result only where lowering cannot do better.
    clear(f.body(), mutable);
  }

  private static boolean visit(List<Statement> body) {
    boolean changed = false;
    for (Statement s : body) {
      if (s instanceof Function.Assign a) {
        changed |= a.target().type().isReal() && Exprs.isVaried(a.value()) && mark(a.target());
      } else if (s instanceof Function.Store st) {
        changed |= Exprs.isVaried(st.value()) && mark(st.array());
      } else if (s instanceof Function.NewArray n) {
        changed |= n.copyOf() != null && Exprs.isVaried(n.copyOf()) && mark(n.array());
      } else if (s instanceof Function.CopyRange c) {
        changed |= Exprs.isVaried(c.source()) && mark(c.target());
      } else if (s instanceof Function.Fill fill) {
        changed |= Exprs.isVaried(fill.value()) && mark(fill.target());
      } else if (s instanceof Function.If i) {
        changed |= visit(i.whenTrue()) | visit(i.whenFalse());
      } else if (s instanceof Function.Loop l) {
        changed |= visit(l.body()) | visit(l.update());
      } else if (s instanceof Function.Block b) {
        changed |= visit(b.body());
      }
    }
    return changed;
  }

  private static boolean mark(Var v) {
    if (v.varied()) {
      return false;
    }
    v.markVaried();
    return true;
  }

  private static void clear(List<Statement> body, Set<Var> mutable) {
    for (Statement s : body) {
      if (s instanceof Function.Assign a && !mutable.contains(a.target())
          && a.target().kind() != Var.Kind.PARAMETER) {
        a.target().clearVaried();
      } else if (s instanceof Function.If i) {
        clear(i.whenTrue(), mutable);
        clear(i.whenFalse(), mutable);
      } else if (s instanceof Function.Loop l) {
        clear(l.body(), mutable);
        clear(l.update(), mutable);
      }
    }
  }
}
