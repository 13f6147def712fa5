package dev.adjoint.processor.optimize;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.NameAllocator;
import dev.adjoint.processor.analysis.Exprs;
import dev.adjoint.processor.analysis.Recording;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Instr;
import dev.adjoint.processor.ir.Instrs;
import dev.adjoint.processor.ir.Lowered;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import dev.adjoint.processor.reverse.ExprPrinter;
import dev.adjoint.processor.rules.OperatorRules;
import dev.adjoint.processor.rules.Operands;
import dev.adjoint.processor.rules.Term;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Tangent-mode preaccumulation of single-input regions, between lowering and the sweeps.
 *
 * <p>A region is a run of top-level instructions (definitions and if statements; no loop, no call
 * through a pullback, no array access) whose active operations read one variable {@code u} from
 * outside the run and otherwise only what the run defines, e.g. a normal CDF evaluated at
 * {@code d1}. Each active definition {@code v = op(a, b)} there gets its tangent {@code vDot =
 * ∂op/∂a · aDot + ∂op/∂b · bDot} right after it (with {@code uDot = 1}), spelled by the same rules
 * that the reverse sweep uses. The run's variables then carry no adjoint; each value the run
 * passes on becomes, after the run, a {@link Expr.Linearized} variable in the same storage whose
 * adjoint adds {@code bar · vDot} to {@code u}'s.
 *
 * <p>With one input, the tangents cost about what the adjoints of the same operations cost, but
 * the reverse sweep then needs one slope per passed-on value instead of every intermediate value
 * of the region: fewer live values, no reverse code for the region. Hand-written adjoints do the
 * same (the slope of the CDF computed next to the CDF).
 */
public final class Preaccumulation {
  /** Fewer active operations than this gain too little to change the shape of the code. */
  private static final int MIN_ACTIVE = 4;

  private final Lowered method;
  private final NameAllocator names;
  private final Set<Var> useful;
  private final Set<Var> mutable;
  private final Map<Var, Integer> definitions = new HashMap<>();
  /** Passed-on values of transformed regions and the variables that now stand for them. */
  private final Map<Var, Var> linked = new HashMap<>();
  /** Reads of passed-on values after their region read the linked variables instead. */
  private final Substitution renamed = new Substitution(linked);

  private record Run(int from, int to, Var input) {}

  private Preaccumulation(Lowered method, NameAllocator names) {
    this.method = method;
    this.names = names;
    this.useful = new LinkedHashSet<>(method.useful());
    this.mutable = new LinkedHashSet<>(method.mutable());
    countDefinitions(method.body(), definitions);
  }

  /** Rewrites the single-input regions of {@code method}'s top level; names come from names. */
  public static Lowered apply(Lowered method, NameAllocator names) {
    List<Run> runs = runs(method.body());
    if (runs.isEmpty()) {
      return method;
    }
    return new Preaccumulation(method, names).rewrite(runs);
  }

  private Lowered rewrite(List<Run> runs) {
    List<Instr> body = method.body();
    List<Instr> out = new ArrayList<>();
    int next = 0;
    for (Run run : runs) {
      for (; next < run.from(); next++) {
        out.add(renamed.apply(body.get(next)));
      }
      List<Instr> instrs = new ArrayList<>();
      for (Instr instr : body.subList(run.from(), run.to())) {
        instrs.add(renamed.apply(instr));
      }
      if (!preaccumulate(instrs, linked.getOrDefault(run.input(), run.input()),
          body.subList(run.to(), body.size()), out)) {
        out.addAll(instrs);
      }
      next = run.to();
    }
    for (; next < body.size(); next++) {
      out.add(renamed.apply(body.get(next)));
    }
    return new Lowered(method.function(), out, renamed.apply(method.result()), mutable, useful);
  }

  // ------------------------------------------------------------------------------ finding runs

  /** Maximal runs with at most one outside input each (some of them too small to rewrite). */
  private static List<Run> runs(List<Instr> body) {
    List<Run> runs = new ArrayList<>();
    int from = 0;
    Var input = null;
    Set<Var> defined = new HashSet<>();
    for (int i = 0; i < body.size(); i++) {
      Instr instr = body.get(i);
      if (instr instanceof Instr.SourceLine) {
        continue;
      }
      Set<Var> inputs = new LinkedHashSet<>();
      Set<Var> defs = new HashSet<>(defined);
      boolean eligible = eligible(instr);
      if (eligible) {
        scan(instr, defs, inputs);
      }
      Set<Var> all = new LinkedHashSet<>();
      if (input != null) {
        all.add(input);
      }
      all.addAll(inputs);
      if (eligible && all.size() <= 1 && !redefines(instr, all)) {
        input = all.isEmpty() ? null : all.iterator().next();
        defined = defs;
        continue;
      }
      // The run ends before this statement's source line.
      int end = i;
      while (end > from && body.get(end - 1) instanceof Instr.SourceLine) {
        end--;
      }
      if (input != null) {
        runs.add(new Run(from, end, input));
      }
      // A new run may start with this instruction, read on its own.
      defined = new HashSet<>();
      Set<Var> own = new LinkedHashSet<>();
      if (eligible) {
        scan(instr, defined, own);
      }
      if (eligible && own.size() <= 1 && !redefines(instr, own)) {
        from = end;
        input = own.isEmpty() ? null : own.iterator().next();
      } else {
        from = i + 1;
        input = null;
        defined = new HashSet<>();
      }
    }
    if (input != null) {
      runs.add(new Run(from, body.size(), input));
    }
    return runs;
  }

