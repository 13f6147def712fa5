package dev.adjoint.processor.lower;

import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.Function.Statement;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rewrites break, continue and early return into boolean flags, leaving only structured if and
 * loop statements and one final return, which the reverse pass can invert without a record of
 * jumps. A statement that may set a flag is followed by {@code if (!flag) { rest }}; a loop whose
 * body may break tests {@code !flag && condition}.
 *
 * <p>Postcondition: no {@link Function.Break}, {@link Function.Continue} or
 * {@link Function.Block}; a single {@link Function.Return}, last. Methods whose only return is
 * the last statement are returned unchanged.
 */
final class JumpRemoval {
  private final Map<String, Var> breakFlags = new LinkedHashMap<>();
  private final Map<String, Var> continueFlags = new LinkedHashMap<>();
  private Var returned;
  private Var result;

  static Function apply(Function f) {
    List<Statement> body = f.body();
    boolean endsInReturn = body.get(body.size() - 1) instanceof Function.Return;
    List<Statement> before = endsInReturn ? body.subList(0, body.size() - 1) : body;
    if (before.stream().noneMatch(JumpRemoval::jumps)) {
      return f;
    }
    JumpRemoval removal = new JumpRemoval();
    Statement last = body.get(body.size() - 1);
    List<Statement> rewritten = new ArrayList<>();
    if (before.stream().anyMatch(JumpRemoval::returns)) {
      // Early returns: every return stores its value and raises a flag; one return at the end.
      removal.result = new Var("result", Type.DOUBLE, Var.Kind.LOCAL);
      removal.returned = new Var("returned", Type.BOOLEAN, Var.Kind.LOCAL);
      rewritten.add(assign(removal.result, new Expr.Literal(Type.DOUBLE, "0.0"), body.get(0)));
      rewritten.add(assign(removal.returned, literal(false), body.get(0)));
      rewritten.addAll(removal.rewrite(body, new LinkedHashSet<>()));
      rewritten.add(new Function.Return(new Expr.Ref(removal.result), last.line(), last.text()));
    } else {
      rewritten.addAll(removal.rewrite(before, new LinkedHashSet<>()));
      rewritten.add(last);
    }
    return new Function(f.name(), f.parameters(), rewritten);
  }

  private static boolean returns(Statement s) {
    if (s instanceof Function.Return) {
      return true;
    }
    if (s instanceof Function.If i) {
      return i.whenTrue().stream().anyMatch(JumpRemoval::returns)
          || i.whenFalse().stream().anyMatch(JumpRemoval::returns);
    }
    if (s instanceof Function.Loop l) {
      return l.body().stream().anyMatch(JumpRemoval::returns);
    }
    if (s instanceof Function.Block b) {
      return b.body().stream().anyMatch(JumpRemoval::returns);
    }
    return false;
  }

  private static boolean jumps(Statement s) {
    if (s instanceof Function.Return || s instanceof Function.Break
        || s instanceof Function.Continue || s instanceof Function.Block) {
      return true;
    }
    if (s instanceof Function.If i) {
      return i.whenTrue().stream().anyMatch(JumpRemoval::jumps)
          || i.whenFalse().stream().anyMatch(JumpRemoval::jumps);
    }
    if (s instanceof Function.Loop l) {
      return l.body().stream().anyMatch(JumpRemoval::jumps)
          || l.update().stream().anyMatch(JumpRemoval::jumps);
    }
    return false;
  }

  /** Rewrites a statement list; adds to {@code exits} the flags it may leave set. */
  private List<Statement> rewrite(List<Statement> statements, Set<Var> exits) {
    List<Statement> out = new ArrayList<>();
    for (int i = 0; i < statements.size(); i++) {
      Set<Var> own = new LinkedHashSet<>();
      out.addAll(rewrite(statements.get(i), own));
      exits.addAll(own);
      if (!own.isEmpty() && i < statements.size() - 1) {
        Statement next = statements.get(i + 1);
        List<Statement> rest = rewrite(statements.subList(i + 1, statements.size()), exits);
        if (!rest.isEmpty()) {
          out.add(new Function.If(noneSet(own), rest, List.of(), next.line(), next.text()));
        }
        break;
      }
    }
    return out;
  }

