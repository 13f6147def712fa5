package dev.adjoint.processor.analysis;

import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Instr;
import dev.adjoint.processor.ir.Instrs;
import dev.adjoint.processor.ir.Lowered;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds counted loops whose iterations are independent (Tapenade's "II-loops"): an iteration reads
 * nothing that an earlier iteration wrote, except running sums it only adds to. The reverse sweep
 * of such a loop re-runs each iteration forward, saving on the tape, just before reversing it, so
 * the tape holds one iteration at a time instead of all of them (the per-point scratch arrays of a
 * mixture-model likelihood, say), and the forward sweep runs the plain primal.
 *
 * <p>Every variable written in the loop must be, at each of its reads in the loop, either written
 * earlier in the same iteration (on every path; a 1-D local array counts as written once a counted
 * loop from 0 to its length has stored every element), or a running sum: read only as
 * {@code s = s + e} / {@code s = s - e}, whose adjoint needs no value of {@code s}.
 */
public final class IndependentIterations {
  private final Lowered method;
  /** The dimension expression of each 1-D local array allocated once, at the top level. */
  private final Map<Var, Expr> lengths = new HashMap<>();

  public IndependentIterations(Lowered method) {
    this.method = method;
    Map<Var, Integer> allocations = new HashMap<>();
    countAllocations(method.body(), allocations);
    for (Instr instr : method.body()) {
      if (instr instanceof Instr.NewArray n && n.copyOf() == null && n.dimensions().size() == 1
          && allocations.get(n.array()) == 1) {
        lengths.put(n.array(), n.dimensions().get(0));
      }
    }
  }

  private static void countAllocations(List<Instr> body, Map<Var, Integer> into) {
    Instrs.forEach(body, instr -> {
      if (instr instanceof Instr.NewArray n) {
        into.merge(n.array(), 1, Integer::sum);
      }
    });
  }

  /** Whether the iterations of this counted loop are independent (see the class comment). */
  public boolean independent(Instr.Loop loop) {
    if (loop.counted() == null) {
      return false;
    }
    Set<Var> written = written(loop.body());
    written.remove(loop.counted().index());
    // One save before the loop restores what it overwrites: scalars, or 1-D double/int arrays.
    for (Var v : written) {
      if (v.type().isArray() && (v.type().dims() != 1
          || v.type().prim() != Type.Prim.DOUBLE && v.type().prim() != Type.Prim.INT)) {
        return false;
      }
    }
    Set<Var> defined = new HashSet<>();
    defined.add(loop.counted().index());
    return check(loop.body(), written, runningSums(loop), defined, null, new HashMap<>());
  }

  /** The scalars the loop only ever adds to or subtracts from (see the class comment). */
  public Set<Var> runningSums(Instr.Loop loop) {
    return sums(loop, false);
  }

  /**
   * The running sums that the loop never resets either: their adjoint is the same in every
   * iteration, so the iterations can be reversed in any order.
   */
  public Set<Var> pureRunningSums(Instr.Loop loop) {
    return sums(loop, true);
  }

  private static Set<Var> sums(Instr.Loop loop, boolean pure) {
    Set<Var> sums = new LinkedHashSet<>();
    for (Var v : written(loop.body())) {
      if (!v.type().isArray() && v.kind() != Var.Kind.TEMPORARY
          && isRunningSum(v, loop.body(), pure)) {
        sums.add(v);
      }
    }
    return sums;
  }

  /** Every variable or local array that a block assigns, stores into or allocates. */
  public static Set<Var> written(List<Instr> body) {
    Set<Var> into = new LinkedHashSet<>();
    written(body, into);
    return into;
  }

  private static void written(List<Instr> body, Set<Var> into) {
    for (Instr instr : body) {
      if (instr instanceof Instr.Def d) {
        into.add(d.target());
      } else if (instr instanceof Instr.Store st) {
        into.add(st.array());
      } else if (instr instanceof Instr.CopyRange c) {
        into.add(c.target());
      } else if (instr instanceof Instr.Fill f) {
        into.add(f.target());
      } else if (instr instanceof Instr.NewArray n) {
        into.add(n.array());
      } else if (instr instanceof Instr.Branch b) {
        written(b.whenTrue(), into);
        written(b.whenFalse(), into);
      } else if (instr instanceof Instr.Loop l) {
        if (l.counted() != null) {
          into.add(l.counted().index());
        }
        if (l.tripCount() != null) {
          into.add(l.tripCount());
        }
        written(l.body(), into);
      }
    }
  }

  /**
   * Whether every read of {@code v} in the block is {@code t = v + e} or {@code t = v - e} (or
   * {@code e + v}) with {@code e} not reading {@code v}, and {@code t} read only by a following
   * {@code v = t}.
   */
  private static boolean isRunningSum(Var v, List<Instr> body, boolean pure) {
    Map<Var, Integer> tempReads = new HashMap<>();
    Set<Var> sumTemps = new HashSet<>();
    boolean[] reset = {false};
    if (!sumShapes(v, body, sumTemps, tempReads, reset) || pure && reset[0]) {
      return false;
    }
    for (Var t : sumTemps) {
      if (tempReads.getOrDefault(t, 0) != 1) {
        return false;
      }
    }
    return true;
  }

  private static boolean sumShapes(Var v, List<Instr> body, Set<Var> sumTemps,
      Map<Var, Integer> tempReads, boolean[] reset) {
    for (int k = 0; k < body.size(); k++) {
      Instr instr = body.get(k);
      Set<Var> reads = new HashSet<>();
      if (instr instanceof Instr.Def d) {
        if (d.value() instanceof Expr.Ref r && sumTemps.contains(r.var()) && d.target() == v) {
          tempReads.merge(r.var(), 1, Integer::sum);
          continue;
        }
        if (isSum(v, d.value()) && k + 1 < body.size()
            && body.get(k + 1) instanceof Instr.Def next && next.target() == v
            && next.value() instanceof Expr.Ref r && r.var() == d.target()) {
          sumTemps.add(d.target());
          continue;
        }
        reset[0] |= d.target() == v;
        Exprs.collectVars(d.value(), reads);
      } else if (instr instanceof Instr.Branch b) {
        Exprs.collectVars(b.condition(), reads);
        if (!sumShapes(v, b.whenTrue(), sumTemps, tempReads, reset)
            || !sumShapes(v, b.whenFalse(), sumTemps, tempReads, reset)) {
          return false;
        }
      } else if (instr instanceof Instr.Loop l) {
        Exprs.collectVars(l.condition(), reads);
        if (l.counted() != null) {
          Exprs.collectVars(l.counted().from(), reads);
          Exprs.collectVars(l.counted().to(), reads);
        }
        if (!sumShapes(v, l.body(), sumTemps, tempReads, reset)) {
          return false;
        }
      } else {
        Recording.reads(instr, reads);
      }
      if (reads.contains(v)) {
        return false;
      }
      for (Var r : reads) {
        if (sumTemps.contains(r)) {
          tempReads.merge(r, 2, Integer::sum);
        }
      }
    }
    return true;
  }

  private static boolean isSum(Var v, Expr value) {
    if (!(value instanceof Expr.Binary b)
        || b.op() != Expr.BinaryOp.PLUS && b.op() != Expr.BinaryOp.MINUS) {
      return false;
    }
    Set<Var> left = new HashSet<>();
    Exprs.collectVars(b.left(), left);
    Set<Var> right = new HashSet<>();
    Exprs.collectVars(b.right(), right);
    boolean leftIsV = b.left() instanceof Expr.Ref r && r.var() == v;
    boolean rightIsV = b.right() instanceof Expr.Ref r && r.var() == v;
    return leftIsV && !right.contains(v)
        || b.op() == Expr.BinaryOp.PLUS && rightIsV && !left.contains(v);
  }

  /**
   * Walks a block in order with the set of loop-written variables already written in this
   * iteration on every path; fails at a read of one that is not (and is not a running sum).
   *
   * @param index the index of the innermost counted loop whose body this is, or null
   * @param elements arrays whose element at a loop index has been stored in this iteration of
   *     that loop (so reading {@code a[i]} there is reading this iteration's value)
   */
  private boolean check(List<Instr> body, Set<Var> written, Set<Var> sums, Set<Var> defined,
      Var index, Map<Var, Var> elements) {
    Map<Var, Var> stored = new HashMap<>(elements);
    for (Instr instr : body) {
      Set<Var> reads = new HashSet<>();
      if (instr instanceof Instr.Branch b) {
        Exprs.collectVars(b.condition(), reads);
        if (!readsDefined(reads, written, sums, defined)) {
          return false;
        }
        Set<Var> whenTrue = new HashSet<>(defined);
        Set<Var> whenFalse = new HashSet<>(defined);
        if (!check(b.whenTrue(), written, sums, whenTrue, null, stored)
            || !check(b.whenFalse(), written, sums, whenFalse, null, stored)) {
          return false;
        }
        whenTrue.retainAll(whenFalse);
        defined.addAll(whenTrue);
      } else if (instr instanceof Instr.Loop l) {
        Exprs.collectVars(l.condition(), reads);
        if (l.counted() != null) {
          Exprs.collectVars(l.counted().from(), reads);
          Exprs.collectVars(l.counted().to(), reads);
        }
        Set<Var> inner = new HashSet<>(defined);
        Var innerIndex = null;
        if (l.counted() != null) {
          innerIndex = l.counted().index();
          inner.add(innerIndex);
          reads.remove(innerIndex);
        }
        if (!readsDefined(reads, written, sums, defined)
            || !check(l.body(), written, sums, inner, innerIndex, stored)) {
          return false;
        }
        // The loop may run no iteration: only arrays it provably fills count as written after it.
        defined.addAll(filledBy(l));
      } else {
        Recording.reads(instr, reads);
        if (instr instanceof Instr.Def d && d.value() instanceof Expr.ArrayRead r
            && r.array() instanceof Expr.Ref a && r.index() instanceof Expr.Ref i
            && stored.get(a.var()) == i.var()) {
          reads.remove(a.var());
        }
        if (!readsDefined(reads, written, sums, defined)) {
          return false;
        }
        if (instr instanceof Instr.Def d) {
          defined.add(d.target());
        } else if (instr instanceof Instr.Store st && index != null && st.indices().size() == 1
            && st.indices().get(0) instanceof Expr.Ref i && i.var() == index) {
          stored.put(st.array(), index);
        } else if (instr instanceof Instr.NewArray) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean readsDefined(Set<Var> reads, Set<Var> written, Set<Var> sums,
      Set<Var> defined) {
    for (Var v : reads) {
      if (written.contains(v) && !defined.contains(v) && !sums.contains(v)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The 1-D local arrays that a counted loop {@code for (i = 0; i < n; i++)} stores into at
   * {@code [i]} on every iteration, where {@code n} is the array's length (the expression it was
   * allocated with, or its {@code .length}): every element is written when it ends.
   */
  public Set<Var> filledBy(Instr.Loop l) {
    Set<Var> filled = new HashSet<>();
    var counted = l.counted();
    if (counted == null || !counted.up() || counted.inclusive()
        || !(counted.from() instanceof Expr.Literal lit) || !lit.code().equals("0")) {
      return filled;
    }
    for (Instr instr : l.body()) {
      if (instr instanceof Instr.Store st && st.indices().size() == 1
          && st.indices().get(0) instanceof Expr.Ref r && r.var() == counted.index()
          && lengths.containsKey(st.array())
          && (counted.to().equals(lengths.get(st.array()))
              && invariantLength(lengths.get(st.array()))
              || counted.to() instanceof Expr.ArrayLength len
                  && len.array() instanceof Expr.Ref a && a.var() == st.array())) {
        filled.add(st.array());
      }
    }
    return filled;
  }

  /** A length expression whose variables are assigned once (so it means the same everywhere). */
  private boolean invariantLength(Expr length) {
    Set<Var> vars = new HashSet<>();
    Exprs.collectVars(length, vars);
    return vars.stream().noneMatch(method.mutable()::contains);
  }
}
