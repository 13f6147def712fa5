package dev.adjoint.processor.lower;

import com.palantir.javapoet.NameAllocator;
import dev.adjoint.processor.analysis.Exprs;
import dev.adjoint.processor.analysis.VariedAnalysis;
import dev.adjoint.processor.ir.Callee;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.Function.Statement;
import dev.adjoint.processor.ir.Instr;
import dev.adjoint.processor.ir.Lowered;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lowers a parsed method to three-address form with structured control flow, and runs activity
 * analysis.
 *
 * <p>Postconditions: break, continue and early return are gone ({@link JumpRemoval}); a variable
 * assigned only at the top level gets a fresh version per assignment (single assignment, nothing
 * overwritten), while one assigned inside a branch or loop keeps one storage location ("mutable");
 * a definition is {@code active} exactly when its value depends on a wrt parameter (varied) and
 * influences the result (useful); active definitions hold one operation over atoms, inactive ones
 * keep the user's expression whole; a varied value assigned to a mutable variable is computed into
 * a temporary first, so that the assignment itself is a plain copy; {@code ?:} with an active side
 * becomes a {@link Instr.Branch} so that only the taken side is evaluated. All names come from one
 * allocator, so they cannot collide.
 */
public final class Lowering {
  private final NameAllocator names;
  private final Set<Var> mutable;
  private final Map<Var, Var> current = new HashMap<>();
  private final Map<Var, Integer> versions = new HashMap<>();
  private int temporaries;
  /**
   * Within the statement being lowered (and the side of a ?: being lowered): varied array
   * elements already read into a temporary, by their renamed expression. Nothing is stored
   * before a statement ends, so {@code x[i] * x[i]} reads {@code x[i]} once (and its rule sees
   * one operand twice).
   */
  private Map<Expr, Var> statementReads = new HashMap<>();

  private Lowering(NameAllocator names, Set<Var> mutable) {
    this.names = names;
    this.mutable = mutable;
  }

  /**
   * Lowers {@code function}. Parameter names must already be reserved in {@code names} (tagged
   * with their {@link Var}), so that the forward sweep refers to the parameters themselves.
   */
  public static Lowered lower(Function function, NameAllocator names) {
    Function structured = JumpRemoval.apply(function);
    Set<Var> mutable = new LinkedHashSet<>();
    collectMutable(structured.body(), false, mutable);
    VariedAnalysis.run(structured, mutable);
    Lowering lowering = new Lowering(names, mutable);
    for (Var p : function.parameters()) {
      p.setName(names.get(p));
      lowering.current.put(p, p);
      // A reassigned parameter gets fresh versions; the parameter itself is version 1.
      lowering.versions.put(p, 1);
    }
    for (Var m : mutable) {
      if (m.kind() != Var.Kind.PARAMETER) {
        m.setName(names.newName(m.sourceName(), m));
      }
      lowering.current.put(m, m);
    }
    List<Instr> body = new ArrayList<>();
    Expr result = lowering.statements(structured.body(), body);
    lowering.nameTemporaries(body);
    Set<Var> useful = new HashSet<>();
    if (result instanceof Expr.Ref r) {
      useful.add(r.var());
    }
    while (markUseful(body, useful)) {
      // Iterate: around loops, usefulness flows backwards through later iterations.
    }
    return new Lowered(structured, restrictToUseful(body, useful), result, mutable, useful);
  }

  /** Variables assigned inside a branch or loop (and counted-loop indices). */
  private static void collectMutable(List<Statement> body, boolean nested, Set<Var> into) {
    for (Statement s : body) {
      if (s instanceof Function.Assign a && nested) {
        into.add(a.target());
      } else if (s instanceof Function.If i) {
        collectMutable(i.whenTrue(), true, into);
        collectMutable(i.whenFalse(), true, into);
      } else if (s instanceof Function.Loop l) {
        if (l.counted() != null) {
          into.add(l.counted().index());
        } else {
          collectMutable(l.update(), true, into);
        }
        collectMutable(l.body(), true, into);
      }
    }
  }

