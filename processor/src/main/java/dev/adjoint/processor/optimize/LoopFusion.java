package dev.adjoint.processor.optimize;

import dev.adjoint.processor.analysis.Recording;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.Instr;
import dev.adjoint.processor.ir.Lowered;
import dev.adjoint.processor.ir.Var;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fuses adjacent counted loops over the same range when iteration {@code i} of the second reads
 * and writes only what iteration {@code i} of the first does, as in
 *
 * <pre>
 * for (int id = 0; id < d; id++) xc[id] = x[id] - mu[id];
 * for (int id = 0; id < d; id++) qx[id] = q[id] * xc[id];
 * </pre>
 *
 * <p>The fused loop computes the same values in the same order per element; the sweeps then
 * have one loop forward and one in reverse instead of two each (fewer loop overheads, and the
 * reverse reads each element while it is hot), which is how hand-written adjoints are laid out.
 *
 * <p>Legal when both loops are counted (their bodies change neither index nor bounds) with equal
 * bounds and direction, neither defines a scalar that the other reads or defines, and every
 * array that one writes and the other touches is accessed in both, read or written, only as
 * {@code a[i]} with the loop's own index. Loops that copy, fill or allocate arrays are left alone.
 */
public final class LoopFusion {
  private LoopFusion() {}

  public static Lowered apply(Lowered method) {
    List<Instr> body = fuse(method.body());
    return body.equals(method.body()) ? method
        : new Lowered(method.function(), body, method.result(), method.mutable(),
            method.useful());
  }

  private static List<Instr> fuse(List<Instr> body) {
    List<Instr> out = new ArrayList<>();
    for (Instr instr : body) {
      Instr current = inside(instr);
      int previous = out.size() - 1;
      while (previous >= 0 && out.get(previous) instanceof Instr.SourceLine) {
        previous--;
      }
      if (current instanceof Instr.Loop second && previous >= 0
          && out.get(previous) instanceof Instr.Loop first && sameRange(first, second)) {
        Var index = first.counted().index();
        List<Instr> renamed = new Substitution(Map.of(second.counted().index(), index))
            .applyToAll(second.body());
        if (independent(first.body(), renamed, index)) {
          List<Instr> fused = new ArrayList<>(first.body());
          for (Instr line : out.subList(previous + 1, out.size())) {
            Instr.SourceLine header = (Instr.SourceLine) line;
            fused.add(header.line() > 0
                ? new Instr.SourceLine(0, "line " + header.line()
                    + " (a loop over the same range, fused with this one): " + header.text())
                : header);
          }
          fused.addAll(renamed);
          out.subList(previous + 1, out.size()).clear();
          out.set(previous, new Instr.Loop(first.testFirst(), first.condition(), fused,
              first.counted(), first.tripCount()));
          continue;
        }
      }
      out.add(current);
    }
    return out;
  }

  /** The instruction with loops inside it fused. */
  private static Instr inside(Instr instr) {
    if (instr instanceof Instr.Branch b) {
      return new Instr.Branch(b.condition(), fuse(b.whenTrue()), fuse(b.whenFalse()),
          b.statement());
    } else if (instr instanceof Instr.Loop l) {
      return new Instr.Loop(l.testFirst(), l.condition(), fuse(l.body()), l.counted(),
          l.tripCount());
    }
    return instr;
  }

  private static boolean sameRange(Instr.Loop first, Instr.Loop second) {
    Function.Counted a = first.counted();
    Function.Counted b = second.counted();
    return a != null && b != null && first.testFirst() && second.testFirst()
        && a.up() == b.up() && a.inclusive() == b.inclusive()
        && a.from().equals(b.from()) && a.to().equals(b.to());
  }

