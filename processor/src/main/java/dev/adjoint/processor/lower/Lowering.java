package dev.adjoint.processor.lower;

import com.palantir.javapoet.NameAllocator;
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
 * Lowers a parsed method to three-address, single-assignment form and runs activity analysis.
 *
 * <p>Postconditions: every assignment defines a fresh {@link Var} (so the reverse sweep can read
 * any forward value); a definition is {@code active} exactly when its value depends on a wrt
 * parameter (varied) and influences the result (useful); active definitions hold one operation
 * over atoms, inactive ones keep the user's expression whole; {@code ?:} with an active branch
 * becomes an {@link Instr.Branch} so that only the taken side is evaluated. All names come from
 * one allocator, so they cannot collide.
 */
public final class Lowering {
  private final NameAllocator names;
  private final Map<Var, Var> current = new HashMap<>();
  private final Map<Var, Integer> versions = new HashMap<>();
  private int temporaries;

  private Lowering(NameAllocator names) {
    this.names = names;
  }

  /**
   * Lowers {@code function}. Parameter names must already be reserved in {@code names} (tagged
   * with their {@link Var}), so that the forward sweep refers to the parameters themselves.
   */
  public static Lowered lower(Function function, NameAllocator names) {
    Lowering lowering = new Lowering(names);
    for (Var p : function.parameters()) {
      p.setName(names.get(p));
      lowering.current.put(p, p);
      // A reassigned parameter gets fresh versions; the parameter itself is version 1.
      lowering.versions.put(p, 1);
    }
    List<Instr> body = new ArrayList<>();
    Expr result = null;
    for (Function.Statement s : function.body()) {
      body.add(new Instr.SourceLine(s.line(), s.text()));
      if (s instanceof Function.Assign a) {
        Var version = lowering.define(a.target());
        lowering.lowerInto(a.value(), version, body);
        lowering.current.put(a.target(), version);
      } else {
        result = lowering.toAtom(((Function.Return) s).value(), body);
      }
    }
    lowering.nameTemporaries(body);
    Set<Var> useful = new HashSet<>();
    if (result instanceof Expr.Ref r) {
      useful.add(r.var());
    }
    markUseful(body, useful);
    return new Lowered(function, restrictToUseful(body, useful), result);
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
    Var t = temporary(e);
    lowerInto(e, t, out);
    return new Expr.Ref(t);
  }

  private void lowerInto(Expr e, Var target, List<Instr> out) {
    Expr renamed = rename(e);
    if (!isVaried(renamed)) {
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
      lowerInto(c.whenTrue(), target, whenTrue);
      lowerInto(c.whenFalse(), target, whenFalse);
      out.add(new Instr.Branch(condition, whenTrue, whenFalse));
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
    } else if (e instanceof Expr.ArrayRead r) {
      out.add(active(target, arrayPath(r, out)));
    } else {
      throw new IllegalStateException("cannot lower active " + e);
    }
  }

  private static Instr.Def active(Var target, Expr op) {
    return new Instr.Def(target, op, true);
  }

  /** {@code a[i][j]} with atom indices, keeping the array parameter itself as the base. */
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
    } else if (e instanceof Expr.ArrayRead r) {
      return new Expr.ArrayRead(rename(r.array()), rename(r.index()), r.type());
    } else if (e instanceof Expr.ArrayLength l) {
      return new Expr.ArrayLength(rename(l.array()));
    }
    return e;
  }

  /** Whether a (renamed) expression is a real value that depends on a wrt parameter. */
  static boolean isVaried(Expr e) {
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
      return c.args().stream().anyMatch(Lowering::isVaried);
    }
    return false;
  }

  /** Backward pass: a variable is useful when the result depends on it. */
  private static void markUseful(List<Instr> body, Set<Var> useful) {
    for (int i = body.size() - 1; i >= 0; i--) {
      Instr instr = body.get(i);
      if (instr instanceof Instr.Def d && useful.contains(d.target())) {
        collectVars(d.value(), useful);
      } else if (instr instanceof Instr.Branch b) {
        markUseful(b.whenTrue(), useful);
        markUseful(b.whenFalse(), useful);
      }
    }
  }

  private static void collectVars(Expr e, Set<Var> into) {
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
    } else if (e instanceof Expr.ArrayRead r) {
      collectVars(r.array(), into);
      collectVars(r.index(), into);
    } else if (e instanceof Expr.ArrayLength l) {
      collectVars(l.array(), into);
    }
  }

  /** Clears the active flag of definitions whose value never reaches the result. */
  private static List<Instr> restrictToUseful(List<Instr> body, Set<Var> useful) {
    List<Instr> out = new ArrayList<>();
    for (Instr instr : body) {
      if (instr instanceof Instr.Def d && d.active() && !useful.contains(d.target())) {
        out.add(new Instr.Def(d.target(), d.value(), false));
      } else if (instr instanceof Instr.Branch b) {
        out.add(new Instr.Branch(b.condition(), restrictToUseful(b.whenTrue(), useful),
            restrictToUseful(b.whenFalse(), useful)));
      } else {
        out.add(instr);
      }
    }
    return out;
  }
}
