package dev.adjoint.processor.analysis;

import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Instr;
import dev.adjoint.processor.ir.Lowered;
import dev.adjoint.processor.ir.Var;
import dev.adjoint.processor.rules.RuleUses;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * To-be-recorded analysis: which overwritten values the reverse sweep reads, and so must be saved
 * on the tape before they are overwritten (and restored as the reverse sweep passes back over the
 * overwrite).
 *
 * <p>The reverse sweep reads: every variable used by a statement with adjoint work (inside loops
 * such statements are recomputed from their inputs), the conditions of branches it must replay,
 * and the bounds of counted loops it runs backwards. Of those, only values that are actually
 * overwritten need saving: mutable variables, temporaries defined inside loops (branch conditions
 * only; other temporaries are recomputed), and elements of local arrays that are written.
 */
public final class Recording {
  private final Lowered method;
  private final Set<Var> saved = new HashSet<>();
  private final Set<Var> definedInLoops = new HashSet<>();
  private final Set<Var> countedIndices = new HashSet<>();
  private final Set<Var> writtenArrays = new HashSet<>();

  public Recording(Lowered method) {
    this.method = method;
    scan(method.body(), false);
    boolean changed = true;
    while (changed) {
      changed = collect(method.body());
    }
  }

  /** Whether a definition of (or store into) {@code v} must first save the old value. */
  public boolean saved(Var v) {
    return saved.contains(v);
  }

  /** Whether the reverse sweep has anything to do for this instruction (adjoints or restores). */
  public boolean needsReverse(Instr instr) {
    if (instr instanceof Instr.Def d) {
      return hasAdjoint(d) || saved.contains(d.target());
    } else if (instr instanceof Instr.Store st) {
      return st.active() || saved.contains(st.array());
    } else if (instr instanceof Instr.NewArray n) {
      return n.copyOf() != null && method.active(n.array());
    } else if (instr instanceof Instr.CopyRange c) {
      return method.active(c.target()) || saved.contains(c.target());
    } else if (instr instanceof Instr.Fill f) {
      return method.active(f.target()) || saved.contains(f.target());
    } else if (instr instanceof Instr.Branch b) {
      return b.whenTrue().stream().anyMatch(this::needsReverse)
          || b.whenFalse().stream().anyMatch(this::needsReverse);
    } else if (instr instanceof Instr.Loop l) {
      return l.body().stream().anyMatch(this::needsReverse);
    }
    return false;
  }

  /** Whether the instruction carries adjoint work (not just restores). */
  public boolean hasAdjoint(Instr instr) {
    if (instr instanceof Instr.Def d) {
      // Overwriting an active variable, even with a constant, clears its adjoint.
      return d.active() || method.mutable().contains(d.target()) && method.active(d.target());
    } else if (instr instanceof Instr.Store st) {
      return st.active();
    } else if (instr instanceof Instr.NewArray n) {
      return n.copyOf() != null && method.active(n.array());
    } else if (instr instanceof Instr.CopyRange c) {
      return method.active(c.target());
    } else if (instr instanceof Instr.Fill f) {
      return method.active(f.target());
    } else if (instr instanceof Instr.Branch b) {
      return b.whenTrue().stream().anyMatch(this::hasAdjoint)
          || b.whenFalse().stream().anyMatch(this::hasAdjoint);
    } else if (instr instanceof Instr.Loop l) {
      return l.body().stream().anyMatch(this::hasAdjoint);
    }
    return false;
  }

  /** Whether anything is saved at all (the method then needs a tape). */
  public boolean any() {
    return !saved.isEmpty();
  }

  private void scan(List<Instr> body, boolean inLoop) {
    for (Instr instr : body) {
      if (instr instanceof Instr.Def d && inLoop) {
        definedInLoops.add(d.target());
      } else if (instr instanceof Instr.Store st) {
        writtenArrays.add(st.array());
      } else if (instr instanceof Instr.CopyRange c) {
        writtenArrays.add(c.target());
      } else if (instr instanceof Instr.Fill f) {
        writtenArrays.add(f.target());
      } else if (instr instanceof Instr.Branch b) {
        scan(b.whenTrue(), inLoop);
        scan(b.whenFalse(), inLoop);
      } else if (instr instanceof Instr.Loop l) {
        if (l.counted() != null) {
          countedIndices.add(l.counted().index());
        }
        scan(l.body(), true);
      }
    }
  }

  /** One pass over the body; true when a new value had to be saved. */
  private boolean collect(List<Instr> body) {
    boolean changed = false;
    for (List<Instr> group : groups(body)) {
      List<Instr> simple = simple(group);
      for (Var v : needed(simple)) {
        changed |= save(v, false);
      }
      changed |= saveIndicesReadingTheirArray(simple);
    }
    for (Instr instr : body) {
      if (instr instanceof Instr.Branch b && b.statement()) {
        changed |= collect(b.whenTrue()) | collect(b.whenFalse());
        if (needsReverse(b) && b.condition() instanceof Expr.Ref r) {
          changed |= save(r.var(), true);
        }
      } else if (instr instanceof Instr.Loop l) {
        changed |= collect(l.body());
        if (l.counted() != null && needsReverse(l)) {
          Set<Var> bounds = new HashSet<>();
          Exprs.collectVars(l.counted().from(), bounds);
          Exprs.collectVars(l.counted().to(), bounds);
          for (Var v : bounds) {
            changed |= save(v, false);
          }
        }
      }
    }
    return changed;
  }