  /** Lowers statements into {@code out}; returns the returned atom if the list ends in return. */
  private Expr statements(List<Statement> body, List<Instr> out) {
    Expr result = null;
    for (Statement s : body) {
      statementReads = new HashMap<>();
      out.add(new Instr.SourceLine(s.line(), s.text()));
      if (s instanceof Function.Assign a) {
        assign(a.target(), a.value(), out);
      } else if (s instanceof Function.Return r) {
        result = toAtom(r.value(), out);
      } else if (s instanceof Function.If i) {
        Expr condition = toAtom(i.condition(), out);
        List<Instr> whenTrue = new ArrayList<>();
        List<Instr> whenFalse = new ArrayList<>();
        statements(i.whenTrue(), whenTrue);
        statements(i.whenFalse(), whenFalse);
        out.add(new Instr.Branch(condition, whenTrue, whenFalse, true));
      } else if (s instanceof Function.Loop l) {
        loop(l, out);
      } else if (s instanceof Function.Store st) {
        int before = out.size();
        List<Expr> indices = new ArrayList<>();
        for (Expr index : st.indices()) {
          indices.add(toAtom(index, out));
        }
        int indexDefs = out.size() - before;
        Expr value = toAtom(st.value(), out);
        out.add(new Instr.Store(st.array(), indices, value, st.array().varied(), indexDefs));
      } else if (s instanceof Function.NewArray n) {
        n.array().setName(names.newName(n.array().sourceName(), n.array()));
        current.put(n.array(), n.array());
        List<Expr> dims = new ArrayList<>();
        for (Expr d : n.dimensions()) {
          dims.add(toAtom(d, out));
        }
        out.add(new Instr.NewArray(n.array(), dims, n.copyOf() == null ? null : rename(n.copyOf())));
      } else if (s instanceof Function.CopyRange c) {
        out.add(new Instr.CopyRange(rename(c.source()), toAtom(c.sourcePos(), out), c.target(),
            toAtom(c.targetPos(), out), toAtom(c.length(), out)));
      } else if (s instanceof Function.Fill f) {
        Expr from = f.from() == null ? null : toAtom(f.from(), out);
        Expr to = f.to() == null ? null : toAtom(f.to(), out);
        out.add(new Instr.Fill(f.target(), from, to, toAtom(f.value(), out)));
      } else {
        throw new IllegalStateException("unexpected statement after jump removal: " + s);
      }
    }
    return result;
  }

  private void assign(Var target, Expr value, List<Instr> out) {
    if (!mutable.contains(target)) {
      Var version = define(target);
      lowerInto(value, version, out);
      current.put(target, version);
      return;
    }
    Expr renamed = rename(value);
    if (value.isAtom() || !Exprs.isVaried(renamed)) {
      out.add(new Instr.Def(target, renamed, Exprs.isVaried(renamed)));
    } else {
      // The value goes to a temporary first: the assignment proper is then a copy, whose reverse
      // never needs the old value of the target.
      Var t = temporary(value);
      lowerInto(value, t, out);
      out.add(new Instr.Def(target, new Expr.Ref(t), true));
    }
  }

  private void loop(Function.Loop l, List<Instr> out) {
    List<Instr> body = new ArrayList<>();
    statements(l.body(), body);
    if (l.counted() == null) {
      statements(l.update(), body);
    }
    Function.Counted counted = l.counted() == null ? null
        : new Function.Counted(l.counted().index(), rename(l.counted().from()),
            rename(l.counted().to()), l.counted().inclusive(), l.counted().up());
    Var trip = counted == null ? new Var("trip", Type.INT, Var.Kind.TEMPORARY) : null;
    out.add(new Instr.Loop(l.testFirst(), rename(l.condition()), body, counted, trip));
  }

  /** A fresh version of source variable {@code v}: the variable itself the first time. */
  private Var define(Var v) {
    int n = versions.merge(v, 1, Integer::sum);
    Var version = n == 1 ? v : new Var(v.sourceName(), v.type(), Var.Kind.LOCAL);
    version.setName(names.newName(n == 1 ? v.sourceName() : v.sourceName() + n, version));
    return version;
  }

  /** A temporary; it is named later, in order of definition, so that t1, t2, ... read top-down. */
  private static Var temporary(Expr e) {
    return new Var("t", e.type(), Var.Kind.TEMPORARY);
  }

