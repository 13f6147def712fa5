package dev.adjoint.processor.optimize;

import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.Instr;
import dev.adjoint.processor.ir.Var;
import java.util.List;
import java.util.Map;

/**
 * Replaces reads of variables by reads of others throughout IR (definitions keep their targets).
 * The map is read at each call, so it may grow between calls.
 */
final class Substitution {
  private final Map<Var, Var> replacements;

  Substitution(Map<Var, Var> replacements) {
    this.replacements = replacements;
  }

  Expr apply(Expr e) {
    if (e == null || replacements.isEmpty()) {
      return e;
    }
    if (e instanceof Expr.Ref r) {
      Var to = replacements.get(r.var());
      return to == null ? e : new Expr.Ref(to);
    } else if (e instanceof Expr.Unary u) {
      return new Expr.Unary(u.op(), apply(u.operand()), u.type());
    } else if (e instanceof Expr.Binary b) {
      return new Expr.Binary(b.op(), apply(b.left()), apply(b.right()), b.type());
    } else if (e instanceof Expr.Conditional c) {
      return new Expr.Conditional(apply(c.condition()), apply(c.whenTrue()),
          apply(c.whenFalse()), c.type());
    } else if (e instanceof Expr.Cast c) {
      return new Expr.Cast(c.type(), apply(c.operand()));
    } else if (e instanceof Expr.Call c) {
      return new Expr.Call(c.function(), c.owner(), applyAll(c.args()), c.type());
    } else if (e instanceof Expr.Invoke c) {
      return new Expr.Invoke(c.callee(), applyAll(c.args()), c.type());
    } else if (e instanceof Expr.ArrayRead r) {
      return new Expr.ArrayRead(apply(r.array()), apply(r.index()), r.type());
    } else if (e instanceof Expr.ArrayLength l) {
      return new Expr.ArrayLength(apply(l.array()));
    } else if (e instanceof Expr.Equals q) {
      return new Expr.Equals(apply(q.left()), apply(q.right()));
    } else if (e instanceof Expr.Tangent || e instanceof Expr.Linearized) {
      throw new IllegalStateException("substitution after preaccumulation: " + e);
    }
    return e;
  }

  List<Expr> applyAll(List<Expr> es) {
    return es.stream().map(this::apply).toList();
  }

  List<Instr> applyToAll(List<Instr> body) {
    return body.stream().map(this::apply).toList();
  }

  Instr apply(Instr instr) {
    if (replacements.isEmpty()) {
      return instr;
    }
    if (instr instanceof Instr.Def d) {
      return new Instr.Def(d.target(), apply(d.value()), d.active());
    } else if (instr instanceof Instr.Branch b) {
      return new Instr.Branch(apply(b.condition()), applyToAll(b.whenTrue()),
          applyToAll(b.whenFalse()), b.statement());
    } else if (instr instanceof Instr.Loop l) {
      Function.Counted c = l.counted();
      Function.Counted counted = c == null ? null
          : new Function.Counted(c.index(), apply(c.from()), apply(c.to()), c.inclusive(),
              c.up());
      return new Instr.Loop(l.testFirst(), apply(l.condition()), applyToAll(l.body()), counted,
          l.tripCount());
    } else if (instr instanceof Instr.Store st) {
      return new Instr.Store(st.array(), applyAll(st.indices()), apply(st.value()), st.active(),
          st.indexDefs());
    } else if (instr instanceof Instr.NewArray n) {
      return new Instr.NewArray(n.array(), applyAll(n.dimensions()), apply(n.copyOf()));
    } else if (instr instanceof Instr.CopyRange c) {
      return new Instr.CopyRange(apply(c.source()), apply(c.sourcePos()), c.target(),
          apply(c.targetPos()), apply(c.length()));
    } else if (instr instanceof Instr.Fill f) {
      return new Instr.Fill(f.target(), apply(f.from()), apply(f.to()), apply(f.value()));
    }
    return instr;
  }
}