  /**
   * An index computed from the very array being stored into ({@code v[v[0] > 0 ? i : j] = ...})
   * cannot be recomputed once the store happened: such index temporaries are kept instead.
   */
  private boolean saveIndicesReadingTheirArray(List<Instr> simple) {
    if (simple.isEmpty() || !(simple.get(simple.size() - 1) instanceof Instr.Store st)
        || !needsReverse(st)) {
      return false;
    }
    Set<Var> reads = new HashSet<>();
    for (Instr instr : simple.subList(0, st.indexDefs())) {
      if (instr instanceof Instr.Def d) {
        Exprs.collectVars(d.value(), reads);
      }
    }
    if (!reads.contains(st.array())) {
      return false;
    }
    boolean changed = false;
    for (Expr index : st.indices()) {
      if (index instanceof Expr.Ref r && r.var().kind() == Var.Kind.TEMPORARY
          && definedInLoops.contains(r.var())) {
        changed |= saved.add(r.var());
      }
    }
    return changed;
  }

  private boolean save(Var v, boolean condition) {
    boolean overwritten = method.mutable().contains(v) && !countedIndices.contains(v)
        || v.type().isArray() && writtenArrays.contains(v)
        || condition && definedInLoops.contains(v);
    return overwritten && saved.add(v);
  }

  /**
   * The variables whose values the reverse of one statement reads: operands and results that its
   * partial derivatives use, indices of its array accesses, conditions of its {@code ?:} with
   * adjoint work, and, transitively, the inputs of those of its intermediate values (which
   * inside loops are recomputed).
   */
  public Set<Var> needed(List<Instr> simple) {
    Set<Var> needed = new LinkedHashSet<>();
    // A ?: result is defined once per side: follow every definition.
    Map<Var, List<Instr.Def>> defs = new HashMap<>();
    seeds(simple, needed, defs);
    List<Var> work = new ArrayList<>(needed);
    while (!work.isEmpty()) {
      for (Instr.Def d : defs.getOrDefault(work.remove(work.size() - 1), List.of())) {
        Set<Var> inputs = new HashSet<>();
        Exprs.collectVars(d.value(), inputs);
        for (Var v : inputs) {
          if (needed.add(v)) {
            work.add(v);
          }
        }
      }
    }
    return needed;
  }

  private void seeds(List<Instr> instrs, Set<Var> needed, Map<Var, List<Instr.Def>> defs) {
    for (Instr instr : instrs) {
      if (instr instanceof Instr.Def d) {
        defs.computeIfAbsent(d.target(), k -> new ArrayList<>()).add(d);
        if (d.active()) {
          usedValues(d, needed);
        }
      } else if (instr instanceof Instr.Store st && needsReverse(st)) {
        st.indices().forEach(i -> Exprs.collectVars(i, needed));
      } else if (instr instanceof Instr.CopyRange c && needsReverse(c)) {
        Exprs.collectVars(c.sourcePos(), needed);
        Exprs.collectVars(c.targetPos(), needed);
        Exprs.collectVars(c.length(), needed);
      } else if (instr instanceof Instr.Fill f && needsReverse(f)) {
        Exprs.collectVars(f.from(), needed);
        Exprs.collectVars(f.to(), needed);
      } else if (instr instanceof Instr.Branch b) {
        if (hasAdjoint(b)) {
          Exprs.collectVars(b.condition(), needed);
        }
        seeds(b.whenTrue(), needed, defs);
        seeds(b.whenFalse(), needed, defs);
      }
    }
  }

  private static void usedValues(Instr.Def d, Set<Var> needed) {
    Expr op = d.value();
    if (op instanceof Expr.ArrayRead) {
      for (Expr e = op; e instanceof Expr.ArrayRead r; e = r.array()) {
        Exprs.collectVars(r.index(), needed);
      }
      return;
    }
    List<Expr> operands = operands(op);
    RuleUses uses = RuleUses.of(op, operands.size());
    for (int i = 0; i < operands.size(); i++) {
      if (uses.operands()[i]) {
        Exprs.collectVars(operands.get(i), needed);
      }
    }
    if (uses.result()) {
      needed.add(d.target());
    }
  }

  /** The operands of an active operation, in the order the rules number them. */
  public static List<Expr> operands(Expr op) {
    if (op instanceof Expr.Binary b) {
      return List.of(b.left(), b.right());
    } else if (op instanceof Expr.Unary u) {
      return List.of(u.operand());
    } else if (op instanceof Expr.Cast c) {
      return List.of(c.operand());
    } else if (op instanceof Expr.Call c) {
      return c.args();
    } else if (op instanceof Expr.Ref) {
      return List.of(op);
    }
    return List.of();
  }

  /**
   * Splits a block into the units the reverse sweep handles one at a time: the instructions of one
   * source statement, led by its {@link Instr.SourceLine}; an if statement or loop comes last in
   * its unit, after the instructions that compute its condition.
   */
  public static List<List<Instr>> groups(List<Instr> body) {
    List<List<Instr>> groups = new ArrayList<>();
    List<Instr> group = new ArrayList<>();
    for (Instr instr : body) {
      if (instr instanceof Instr.SourceLine && !group.isEmpty()) {
        groups.add(group);
        group = new ArrayList<>();
      }
      group.add(instr);
    }
    if (!group.isEmpty()) {
      groups.add(group);
    }
    return groups;
  }

  /** The simple instructions of a group: without its source line and trailing if or loop. */
  public static List<Instr> simple(List<Instr> group) {
    int from = group.get(0) instanceof Instr.SourceLine ? 1 : 0;
    int to = group.size();
    if (to > from && isCompound(group.get(to - 1))) {
      to--;
    }
    return group.subList(from, to);
  }

  /** An if statement or loop, as opposed to the instructions of one statement. */
  public static boolean isCompound(Instr instr) {
    return instr instanceof Instr.Loop || instr instanceof Instr.Branch b && b.statement();
  }
}
