package dev.adjoint.processor.reverse;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.NameAllocator;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Instr;
import dev.adjoint.processor.ir.Lowered;
import dev.adjoint.processor.ir.Var;
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

/**
 * Builds the body of {@code fPullback}: the forward sweep (the primal, keeping every intermediate
 * value in a local), then the reverse sweep, which applies the chain rule statement by statement in
 * reverse order: for {@code y = op(x1..xk)} it adds {@code ȳ·∂op/∂xi} to each active {@code x̄i}.
 *
 * <p>Adjoint locals are declared at their first contribution ({@code double xBar = ...}) and
 * updated afterwards ({@code xBar += ...}); an adjoint first reached inside a branch but read after
 * it is declared (as zero) before the branch.
 */
public final class SweepBuilder {
  private final Lowered method;
  private final NameAllocator names;
  private final String seed;
  private final Map<Var, String> accumulators;
  private final Set<Var> declared = new HashSet<>();
  private final Map<Var, String> adjointNames = new HashMap<>();
  private final Set<Var> adjointDeclared = new HashSet<>();

  /**
   * @param accumulators the wrt parameters and the names of their accumulator parameters
   */
  public SweepBuilder(
      Lowered method, NameAllocator names, String seed, Map<Var, String> accumulators) {
    this.method = method;
    this.names = names;
    this.seed = seed;
    this.accumulators = accumulators;
    declared.addAll(method.function().parameters());
  }

  public CodeBlock build() {
    CodeBlock.Builder code = CodeBlock.builder();
    code.add("// Forward sweep: the primal computation, keeping the intermediate values.\n");
    forward(method.body(), code);
    CodeBlock.Builder reverse = CodeBlock.builder();
    if (method.result() instanceof Expr.Ref r && r.var().varied()) {
      reverse.addStatement("double $N = $N", adjoint(r.var()), seed);
      adjointDeclared.add(r.var());
      reverse(method.body(), reverse);
      for (Map.Entry<Var, String> acc : accumulators.entrySet()) {
        Var p = acc.getKey();
        if (!p.type().isArray() && adjointDeclared.contains(p)) {
          reverse.addStatement("$N[0] += $N", acc.getValue(), adjoint(p));
        }
      }
    }
    if (!reverse.isEmpty()) {
      code.add("\n// Reverse sweep: adjoints of the statements above, last to first.\n");
      code.add(reverse.build());
    }
    code.addStatement("return $L", ExprPrinter.print(method.result()));
    return code.build();
  }

  // -------------------------------------------------------------------------------- forward

  private void forward(List<Instr> body, CodeBlock.Builder code) {
    for (Instr instr : body) {
      if (instr instanceof Instr.SourceLine line) {
        code.add("// line $L: $L\n", line.line(), line.text());
      } else if (instr instanceof Instr.Def d) {
        if (declared.add(d.target())) {
          code.addStatement("$T $N = $L", d.target().type().typeName(), d.target().name(),
              ExprPrinter.print(d.value()));
        } else {
          code.addStatement("$N = $L", d.target().name(), ExprPrinter.print(d.value()));
        }
      } else if (instr instanceof Instr.Branch b) {
        // Values defined on either side are read again by the reverse sweep, outside the if.
        Set<Var> inside = new LinkedHashSet<>();
        definedIn(b.whenTrue(), inside);
        definedIn(b.whenFalse(), inside);
        for (Var v : inside) {
          if (declared.add(v)) {
            code.addStatement("$T $N = $L", v.type().typeName(), v.name(), v.type().zero());
          }
        }
        code.beginControlFlow("if ($L)", ExprPrinter.print(b.condition()));
        forward(b.whenTrue(), code);
        if (!b.whenFalse().isEmpty()) {
          code.nextControlFlow("else");
          forward(b.whenFalse(), code);
        }
        code.endControlFlow();
      }
    }
  }

  private static void definedIn(List<Instr> body, Set<Var> into) {
    for (Instr instr : body) {
      if (instr instanceof Instr.Def d) {
        into.add(d.target());
      } else if (instr instanceof Instr.Branch b) {
        definedIn(b.whenTrue(), into);
        definedIn(b.whenFalse(), into);
      }
    }
  }

  // -------------------------------------------------------------------------------- reverse

  private void reverse(List<Instr> body, CodeBlock.Builder code) {
    // Statements are grouped under their source line so that each group gets its comment.
    List<List<Instr>> groups = new ArrayList<>();
    List<Instr.SourceLine> lines = new ArrayList<>();
    List<Instr> group = new ArrayList<>();
    Instr.SourceLine line = null;
    for (Instr instr : body) {
      if (instr instanceof Instr.SourceLine l) {
        groups.add(group);
        lines.add(line);
        group = new ArrayList<>();
        line = l;
      } else {
        group.add(instr);
      }
    }
    groups.add(group);
    lines.add(line);
    for (int g = groups.size() - 1; g >= 0; g--) {
      CodeBlock.Builder part = CodeBlock.builder();
      List<Instr> instrs = groups.get(g);
      for (int i = instrs.size() - 1; i >= 0; i--) {
        reverse(instrs.get(i), part);
      }
      if (!part.isEmpty()) {
        if (lines.get(g) != null) {
          code.add("// line $L: $L\n", lines.get(g).line(), lines.get(g).text());
        }
        code.add(part.build());
      }
    }
  }