  /** Straight-line scalar code and if statements over it. */
  private static boolean eligible(Instr instr) {
    if (instr instanceof Instr.SourceLine) {
      return true;
    } else if (instr instanceof Instr.Def d) {
      Type t = d.target().type();
      return !d.active() || t.isReal() && !t.isArray()
          && d.target().kind() != Var.Kind.PARAMETER
          && !(d.value() instanceof Expr.Invoke) && !(d.value() instanceof Expr.ArrayRead)
          && !(d.value() instanceof Expr.Linearized);
    } else if (instr instanceof Instr.Branch b) {
      return b.whenTrue().stream().allMatch(Preaccumulation::eligible)
          && b.whenFalse().stream().allMatch(Preaccumulation::eligible);
    }
    return false;
  }

  /** Adds the varied operands of active operations not defined before them, and the defined. */
  private static void scan(Instr instr, Set<Var> defined, Set<Var> inputs) {
    if (instr instanceof Instr.Def d) {
      if (d.active()) {
        for (Expr operand : Recording.operands(d.value())) {
          if (operand instanceof Expr.Ref r && r.var().varied() && !defined.contains(r.var())) {
            inputs.add(r.var());
          }
        }
      }
      defined.add(d.target());
    } else if (instr instanceof Instr.Branch b) {
      Set<Var> whenTrue = new HashSet<>(defined);
      b.whenTrue().forEach(i -> scan(i, whenTrue, inputs));
      Set<Var> whenFalse = new HashSet<>(defined);
      b.whenFalse().forEach(i -> scan(i, whenFalse, inputs));
      // After the branch, only what both sides define has its value from the run: a variable
      // assigned on one side still holds its value from before on the other.
      whenTrue.retainAll(whenFalse);
      defined.addAll(whenTrue);
    }
  }

  private static boolean redefines(Instr instr, Set<Var> vars) {
    Map<Var, Integer> defs = new HashMap<>();
    countDefinitions(List.of(instr), defs);
    return vars.stream().anyMatch(defs::containsKey);
  }

  private static void countDefinitions(List<Instr> body, Map<Var, Integer> into) {
    Instrs.forEach(body, instr -> {
      if (instr instanceof Instr.Def d) {
        into.merge(d.target(), 1, Integer::sum);
      }
    });
  }

  // ------------------------------------------------------------------------------ rewriting

  /** Appends the run with tangents and its links to {@code out}, or returns false. */
  private boolean preaccumulate(List<Instr> run, Var input, List<Instr> after, List<Instr> out) {
    Set<Var> active = new LinkedHashSet<>();
    if (activeDefinitions(run, active) < MIN_ACTIVE) {
      return false;
    }
    Map<Var, Integer> inRun = new HashMap<>();
    countDefinitions(run, inRun);
    for (Var v : active) {
      // Every value of v must come from the run (its tangent is computed only there).
      if (!inRun.get(v).equals(definitions.get(v))) {
        return false;
      }
    }
    if (!readsOnly(run, input, active)) {
      return false;
    }
    Set<Var> readAfter = new HashSet<>();
    after.forEach(i -> Recording.reads(i, readAfter));
    Exprs.collectVars(method.result(), readAfter);
    List<Var> passedOn = active.stream().filter(readAfter::contains).toList();
    if (passedOn.isEmpty()) {
      return false;
    }
    Map<Var, Var> dots = new HashMap<>();
    dots.put(input, tangentVariable(input));
    for (Var v : active) {
      Var dot = tangentVariable(v);
      dots.put(v, dot);
      if (mutable.contains(v)) {
        mutable.add(dot);
      }
    }
    String lines = lines(run);
    out.add(new Instr.SourceLine(0, lines + " read no active value but " + input.name()
        + ": differentiated forward (tangent mode), with respect to " + input.name()));
    out.add(new Instr.Def(dots.get(input), new Expr.Tangent(CodeBlock.of("1.0"), List.of()),
        false));
    out.addAll(withTangents(run, dots));
    out.add(new Instr.SourceLine(0, lines + " in tangent mode: " + passedOn.stream()
        .map(v -> dots.get(v).name() + " = ∂" + v.name() + "/∂" + input.name())
        .collect(Collectors.joining(", "))));
    for (Var v : passedOn) {
      // Same storage, hence the same name: the forward sweep has the value already.
      Var link = new Var(v.sourceName(), v.type(), Var.Kind.LOCAL);
      link.setName(v.name());
      link.markVaried();
      useful.add(link);
      linked.put(v, link);
      out.add(new Instr.Def(link, new Expr.Linearized(v, input, dots.get(v)), true));
    }
    for (Var v : active) {
      v.clearVaried();
      useful.remove(v);
    }
    return true;
  }