  /** Whether iteration i of {@code second} depends only on iteration i of {@code first}. */
  private static boolean independent(List<Instr> first, List<Instr> second, Var index) {
    Accesses a = new Accesses(index);
    Accesses b = new Accesses(index);
    first.forEach(a::scan);
    second.forEach(b::scan);
    if (a.other || b.other) {
      return false;
    }
    Set<Var> readsA = new HashSet<>();
    first.forEach(i -> Recording.reads(i, readsA));
    Set<Var> readsB = new HashSet<>();
    second.forEach(i -> Recording.reads(i, readsB));
    for (Var v : a.defined) {
      if (readsB.contains(v) || b.defined.contains(v)) {
        return false;
      }
    }
    for (Var v : b.defined) {
      if (readsA.contains(v)) {
        return false;
      }
    }
    Set<Var> arrays = new HashSet<>(a.written);
    arrays.addAll(b.written);
    for (Var array : arrays) {
      boolean touchedByBoth = a.elementwise.containsKey(array) && b.elementwise.containsKey(array);
      if (touchedByBoth && !(a.elementwise.get(array) && b.elementwise.get(array))) {
        return false;
      }
    }
    return true;
  }

  /** The scalars a loop body defines and how it accesses arrays. */
  private static final class Accesses {
    private final Var index;
    final Set<Var> defined = new HashSet<>();
    final Set<Var> written = new HashSet<>();
    /** Arrays touched, and whether only as {@code a[index]}. */
    final Map<Var, Boolean> elementwise = new HashMap<>();
    /** Copies, fills or allocations: not fused. */
    boolean other;

    Accesses(Var index) {
      this.index = index;
    }

    void scan(Instr instr) {
      if (instr instanceof Instr.Def d) {
        defined.add(d.target());
        expr(d.value());
      } else if (instr instanceof Instr.Store st) {
        written.add(st.array());
        touch(st.array(), st.indices().size() == 1 && atIndex(st.indices().get(0)));
        st.indices().forEach(this::expr);
        expr(st.value());
      } else if (instr instanceof Instr.Branch b) {
        expr(b.condition());
        b.whenTrue().forEach(this::scan);
        b.whenFalse().forEach(this::scan);
      } else if (instr instanceof Instr.Loop l) {
        if (l.counted() != null) {
          defined.add(l.counted().index());
          expr(l.counted().from());
          expr(l.counted().to());
        }
        if (l.tripCount() != null) {
          defined.add(l.tripCount());
        }
        expr(l.condition());
        l.body().forEach(this::scan);
      } else if (!(instr instanceof Instr.SourceLine)) {
        other = true;
      }
    }

    private void expr(Expr e) {
      if (e == null) {
        return;
      }
      if (e instanceof Expr.ArrayRead r && r.array() instanceof Expr.Ref a) {
        touch(a.var(), atIndex(r.index()));
        expr(r.index());
      } else if (e instanceof Expr.ArrayLength) {
        // Lengths: no array here is allocated or reassigned (that would be "other").
      } else if (e instanceof Expr.Ref r) {
        if (r.type().isArray()) {
          touch(r.var(), false);
        }
      } else if (e instanceof Expr.ArrayRead r) {
        expr(r.array());
        expr(r.index());
      } else if (e instanceof Expr.Unary u) {
        expr(u.operand());
      } else if (e instanceof Expr.Binary b) {
        expr(b.left());
        expr(b.right());
      } else if (e instanceof Expr.Conditional c) {
        expr(c.condition());
        expr(c.whenTrue());
        expr(c.whenFalse());
      } else if (e instanceof Expr.Cast c) {
        expr(c.operand());
      } else if (e instanceof Expr.Call c) {
        c.args().forEach(this::expr);
      } else if (e instanceof Expr.Invoke c) {
        expr(c.callee().receiver());
        c.args().forEach(this::expr);
      } else if (e instanceof Expr.Equals q) {
        expr(q.left());
        expr(q.right());
      } else if (!(e instanceof Expr.Literal || e instanceof Expr.Constant)) {
        other = true;
      }
    }

    private boolean atIndex(Expr e) {
      return e instanceof Expr.Ref r && r.var() == index;
    }

    private void touch(Var array, boolean atIndex) {
      elementwise.merge(array, atIndex, Boolean::logicalAnd);
    }
  }
}