  private void nameTemporaries(List<Instr> body) {
    for (Instr instr : body) {
      if (instr instanceof Instr.Def d && d.target().kind() == Var.Kind.TEMPORARY
          && !d.target().hasName()) {
        d.target().setName(names.newName("t" + ++temporaries, d.target()));
      } else if (instr instanceof Instr.Branch b) {
        nameTemporaries(b.whenTrue());
        nameTemporaries(b.whenFalse());
      } else if (instr instanceof Instr.Loop l) {
        if (l.tripCount() != null) {
          l.tripCount().setName(names.newName("trip", l.tripCount()));
        }
        nameTemporaries(l.body());
      }
    }
  }

  /** Returns an atom for {@code e}, emitting the definitions that compute it into {@code out}. */
  private Expr toAtom(Expr e, List<Instr> out) {
    if (e instanceof Expr.Literal || e instanceof Expr.Constant) {
      return e;
    }
    if (e instanceof Expr.Ref r) {
      return new Expr.Ref(current(r.var()));
    }
    Expr read = e instanceof Expr.ArrayRead ? rename(e) : null;
    if (read != null && statementReads.containsKey(read)) {
      return new Expr.Ref(statementReads.get(read));
    }
    Var t = temporary(e);
    lowerInto(e, t, out);
    if (read != null && Exprs.isVaried(read)) {
      statementReads.put(read, t);
    }
    return new Expr.Ref(t);
  }

  private void lowerInto(Expr e, Var target, List<Instr> out) {
    Expr renamed = rename(e);
    if (!Exprs.isVaried(renamed)) {
      out.add(new Instr.Def(target, renamed, false));
      return;
    }
    target.markVaried();
    if (e.isAtom()) {
      out.add(new Instr.Def(target, renamed, true));
    } else if (e instanceof Expr.Conditional c) {
      Expr condition = toAtom(c.condition(), out);
      List<Instr> whenTrue = new ArrayList<>();
      List<Instr> whenFalse = new ArrayList<>();
      // A read on one side is not there on the other, nor after.
      Map<Expr, Var> before = statementReads;
      statementReads = new HashMap<>(before);
      lowerInto(c.whenTrue(), target, whenTrue);
      statementReads = new HashMap<>(before);
      lowerInto(c.whenFalse(), target, whenFalse);
      statementReads = before;
      out.add(new Instr.Branch(condition, whenTrue, whenFalse, false));
    } else if (e instanceof Expr.Unary u) {
      out.add(active(target, new Expr.Unary(u.op(), toAtom(u.operand(), out), u.type())));
    } else if (e instanceof Expr.Binary b) {
      Expr left = toAtom(b.left(), out);
      Expr right = toAtom(b.right(), out);
      out.add(active(target, new Expr.Binary(b.op(), left, right, b.type())));
    } else if (e instanceof Expr.Cast c) {
      out.add(active(target, new Expr.Cast(c.type(), toAtom(c.operand(), out))));
    } else if (e instanceof Expr.Call c) {
      List<Expr> args = new ArrayList<>();
      for (Expr a : c.args()) {
        args.add(toAtom(a, out));
      }
      out.add(active(target, new Expr.Call(c.function(), c.owner(), args, c.type())));
    } else if (e instanceof Expr.Invoke c) {
      List<Expr> args = new ArrayList<>();
      for (Expr a : c.args()) {
        // A row m[i] is passed as it is: its adjoint is the row of m's adjoint.
        args.add(a.type().isArray() ? arrayPath(a, out) : toAtom(a, out));
      }
      out.add(active(target, new Expr.Invoke(renameReceiver(c.callee()), args, c.type())));
    } else if (e instanceof Expr.ArrayRead r) {
      out.add(active(target, arrayPath(r, out)));
    } else {
      throw new IllegalStateException("cannot lower active " + e);
    }
  }

  private Callee renameReceiver(Callee c) {
    if (c.receiver() == null) {
      return c;
    }
    return new Callee(c.owner(), c.name(), c.parameters(), rename(c.receiver()), c.pullbackOwner(),
        c.pullback(), c.accumulators(), c.display(), c.site());
  }

  private static Instr.Def active(Var target, Expr op) {
    return new Instr.Def(target, op, true);
  }

  /** {@code a[i][j]} with atom indices, keeping the array variable itself as the base. */
  private Expr arrayPath(Expr e, List<Instr> out) {
    if (e instanceof Expr.ArrayRead r) {
      Expr array = arrayPath(r.array(), out);
      return new Expr.ArrayRead(array, toAtom(r.index(), out), r.type());
    }
    return rename(e);
  }