  private List<Statement> rewrite(Statement s, Set<Var> exits) {
    if (s instanceof Function.Break b) {
      Var flag = flag(breakFlags, b.label(), "broke");
      exits.add(flag);
      return List.of(assign(flag, literal(true), s));
    }
    if (s instanceof Function.Continue c) {
      Var flag = flag(continueFlags, c.label(), "continued");
      exits.add(flag);
      return List.of(assign(flag, literal(true), s));
    }
    if (s instanceof Function.Return r) {
      exits.add(returned);
      return List.of(assign(result, r.value(), s), assign(returned, literal(true), s));
    }
    if (s instanceof Function.If i) {
      List<Statement> whenTrue = rewrite(i.whenTrue(), exits);
      List<Statement> whenFalse = rewrite(i.whenFalse(), exits);
      return List.of(new Function.If(i.condition(), whenTrue, whenFalse, i.line(), i.text()));
    }
    if (s instanceof Function.Block b) {
      Set<Var> inner = new LinkedHashSet<>();
      List<Statement> body = rewrite(b.body(), inner);
      List<Statement> out = new ArrayList<>();
      Var own = breakFlags.get(b.label());
      if (own != null && inner.remove(own)) {
        out.add(assign(own, literal(false), s));
      }
      out.addAll(body);
      exits.addAll(inner);
      return out;
    }
    if (s instanceof Function.Loop l) {
      return loop(l, exits);
    }
    return List.of(s);
  }

  private List<Statement> loop(Function.Loop l, Set<Var> exits) {
    Set<Var> inner = new LinkedHashSet<>();
    List<Statement> body = rewrite(l.body(), inner);
    Var broke = breakFlags.get(l.label());
    Var continued = continueFlags.get(l.label());
    boolean breaks = broke != null && inner.remove(broke);
    boolean continues = continued != null && inner.remove(continued);
    // Whatever else is left (outer breaks and continues, return) also ends this loop.
    Set<Var> stop = new LinkedHashSet<>(inner);
    if (breaks) {
      stop.add(broke);
    }
    List<Statement> newBody = new ArrayList<>();
    if (continues) {
      newBody.add(assign(continued, literal(false), l));
    }
    newBody.addAll(body);
    // A loop that keeps its counted shape keeps its update apart (the reverse sweep steps the
    // index itself); otherwise the update becomes the end of the body.
    boolean counted = stop.isEmpty() && l.counted() != null;
    if (!counted && !l.update().isEmpty()) {
      newBody.addAll(stop.isEmpty() ? l.update()
          : List.of(new Function.If(noneSet(stop), l.update(), List.of(), l.line(), l.text())));
    }
    Expr condition = stop.isEmpty() ? l.condition()
        : new Expr.Binary(Expr.BinaryOp.CONDITIONAL_AND, noneSet(stop), l.condition(),
            Type.BOOLEAN);
    List<Statement> out = new ArrayList<>();
    if (breaks) {
      out.add(assign(broke, literal(false), l));
    }
    if (!counted && l.counted() != null) {
      out.add(assign(l.counted().index(), l.counted().from(), l));
    }
    out.add(new Function.Loop(l.label(), l.testFirst(), condition, newBody,
        counted ? l.update() : List.of(), counted ? l.counted() : null, l.line(), l.text()));
    exits.addAll(inner);
    return out;
  }

  private static Var flag(Map<String, Var> flags, String label, String name) {
    return flags.computeIfAbsent(label, k -> new Var(name, Type.BOOLEAN, Var.Kind.LOCAL));
  }

  private static Expr noneSet(Set<Var> flags) {
    Expr any = null;
    for (Var f : flags) {
      Expr ref = new Expr.Ref(f);
      any = any == null ? ref
          : new Expr.Binary(Expr.BinaryOp.CONDITIONAL_OR, any, ref, Type.BOOLEAN);
    }
    return new Expr.Unary(Expr.UnaryOp.NOT, any, Type.BOOLEAN);
  }

  private static Expr literal(boolean value) {
    return new Expr.Literal(Type.BOOLEAN, Boolean.toString(value));
  }

  private static Statement assign(Var target, Expr value, Statement at) {
    return new Function.Assign(target, value, at.line(), at.text());
  }
}