  /** Whether the run's active operations read no varied value but the input and its own. */
  private static boolean readsOnly(List<Instr> run, Var input, Set<Var> active) {
    for (Instr instr : run) {
      if (instr instanceof Instr.Def d && d.active()) {
        for (Expr operand : Recording.operands(d.value())) {
          if (operand instanceof Expr.Ref r && r.var().varied() && r.var() != input
              && !active.contains(r.var())) {
            return false;
          }
        }
      } else if (instr instanceof Instr.Branch b
          && !(readsOnly(b.whenTrue(), input, active) && readsOnly(b.whenFalse(), input, active))) {
        return false;
      }
    }
    return true;
  }

  private Var tangentVariable(Var v) {
    Var dot = new Var(v.sourceName() + "Dot", Type.DOUBLE, Var.Kind.TEMPORARY);
    dot.setName(names.newName(v.name() + "Dot"));
    return dot;
  }

  /** "Line 12" or "Lines 12–20": the source lines a run comes from. */
  private static String lines(List<Instr> run) {
    long first = Long.MAX_VALUE;
    long last = 0;
    for (Instr instr : run) {
      if (instr instanceof Instr.SourceLine line && line.line() > 0) {
        first = Math.min(first, line.line());
        last = Math.max(last, line.line());
      }
    }
    if (last == 0) {
      return "This code";
    }
    return first == last ? "Line " + first : "Lines " + first + "–" + last;
  }

  /** Collects the targets of active definitions and returns how many definitions there are. */
  private static int activeDefinitions(List<Instr> body, Set<Var> into) {
    int[] count = {0};
    Instrs.forEach(body, instr -> {
      if (instr instanceof Instr.Def d && d.active()) {
        into.add(d.target());
        count[0]++;
      }
    });
    return count[0];
  }

  /** The run with every definition inactive and followed by the tangent of its target. */
  private static List<Instr> withTangents(List<Instr> body, Map<Var, Var> dots) {
    List<Instr> out = new ArrayList<>();
    for (Instr instr : body) {
      if (instr instanceof Instr.Def d && dots.containsKey(d.target())) {
        out.add(new Instr.Def(d.target(), d.value(), false));
        // An inactive definition of such a variable assigns it a constant.
        Expr tangent = d.active() ? tangent(d, dots)
            : new Expr.Tangent(CodeBlock.of("0.0"), List.of());
        out.add(new Instr.Def(dots.get(d.target()), tangent, false));
      } else if (instr instanceof Instr.Branch b) {
        out.add(new Instr.Branch(b.condition(), withTangents(b.whenTrue(), dots),
            withTangents(b.whenFalse(), dots), b.statement()));
      } else {
        out.add(instr);
      }
    }
    return out;
  }

  /** {@code Σ ∂op/∂operand_i · operandDot_i}, from the reverse rules with the tangent as bar. */
  private static Expr.Tangent tangent(Instr.Def d, Map<Var, Var> dots) {
    Expr op = d.value();
    List<Expr> operands = Recording.operands(op);
    List<CodeBlock> args = operands.stream().map(ExprPrinter::factor).toList();
    List<Var> reads = new ArrayList<>(List.of(d.target()));
    for (Expr operand : operands) {
      if (operand instanceof Expr.Ref r) {
        reads.add(r.var());
        if (dots.containsKey(r.var())) {
          reads.add(dots.get(r.var()));
        }
      }
    }
    if (op instanceof Expr.Binary b && b.op() == Expr.BinaryOp.MULTIPLY
        && operands.get(0) instanceof Expr.Ref l && operands.get(1) instanceof Expr.Ref r
        && l.var() == r.var() && dots.containsKey(l.var())) {
      // y = a * a: one term, as in the reverse sweep.
      return new Expr.Tangent(
          CodeBlock.of("2.0 * $N * $L", dots.get(l.var()).name(), args.get(0)), reads);
    }
    CodeBlock.Builder sum = CodeBlock.builder();
    for (int i = 0; i < operands.size(); i++) {
      if (!(operands.get(i) instanceof Expr.Ref r) || !dots.containsKey(r.var())) {
        continue;
      }
      Operands context = new Operands(CodeBlock.of("$N", dots.get(r.var()).name()),
          CodeBlock.of("$N", d.target().name()), args,
          op instanceof Expr.Call c ? c.owner() : null);
      Optional<Term> term = OperatorRules.contribution(op, i, context);
      if (term.isEmpty()) {
        continue;
      }
      CodeBlock magnitude = term.get().magnitude();
      if (term.get().negate() && magnitude.toString().startsWith("-")) {
        magnitude = CodeBlock.of("($L)", magnitude);
      }
      if (sum.isEmpty()) {
        sum.add(term.get().negate() ? "-$L" : "$L", magnitude);
      } else {
        sum.add(term.get().negate() ? " - $L" : " + $L", magnitude);
      }
    }
    return new Expr.Tangent(sum.isEmpty() ? CodeBlock.of("0.0") : sum.build(), reads);
  }
}