  private Var current(Var source) {
    Var v = current.get(source);
    if (v == null) {
      throw new IllegalStateException("read of unassigned variable " + source.sourceName());
    }
    return v;
  }

  /** Replaces source variables by their current versions. */
  private Expr rename(Expr e) {
    if (e instanceof Expr.Ref r) {
      return new Expr.Ref(current(r.var()));
    } else if (e instanceof Expr.Unary u) {
      return new Expr.Unary(u.op(), rename(u.operand()), u.type());
    } else if (e instanceof Expr.Binary b) {
      return new Expr.Binary(b.op(), rename(b.left()), rename(b.right()), b.type());
    } else if (e instanceof Expr.Conditional c) {
      return new Expr.Conditional(
          rename(c.condition()), rename(c.whenTrue()), rename(c.whenFalse()), c.type());
    } else if (e instanceof Expr.Cast c) {
      return new Expr.Cast(c.type(), rename(c.operand()));
    } else if (e instanceof Expr.Call c) {
      return new Expr.Call(
          c.function(), c.owner(), c.args().stream().map(this::rename).toList(), c.type());
    } else if (e instanceof Expr.Invoke c) {
      return new Expr.Invoke(
          renameReceiver(c.callee()), c.args().stream().map(this::rename).toList(), c.type());
    } else if (e instanceof Expr.ArrayRead r) {
      return new Expr.ArrayRead(rename(r.array()), rename(r.index()), r.type());
    } else if (e instanceof Expr.ArrayLength l) {
      return new Expr.ArrayLength(rename(l.array()));
    } else if (e instanceof Expr.Equals q) {
      return new Expr.Equals(rename(q.left()), rename(q.right()));
    }
    return e;
  }

  /** One backward pass: a variable is useful when the result depends on it. */
  private static boolean markUseful(List<Instr> body, Set<Var> useful) {
    boolean changed = false;
    for (int i = body.size() - 1; i >= 0; i--) {
      Instr instr = body.get(i);
      Set<Var> reads = new HashSet<>();
      if (instr instanceof Instr.Def d && useful.contains(d.target())) {
        Exprs.collectVars(d.value(), reads);
      } else if (instr instanceof Instr.Store st && useful.contains(st.array())) {
        Exprs.collectVars(st.value(), reads);
      } else if (instr instanceof Instr.NewArray n && useful.contains(n.array())) {
        Exprs.collectVars(n.copyOf(), reads);
      } else if (instr instanceof Instr.CopyRange c && useful.contains(c.target())) {
        Exprs.collectVars(c.source(), reads);
      } else if (instr instanceof Instr.Fill f && useful.contains(f.target())) {
        Exprs.collectVars(f.value(), reads);
      } else if (instr instanceof Instr.Branch b) {
        changed |= markUseful(b.whenTrue(), useful) | markUseful(b.whenFalse(), useful);
      } else if (instr instanceof Instr.Loop l) {
        changed |= markUseful(l.body(), useful);
      }
      changed |= useful.addAll(reads);
    }
    return changed;
  }

  /** Clears the active flag of definitions whose value never reaches the result. */
  private static List<Instr> restrictToUseful(List<Instr> body, Set<Var> useful) {
    List<Instr> out = new ArrayList<>();
    for (Instr instr : body) {
      if (instr instanceof Instr.Def d && d.active() && !useful.contains(d.target())) {
        out.add(new Instr.Def(d.target(), d.value(), false));
      } else if (instr instanceof Instr.Store st) {
        out.add(new Instr.Store(st.array(), st.indices(), st.value(),
            st.array().varied() && useful.contains(st.array()), st.indexDefs()));
      } else if (instr instanceof Instr.Branch b) {
        out.add(new Instr.Branch(b.condition(), restrictToUseful(b.whenTrue(), useful),
            restrictToUseful(b.whenFalse(), useful), b.statement()));
      } else if (instr instanceof Instr.Loop l) {
        out.add(new Instr.Loop(l.testFirst(), l.condition(), restrictToUseful(l.body(), useful),
            l.counted(), l.tripCount()));
      } else {
        out.add(instr);
      }
    }
    return out;
  }
}