  private void reverse(Instr instr, CodeBlock.Builder code) {
    if (instr instanceof Instr.Def d) {
      if (d.active() && adjointDeclared.contains(d.target())) {
        propagate(d.target(), d.value(), code);
      }
    } else if (instr instanceof Instr.Branch b) {
      Set<Var> reached = new LinkedHashSet<>();
      contributionTargets(b.whenTrue(), reached);
      contributionTargets(b.whenFalse(), reached);
      Set<Var> inside = new HashSet<>();
      definedIn(b.whenTrue(), inside);
      definedIn(b.whenFalse(), inside);
      for (Var v : reached) {
        if (!inside.contains(v) && adjointDeclared.add(v)) {
          code.addStatement("double $N = 0.0", adjoint(v));
        }
      }
      CodeBlock.Builder whenTrue = CodeBlock.builder();
      reverse(b.whenTrue(), whenTrue);
      CodeBlock.Builder whenFalse = CodeBlock.builder();
      reverse(b.whenFalse(), whenFalse);
      if (whenTrue.isEmpty() && whenFalse.isEmpty()) {
        return;
      }
      CodeBlock condition = ExprPrinter.print(b.condition());
      if (whenTrue.isEmpty()) {
        code.beginControlFlow("if (!$L)", ExprPrinter.operand(b.condition(), 14));
        code.add(whenFalse.build());
      } else {
        code.beginControlFlow("if ($L)", condition);
        code.add(whenTrue.build());
        if (!whenFalse.isEmpty()) {
          code.nextControlFlow("else");
          code.add(whenFalse.build());
        }
      }
      code.endControlFlow();
    }
  }

  /** Scalar variables that active definitions in {@code body} add adjoints into. */
  private static void contributionTargets(List<Instr> body, Set<Var> into) {
    for (Instr instr : body) {
      if (instr instanceof Instr.Def d && d.active()) {
        for (Expr operand : operands(d.value())) {
          if (operand instanceof Expr.Ref r && r.var().varied() && !r.type().isArray()) {
            into.add(r.var());
          }
        }
      } else if (instr instanceof Instr.Branch b) {
        contributionTargets(b.whenTrue(), into);
        contributionTargets(b.whenFalse(), into);
      }
    }
  }

  /** The operands of an active operation, in the order the rules number them. */
  private static List<Expr> operands(Expr op) {
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

  private void propagate(Var target, Expr op, CodeBlock.Builder code) {
    CodeBlock bar = CodeBlock.of("$N", adjoint(target));
    if (op instanceof Expr.ArrayRead read) {
      accumulateIntoArray(read, bar, code);
      return;
    }
    List<Expr> operands = operands(op);
    List<CodeBlock> args = operands.stream().map(ExprPrinter::factor).toList();
    Operands context = new Operands(bar, CodeBlock.of("$N", target.name()), args,
        op instanceof Expr.Call c ? c.owner() : null);
    for (int i = 0; i < operands.size(); i++) {
      if (operands.get(i) instanceof Expr.Ref r && r.var().varied()) {
        Optional<Term> term = OperatorRules.contribution(op, i, context);
        if (term.isPresent()) {
          accumulate(r.var(), term.get(), code);
        }
      }
    }
  }

  private void accumulate(Var v, Term term, CodeBlock.Builder code) {
    String name = adjoint(v);
    if (adjointDeclared.add(v)) {
      code.addStatement(term.negate() ? "double $N = -$L" : "double $N = $L", name,
          term.magnitude());
    } else {
      code.addStatement(term.negate() ? "$N -= $L" : "$N += $L", name, term.magnitude());
    }
  }

  /** {@code x = a[i][j]}: the adjoint goes straight into the accumulator's element. */
  private void accumulateIntoArray(Expr.ArrayRead read, CodeBlock bar, CodeBlock.Builder code) {
    List<Expr> indices = new ArrayList<>();
    Expr base = read;
    while (base instanceof Expr.ArrayRead r) {
      indices.add(0, r.index());
      base = r.array();
    }
    Var array = ((Expr.Ref) base).var();
    CodeBlock.Builder element = CodeBlock.builder().add("$N", accumulators.get(array));
    for (Expr index : indices) {
      element.add("[$L]", ExprPrinter.print(index));
    }
    code.addStatement("$L += $L", element.build(), bar);
  }

  private String adjoint(Var v) {
    return adjointNames.computeIfAbsent(v, k -> names.newName(k.name() + "Bar"));
  }

}
