package dev.adjoint.processor.reverse;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.NameAllocator;
import dev.adjoint.processor.analysis.Exprs;
import dev.adjoint.processor.analysis.Recording;
import dev.adjoint.processor.ir.Callee;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.Instr;
import dev.adjoint.processor.ir.Instrs;
import dev.adjoint.processor.ir.Lowered;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import dev.adjoint.processor.rules.OperatorRules;
import dev.adjoint.processor.rules.Operands;
import dev.adjoint.processor.rules.Term;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Builds the body of {@code fPullback}: the forward sweep (the primal, keeping intermediate values
 * and saving on the tape what it overwrites), then the reverse sweep, which applies the chain rule
 * statement by statement in reverse order: for {@code y = op(x1..xk)} it adds
 * {@code ȳ·∂op/∂xi} to each active {@code x̄i}.
 *
 * <p>Control flow is replayed backwards: an if statement by its condition (kept, or saved on the
 * tape inside loops), a counted loop by running its index backwards, any other loop by its
 * recorded trip count. Inside loops a statement's intermediate values are recomputed from its
 * inputs, which the reverse sweep has restored to their values at that point.
 *
 * <p>Adjoint locals are declared at their first contribution ({@code double xBar = ...}) and
 * updated afterwards ({@code xBar += ...}); an adjoint first reached inside a branch or loop but
 * read after it is declared (as zero) before it; adjoints of variables that are assigned more than
 * once are declared at the start of the reverse sweep and cleared when the reverse sweep passes an
 * assignment.
 */
public final class SweepBuilder {
  private static final ClassName TAPE = ClassName.get("dev.adjoint.runtime", "Tape");
  private static final ClassName ADJOINTS = ClassName.get("dev.adjoint.runtime", "Adjoints");
  private static final ClassName ARRAY_SHAPES =
      ClassName.get("dev.adjoint.runtime", "ArrayShapes");

  private final Lowered method;
  private final NameAllocator names;
  private final String seed;
  private final Map<Var, String> accumulators;
  private final Recording recording;
  private final Set<Var> declared = new HashSet<>();
  private final Map<Var, String> adjointNames = new HashMap<>();
  private final Set<Var> adjointDeclared = new HashSet<>();
  private String tape;
  /** The tape's cell height on entry, when the method calls other pullbacks. */
  private String cellMark;
  /**
   * Within one iteration of a reverse counted loop: the terms added to each caller accumulator
   * element whose index is fixed for the iteration, summed into one update at the end of the
   * iteration (the caller's arrays are only ever added to, so the order does not matter, and one
   * read-modify-write per element replaces a chain of them).
   */
  private Map<String, List<CodeBlock>> pending;
  /**
   * Adjoints set to 0.0 by the straight-line code being emitted into the given builder, and not
   * touched since: the next contribution assigns. Cleared whenever control flow is emitted.
   */
  private final Map<Var, CodeBlock.Builder> zeroed = new HashMap<>();
  /** Builders whose code is appended, in order, to another's straight-line code. */
  private final Map<CodeBlock.Builder, CodeBlock.Builder> streams = new IdentityHashMap<>();
  /**
   * The same for adjoint array elements, by their text, within the adjoint code of one statement
   * (where index values cannot change): {@code a[j] += ...} after {@code a[j] = 0.0} assigns.
   */
  private final Map<String, CodeBlock.Builder> zeroedElements = new HashMap<>();
  /** Adjoint elements summed in a local while the reverse of a loop runs (element → local). */
  private final Map<String, String> hoisted = new HashMap<>();
  /** Within one statement's adjoint: an {@code a[j] += e} store and its read of {@code a[j]}. */
  private Instr passThroughStore;
  private Instr passThroughRead;
  /** Emitting the forward sweep of an independent loop: the plain primal, saving nothing. */
  private boolean plain;
  /** Whether the adjoints of mutable variables and local arrays have been declared. */
  private boolean adjointsDeclared;
  /**
   * Element stores saved as one range around their loop rather than one element per iteration:
   * {@code a[i] = e} at the top of a counted loop over {@code [from, to)} that reads no element of
   * {@code a} and writes {@code a} nowhere else saves {@code a[from, to)} before the loop and puts
   * it back after the loop's reverse (two array copies instead of a push and a pop per element).
   */
  private final Map<Instr.Loop, List<Instr.Store>> rangeSaves = new HashMap<>();
  /**
   * Reads {@code t = a[k]} that a counted loop repeats unchanged (neither {@code a} nor {@code k}
   * changes in the loop): done once before the loop, forward and in reverse, if the loop runs.
   */
  private final Map<Instr.Loop, List<Instr.Def>> invariantReads = new HashMap<>();
  private final Set<Instr.Def> hoistedReads = new HashSet<>();
  private final Set<Instr.Store> rangeSaved = new HashSet<>();
  /** The definitions of active temporaries that have exactly one. */
  private final Map<Var, Instr.Def> temporaries = new HashMap<>();

  /**
   * @param accumulators the wrt parameters and the names of their accumulator parameters
   */
  public SweepBuilder(
      Lowered method, NameAllocator names, String seed, Map<Var, String> accumulators) {
    this.method = method;
    this.names = names;
    this.seed = seed;
    this.accumulators = accumulators;
    Var seedVar = new Var(seed, Type.DOUBLE, Var.Kind.PARAMETER);
    seedVar.setName(seed);
    this.recording = new Recording(method, seedVar);
    declared.addAll(method.function().parameters());
    Set<Var> twice = new HashSet<>();
    collectTemporaries(method.body(), twice);
    temporaries.keySet().removeAll(twice);
    Instrs.forEach(method.body(), instr -> {
      if (instr instanceof Instr.Loop l) {
        findRangeSaves(l);
        findInvariantReads(l);
      }
    });
  }

  private void findInvariantReads(Instr.Loop l) {
    if (l.counted() == null || recording.independent(l)) {
      return;
    }
    Set<Var> changing = new HashSet<>();
    definedIn(l.body(), changing, true);
    changing.add(l.counted().index());
    Map<Var, Integer> writes = new HashMap<>();
    countArrayWrites(l.body(), writes);
    List<Instr.Def> reads = new ArrayList<>();
    for (Instr inner : l.body()) {
      // Top level only: a read under a branch may not happen (an index check guarding it).
      if (inner instanceof Instr.Def d && temporaries.get(d.target()) == d
          && !recording.saves(d) && d.value() instanceof Expr.ArrayRead r
          && r.array() instanceof Expr.Ref a
          && !writes.containsKey(a.var())
          && (r.index() instanceof Expr.Literal
              || r.index() instanceof Expr.Ref k && !changing.contains(k.var()))) {
        reads.add(d);
      }
    }
    if (!reads.isEmpty()) {
      invariantReads.put(l, reads);
      hoistedReads.addAll(reads);
    }
  }


  /** Does the invariant reads of a counted loop before it, under the test that it runs. */
  private void hoistReads(Instr.Loop l, CodeBlock.Builder code) {
    List<Instr.Def> reads = invariantReads.getOrDefault(l, List.of());
    if (reads.isEmpty()) {
      return;
    }
    Function.Counted c = l.counted();
    Expr.BinaryOp runs = c.up()
        ? (c.inclusive() ? Expr.BinaryOp.LESS_THAN_EQUAL : Expr.BinaryOp.LESS_THAN)
        : (c.inclusive() ? Expr.BinaryOp.GREATER_THAN_EQUAL : Expr.BinaryOp.GREATER_THAN);
    code.add("// Read once for the loop below: the same element in every iteration.\n");
    code.beginControlFlow("if ($L)",
        ExprPrinter.print(new Expr.Binary(runs, c.from(), c.to(), Type.BOOLEAN)));
    for (Instr.Def d : reads) {
      code.addStatement("$N = $L", d.target().name(), ExprPrinter.print(d.value()));
    }
    code.endControlFlow();
  }

  private void findRangeSaves(Instr.Loop l) {
    Function.Counted counted = l.counted();
    // Independent loops save per iteration when their reverse re-runs it (or none at all).
    if (counted == null || !counted.up() || counted.inclusive()
        || recording.independent(l)) {
      return;
    }
    Map<Var, Integer> writes = new HashMap<>();
    countArrayWrites(l.body(), writes);
    List<Instr.Store> stores = new ArrayList<>();
    List<Instr> inLoop = l.body();
    for (int p = 0; p < inLoop.size(); p++) {
      if (inLoop.get(p) instanceof Instr.Store st && recording.saves(st)
          && st.array().type().equals(Type.DOUBLE_ARRAY) && st.indices().size() == 1
          && st.indices().get(0) instanceof Expr.Ref r && r.var() == counted.index()
          && writes.get(st.array()) == 1
          && readsOnlyNewElement(inLoop, p, st.array(), counted.index())) {
        stores.add(st);
      }
    }
    if (!stores.isEmpty()) {
      rangeSaves.put(l, stores);
      rangeSaved.addAll(stores);
    }
  }


  /**
   * Whether the loop body reads {@code array} only as {@code array[index]} after the store at
   * {@code p}, i.e. only the element this iteration has just written: the reverse of those reads
   * sees the new element with one restore per element and with one range restore alike.
   */
  private static boolean readsOnlyNewElement(List<Instr> body, int p, Var array, Var index) {
    for (int q = 0; q < body.size(); q++) {
      Set<Var> reads = new HashSet<>();
      Recording.reads(body.get(q), reads);
      if (!reads.contains(array)) {
        continue;
      }
      if (q < p || !ElementReads.onlyAt(body.get(q), array, index)) {
        return false;
      }
    }
    return true;
  }

  private static void countArrayWrites(List<Instr> body, Map<Var, Integer> into) {
    Instrs.forEach(body, instr -> {
      Var written = instr instanceof Instr.Store st ? st.array()
          : instr instanceof Instr.NewArray n ? n.array()
          : instr instanceof Instr.CopyRange c ? c.target()
          : instr instanceof Instr.Fill f ? f.target() : null;
      if (written != null) {
        into.merge(written, 1, Integer::sum);
      }
    });
  }

  /** {@code from, to - from} of a counted loop, for the tape's range operations. */
  private static CodeBlock loopRange(Function.Counted counted) {
    Expr length = counted.from() instanceof Expr.Literal lit && lit.code().equals("0")
        ? counted.to()
        : new Expr.Binary(Expr.BinaryOp.MINUS, counted.to(), counted.from(), Type.INT);
    return CodeBlock.of("$L, $L", ExprPrinter.print(counted.from()), ExprPrinter.print(length));
  }

  /** Active temporaries with one definition (a ?: result has one per side: not those). */
  private void collectTemporaries(List<Instr> body, Set<Var> twice) {
    for (Instr instr : body) {
      if (instr instanceof Instr.Def d && d.target().kind() == Var.Kind.TEMPORARY) {
        if (temporaries.put(d.target(), d) != null || !d.active()) {
          twice.add(d.target());
        }
      } else if (instr instanceof Instr.Branch b) {
        collectTemporaries(b.whenTrue(), twice);
        collectTemporaries(b.whenFalse(), twice);
      } else if (instr instanceof Instr.Loop l) {
        collectTemporaries(l.body(), twice);
      }
    }
  }

  public CodeBlock build() {
    CodeBlock.Builder code = CodeBlock.builder();
    boolean calls = callsPullbacks(method.body());
    boolean taped = recording.any() || hasNestedTripCounts(method.body(), false)
        || copiesActively(method.body()) || calls;
    String mark = null;
    if (taped) {
      tape = names.newName("tape");
      mark = names.newName("mark");
      code.add(calls
          ? "// This thread's tape: overwritten values, and accumulator cells for called"
              + " pullbacks.\n"
          : "// Overwritten values are kept on this thread's tape, popped in reverse.\n");
      code.addStatement("$T $N = $T.acquire()", TAPE, tape, TAPE);
      code.addStatement("long $N = $N.mark()", mark, tape);
      if (calls) {
        cellMark = names.newName("cells");
        code.addStatement("int $N = $N.cellMark()", cellMark, tape);
      }
      code.beginControlFlow("try");
    }
    code.add("// Forward sweep: the primal computation, keeping the intermediate values.\n");
    for (Var v : method.mutable()) {
      if (declared.add(v)) {
        code.addStatement("$T $N = $L", v.type().typeName(), v.name(), v.type().zero());
      }
    }
    forward(method.body(), false, code);
    Expr result = method.result();
    if (result instanceof Expr.Ref r && method.mutable().contains(r.var())) {
      // The reverse sweep restores overwritten variables: keep the value before it starts.
      Var value = new Var("value", r.type(), Var.Kind.TEMPORARY);
      value.setName(names.newName("value"));
      code.addStatement("$T $N = $N", r.type().typeName(), value.name(), r.var().name());
      result = new Expr.Ref(value);
    }
    CodeBlock.Builder reverse = CodeBlock.builder();
    if (method.result() instanceof Expr.Ref r && r.var().varied()) {
      declareAdjoints(reverse);
      if (adjointDeclared.add(r.var())) {
        reverse.addStatement("double $N = $N", adjoint(r.var()), seed);
      } else {
        reverse.addStatement("$N = $N", adjoint(r.var()), seed);
      }
      reverse(method.body(), false, reverse);
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
    code.addStatement("return $L", ExprPrinter.print(result));
    if (taped) {
      code.nextControlFlow("finally");
      code.addStatement("$N.reset($N)", tape, mark);
      if (cellMark != null) {
        code.addStatement("$N.releaseCells($N)", tape, cellMark);
      }
      code.endControlFlow();
    }
    return code.build();
  }

  /**
   * Declares the adjoints of mutable variables and local arrays: at the start of the reverse
   * sweep, or before the first fused loop, whose reverse runs inside the forward sweep.
   */
  private void declareAdjoints(CodeBlock.Builder code) {
    if (adjointsDeclared) {
      return;
    }
    adjointsDeclared = true;
    for (Var v : method.mutable()) {
      if (method.active(v) && !v.type().isArray() && adjointDeclared.add(v)) {
        code.addStatement("double $N = 0.0", adjoint(v));
      }
    }
    declareArrayAdjoints(method.body(), false, code);
  }

  private static boolean hasNestedTripCounts(List<Instr> body, boolean inLoop) {
    for (Instr instr : body) {
      if (instr instanceof Instr.Loop l
          && (inLoop && l.counted() == null || hasNestedTripCounts(l.body(), true))) {
        return true;
      } else if (instr instanceof Instr.Branch b
          && (hasNestedTripCounts(b.whenTrue(), inLoop)
              || hasNestedTripCounts(b.whenFalse(), inLoop))) {
        return true;
      }
    }
    return false;
  }

  /** Whether the reverse sweep calls another method's pullback. */
  private boolean callsPullbacks(List<Instr> body) {
    for (Instr instr : body) {
      if (instr instanceof Instr.Def d && d.active() && d.value() instanceof Expr.Invoke
          || instr instanceof Instr.Branch b
              && (callsPullbacks(b.whenTrue()) || callsPullbacks(b.whenFalse()))
          || instr instanceof Instr.Loop l && callsPullbacks(l.body())) {
        return true;
      }
    }
    return false;
  }

  private boolean copiesActively(List<Instr> body) {
    for (Instr instr : body) {
      if (instr instanceof Instr.CopyRange c && method.active(c.target())
          || instr instanceof Instr.Branch b
              && (copiesActively(b.whenTrue()) || copiesActively(b.whenFalse()))
          || instr instanceof Instr.Loop l && copiesActively(l.body())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Allocates adjoint arrays for active local arrays. An array created under a branch (after an
   * early return was rewritten) may not exist; its adjoint is then never used.
   */
  private void declareArrayAdjoints(List<Instr> body, boolean nested, CodeBlock.Builder code) {
    for (Instr instr : body) {
      if (instr instanceof Instr.NewArray n && method.active(n.array())) {
        Var a = n.array();
        adjointDeclared.add(a);
        CodeBlock zeros = a.type().dims() == 2
            ? CodeBlock.of("$T.zerosLike($N)", ARRAY_SHAPES, a.name())
            : CodeBlock.of("new double[$N.length]", a.name());
        if (nested) {
          zeros = CodeBlock.of("$N == null ? null : $L", a.name(), zeros);
        }
        code.addStatement("$T $N = $L", a.type().typeName(), adjoint(a), zeros);
      } else if (instr instanceof Instr.Branch b) {
        declareArrayAdjoints(b.whenTrue(), true, code);
        declareArrayAdjoints(b.whenFalse(), true, code);
      }
    }
  }

  // -------------------------------------------------------------------------------- forward

  private void forward(List<Instr> body, boolean inLoop, CodeBlock.Builder code) {
    for (Instr instr : body) {
      if (instr instanceof Instr.SourceLine line) {
        comment(line, code);
      } else if (instr instanceof Instr.Def d && d.value() instanceof Expr.Linearized) {
        // The same storage as the region's value: nothing to compute.
        declared.add(d.target());
      } else if (instr instanceof Instr.Def d && hoistedReads.contains(d)) {
        continue;
      } else if (instr instanceof Instr.Def d) {
        if (!plain && recording.saves(d)) {
          code.addStatement("$N.$L($N)", tape, push(d.target().type()), d.target().name());
        }
        assignment(d, code);
      } else if (instr instanceof Instr.Branch b) {
        predeclare(List.of(b), code);
        code.beginControlFlow("if ($L)", ExprPrinter.print(b.condition()));
        forward(b.whenTrue(), inLoop, code);
        if (!b.whenFalse().isEmpty()) {
          code.nextControlFlow("else");
          forward(b.whenFalse(), inLoop, code);
        }
        code.endControlFlow();
      } else if (instr instanceof Instr.Loop l) {
        forwardLoop(l, inLoop, code);
      } else if (instr instanceof Instr.Store st) {
        CodeBlock element = element(st.array().name(), st.indices());
        if (!plain && recording.saves(st) && !rangeSaved.contains(st)) {
          code.addStatement("$N.$L($L)", tape, push(Type.scalar(st.array().type().prim())), element);
        }
        code.addStatement("$L = $L", element, ExprPrinter.print(st.value()));
      } else if (instr instanceof Instr.NewArray n) {
        CodeBlock value;
        if (n.copyOf() != null) {
          value = CodeBlock.of("$L.clone()", ExprPrinter.operand(n.copyOf(), 16));
        } else {
          CodeBlock.Builder dims = CodeBlock.builder();
          for (Expr d : n.dimensions()) {
            dims.add("[$L]", ExprPrinter.print(d));
          }
          value = CodeBlock.of("new $L$L",
              n.array().type().prim().name().toLowerCase(java.util.Locale.ROOT), dims.build());
        }
        if (declared.add(n.array())) {
          code.addStatement("$T $N = $L", n.array().type().typeName(), n.array().name(), value);
        } else {
          code.addStatement("$N = $L", n.array().name(), value);
        }
      } else if (instr instanceof Instr.CopyRange c) {
        if (!plain && recording.saves(c)) {
          code.addStatement("$N.pushRange($N, $L, $L)", tape, c.target().name(),
              ExprPrinter.print(c.targetPos()), ExprPrinter.print(c.length()));
        }
        code.addStatement("System.arraycopy($L, $L, $N, $L, $L)", ExprPrinter.print(c.source()),
            ExprPrinter.print(c.sourcePos()), c.target().name(), ExprPrinter.print(c.targetPos()),
            ExprPrinter.print(c.length()));
      } else if (instr instanceof Instr.Fill f) {
        if (!plain && recording.saves(f)) {
          code.addStatement("$N.pushRange($N, $L)", tape, f.target().name(), range(f));
        }
        code.addStatement(f.from() == null ? "$T.fill($N, $L)" : "$T.fill($N, $L, $L, $L)",
            fillArgs(f));
      }
    }
  }

  /** A source line as a comment; line 0 marks text of Adjoint's own. */
  private static void comment(Instr.SourceLine line, CodeBlock.Builder code) {
    if (line.line() > 0) {
      code.add("// line $L: $L\n", line.line(), line.text());
    } else {
      code.add("// $L\n", line.text());
    }
  }

  private Object[] fillArgs(Instr.Fill f) {
    ClassName arrays = ClassName.get("java.util", "Arrays");
    return f.from() == null
        ? new Object[] {arrays, f.target().name(), ExprPrinter.print(f.value())}
        : new Object[] {arrays, f.target().name(), ExprPrinter.print(f.from()),
            ExprPrinter.print(f.to()), ExprPrinter.print(f.value())};
  }

  /** {@code from, length} of a fill, for the tape's range operations. */
  private CodeBlock range(Instr.Fill f) {
    if (f.from() == null) {
      return CodeBlock.of("0, $N.length", f.target().name());
    }
    Expr length = new Expr.Binary(Expr.BinaryOp.MINUS, f.to(), f.from(), Type.INT);
    return CodeBlock.of("$L, $L", ExprPrinter.print(f.from()), ExprPrinter.print(length));
  }

  private void assignment(Instr.Def d, CodeBlock.Builder code) {
    if (declared.add(d.target())) {
      code.addStatement("$T $N = $L", d.target().type().typeName(), d.target().name(),
          ExprPrinter.print(d.value()));
    } else {
      code.addStatement("$N = $L", d.target().name(), ExprPrinter.print(d.value()));
    }
  }

  private void forwardLoop(Instr.Loop l, boolean inLoop, CodeBlock.Builder code) {
    predeclare(l.body(), code);
    Function.Counted counted = l.counted();
    if (counted != null) {
      boolean independent = recording.independent(l) && !plain;
      if (independent && recording.fused(l)) {
        saveSnapshot(l, code);
        fusedLoop(l, code);
        return;
      }
      if (independent) {
        saveSnapshot(l, code);
        code.add("// Iterations are independent: the reverse sweep re-runs each one before"
            + " reversing it, so nothing is saved here.\n");
        plain = true;
      }
      Var i = counted.index();
      if (!plain) {
        for (Instr.Store st : rangeSaves.getOrDefault(l, List.of())) {
          code.addStatement("$N.pushRange($N, $L)", tape, st.array().name(), loopRange(counted));
        }
      }
      hoistReads(l, code);
      code.beginControlFlow("for ($N = $L; $L; $N$L)", i.name(), ExprPrinter.print(counted.from()),
          ExprPrinter.print(l.condition()), i.name(), counted.up() ? "++" : "--");
      forward(l.body(), true, code);
      code.endControlFlow();
      if (independent) {
        plain = false;
      }
      return;
    }
    boolean record = !plain && recording.needsReverse(l);
    Var trip = l.tripCount();
    if (record) {
      if (declared.add(trip)) {
        code.addStatement("int $N = 0", trip.name());
      } else {
        code.addStatement("$N = 0", trip.name());
      }
    }
    if (l.testFirst()) {
      code.beginControlFlow("while ($L)", ExprPrinter.print(l.condition()));
    } else {
      code.beginControlFlow("do");
    }
    if (record) {
      code.addStatement("$N++", trip.name());
    }
    forward(l.body(), true, code);
    if (l.testFirst()) {
      code.endControlFlow();
    } else {
      code.endControlFlow("while ($L)", ExprPrinter.print(l.condition()));
    }
    if (record && inLoop) {
      code.addStatement("$N.pushInt($N)", tape, trip.name());
    }
  }

  /** Saves what an independent loop overwrites that the reverse of earlier lines reads. */
  private void saveSnapshot(Instr.Loop l, CodeBlock.Builder code) {
    if (!recording.snapshot(l).isEmpty()) {
      code.add("// Saved once: what this loop overwrites that the reverse of the lines above"
          + " reads.\n");
    }
    for (Var v : recording.snapshot(l)) {
      if (v.type().isArray()) {
        code.addStatement("$N.pushRange($N, 0, $N.length)", tape, v.name(), v.name());
      } else {
        code.addStatement("$N.$L($N)", tape, push(v.type()), v.name());
      }
    }
  }

  /**
   * Adjoint elements {@code aBar[i]} of local arrays that the reverse of this loop only adds to,
   * always at one index the loop does not change (GMM's {@code xcenteredBar[i]} in the inner
   * loop over j): summed in a local and added once after the loop. Local arrays never alias
   * each other, so no other access can see the element in between.
   */
  private Map<String, String> loopInvariantAccumulations(Instr.Loop l) {
    Set<Var> changing = dev.adjoint.processor.analysis.IndependentIterations.written(l.body());
    if (l.counted() != null) {
      changing.add(l.counted().index());
    }
    Map<Var, Expr> index = new LinkedHashMap<>();
    Set<Var> excluded = new HashSet<>();
    arrayAccesses(l.body(), changing, index, excluded);
    Map<String, String> sums = new LinkedHashMap<>();
    for (Map.Entry<Var, Expr> e : index.entrySet()) {
      Var a = e.getKey();
      String element = element(adjoint(a), List.of(e.getValue())).toString();
      if (!excluded.contains(a) && !hoisted.containsKey(element)) {
        sums.put(element, names.newName(adjoint(a) + "Sum"));
      }
    }
    return sums;
  }

  private void arrayAccesses(List<Instr> body, Set<Var> changing, Map<Var, Expr> index,
      Set<Var> excluded) {
    for (Instr instr : body) {
      if (instr instanceof Instr.Def d) {
        if (d.active() && d.value() instanceof Expr.ArrayRead r
            && r.array() instanceof Expr.Ref a && a.var().kind() != Var.Kind.PARAMETER
            && a.var().type().dims() == 1 && method.active(a.var())) {
          Expr i = r.index();
          boolean fixed = i instanceof Expr.Literal
              || i instanceof Expr.Ref ir && !changing.contains(ir.var());
          Expr seen = index.putIfAbsent(a.var(), i);
          if (!fixed || seen != null && !seen.equals(i)) {
            excluded.add(a.var());
          }
        } else {
          // Any other use of an array (a row, a call argument) may touch its adjoint.
          Set<Var> vars = new HashSet<>();
          dev.adjoint.processor.analysis.Exprs.collectVars(d.value(), vars);
          for (Var v : vars) {
            if (v.type().isArray()) {
              excluded.add(v);
            }
          }
        }
      } else if (instr instanceof Instr.Store st) {
        excluded.add(st.array());
      } else if (instr instanceof Instr.CopyRange c) {
        excluded.add(c.target());
        Set<Var> vars = new HashSet<>();
        dev.adjoint.processor.analysis.Exprs.collectVars(c.source(), vars);
        excluded.addAll(vars);
      } else if (instr instanceof Instr.Fill f) {
        excluded.add(f.target());
      } else if (instr instanceof Instr.NewArray n) {
        excluded.add(n.array());
      } else if (instr instanceof Instr.Branch b) {
        arrayAccesses(b.whenTrue(), changing, index, excluded);
        arrayAccesses(b.whenFalse(), changing, index, excluded);
      } else if (instr instanceof Instr.Loop inner) {
        arrayAccesses(inner.body(), changing, index, excluded);
      }
    }
  }

  private CodeBlock.Builder stream(CodeBlock.Builder code) {
    return streams.getOrDefault(code, code);
  }

  /** Restores what {@link #saveSnapshot} saved. */
  private void restoreSnapshot(Instr.Loop l, CodeBlock.Builder code) {
    List<Var> snapshot = new ArrayList<>(recording.snapshot(l));
    for (int k = snapshot.size() - 1; k >= 0; k--) {
      Var v = snapshot.get(k);
      if (v.type().isArray()) {
        code.addStatement("$N.popRange($N, 0, $N.length)", tape, v.name(), v.name());
      } else {
        code.addStatement("$N = $L", v.name(), pop(v.type()));
      }
    }
  }

  /**
   * A fused loop: each iteration runs forward (saving what its own reverse needs) and is reversed
   * at once, starting from the adjoints its running sums have at the loop's exit, which are known
   * before it runs. One pass, as a hand-written adjoint; the tape holds one iteration.
   */
  private void fusedLoop(Instr.Loop l, CodeBlock.Builder code) {
    zeroed.clear();
    declareAdjoints(code);
    code.add("// Iterations are independent and the adjoints of the sums they add to are known"
        + " already:\n// reverse each iteration right after running it.\n");
    Map<Var, Expr> exits = recording.exitAdjoints(l);
    for (Map.Entry<Var, Expr> e : exits.entrySet()) {
      code.addStatement("$N = $L", adjoint(e.getKey()), ExprPrinter.print(e.getValue()));
    }
    predeclareAdjoints(List.of(l), code);
    Function.Counted counted = l.counted();
    Var i = counted.index();
    code.beginControlFlow("for ($N = $L; $L; $N$L)", i.name(), ExprPrinter.print(counted.from()),
        ExprPrinter.print(l.condition()), i.name(), counted.up() ? "++" : "--");
    forward(l.body(), true, code);
    code.add("// Reverse this iteration.\n");
    Map<String, List<CodeBlock>> outer = pending;
    pending = new LinkedHashMap<>();
    // The iteration's own locals (assigned at the top of the body, read only after) start every
    // reverse iteration with a zero adjoint: zero before the loop, and cleared by the reverse of
    // their assignment at the end of the previous one. Their first contributions assign.
    zeroed.clear();
    for (Instr instr : l.body()) {
      if (instr instanceof Instr.Def d && method.mutable().contains(d.target())
          && method.active(d.target()) && !d.target().type().isArray()
          && !exits.containsKey(d.target())) {
        zeroed.put(d.target(), stream(code));
      }
    }
    reverse(l.body(), true, code);
    flushPending(code);
    pending = outer;
    code.endControlFlow();
    zeroed.clear();
    for (Var v : exits.keySet()) {
      // The reverse sweep adds these up again when it comes back to the loop.
      code.addStatement("$N = 0.0", adjoint(v));
    }
  }

  /** Declares what a branch or loop defines, so that the reverse sweep can read it after. */
  private void predeclare(List<Instr> compound, CodeBlock.Builder code) {
    Set<Var> inside = new LinkedHashSet<>();
    definedIn(compound, inside, true);
    for (Var v : inside) {
      if (declared.add(v)) {
        code.addStatement("$T $N = $L", v.type().typeName(), v.name(), v.type().zero());
      }
    }
  }

  private static void definedIn(List<Instr> body, Set<Var> into, boolean withTrips) {
    for (Instr instr : body) {
      if (instr instanceof Instr.Def d) {
        into.add(d.target());
      } else if (instr instanceof Instr.NewArray n) {
        into.add(n.array());
      } else if (instr instanceof Instr.Branch b) {
        definedIn(b.whenTrue(), into, withTrips);
        definedIn(b.whenFalse(), into, withTrips);
      } else if (instr instanceof Instr.Loop l) {
        definedIn(l.body(), into, withTrips);
        if (withTrips && l.tripCount() != null) {
          into.add(l.tripCount());
        }
      }
    }
  }

  private static String push(Type t) {
    return switch (t.prim()) {
      case DOUBLE, FLOAT -> "pushDouble";
      case BOOLEAN -> "pushBoolean";
      case LONG -> "pushLong";
      default -> "pushInt";
    };
  }

  private CodeBlock pop(Type t) {
    return switch (t.prim()) {
      case DOUBLE -> CodeBlock.of("$N.popDouble()", tape);
      case FLOAT -> CodeBlock.of("(float) $N.popDouble()", tape);
      case BOOLEAN -> CodeBlock.of("$N.popBoolean()", tape);
      case LONG -> CodeBlock.of("$N.popLong()", tape);
      case INT -> CodeBlock.of("$N.popInt()", tape);
      default -> CodeBlock.of("($L) $N.popInt()", t.javaName(), tape);
    };
  }

  private static CodeBlock element(String array, List<Expr> indices) {
    CodeBlock.Builder element = CodeBlock.builder().add("$N", array);
    for (Expr index : indices) {
      element.add("[$L]", ExprPrinter.print(index));
    }
    return element.build();
  }

  // -------------------------------------------------------------------------------- reverse

  private void reverse(List<Instr> body, boolean inLoop, CodeBlock.Builder code) {
    List<List<Instr>> groups = Recording.groups(body);
    for (int g = groups.size() - 1; g >= 0; g--) {
      List<Instr> group = groups.get(g);
      CodeBlock.Builder part = CodeBlock.builder();
      // Appended to code right after the previous statement: one straight-line stream.
      streams.put(part, stream(code));
      Instr last = group.get(group.size() - 1);
      if (Recording.isCompound(last)) {
        compound(last, inLoop, part);
      }
      simple(Recording.simple(group), inLoop, part);
      if (!part.isEmpty()) {
        if (group.get(0) instanceof Instr.SourceLine line) {
          comment(line, code);
        }
        code.add(part.build());
      }
    }
  }

  private void compound(Instr instr, boolean inLoop, CodeBlock.Builder code) {
    // Code after a branch or loop may run without the code inside having run.
    zeroed.clear();
    compoundBody(instr, inLoop, code);
    zeroed.clear();
  }

  private void compoundBody(Instr instr, boolean inLoop, CodeBlock.Builder code) {
    if (!recording.needsReverse(instr)) {
      return;
    }
    if (instr instanceof Instr.Loop l && recording.fused(l)) {
      // Reversed already, iteration by iteration, in the forward sweep.
      restoreSnapshot(l, code);
      return;
    }
    predeclareAdjoints(List.of(instr), code);
    if (instr instanceof Instr.Branch b) {
      // Terms added under a condition are applied there, not deferred.
      Map<String, List<CodeBlock>> outer = pending;
      pending = null;
      CodeBlock.Builder whenTrue = CodeBlock.builder();
      reverse(b.whenTrue(), inLoop, whenTrue);
      CodeBlock.Builder whenFalse = CodeBlock.builder();
      reverse(b.whenFalse(), inLoop, whenFalse);
      pending = outer;
      branch(b, whenTrue, whenFalse, code);
      return;
    }
    Instr.Loop l = (Instr.Loop) instr;
    Function.Counted counted = l.counted();
    Map<String, String> sums = loopInvariantAccumulations(l);
    for (String sum : sums.values()) {
      code.addStatement("double $N = 0.0", sum);
    }
    hoisted.putAll(sums);
    if (counted != null) {
      Var i = counted.index();
      Expr one = new Expr.Literal(Type.INT, "1");
      Expr start = counted.inclusive() ? counted.to()
          : new Expr.Binary(counted.up() ? Expr.BinaryOp.MINUS : Expr.BinaryOp.PLUS,
              counted.to(), one, Type.INT);
      hoistReads(l, code);
      code.beginControlFlow("for ($N = $L; $N $L $L; $N$L)", i.name(), ExprPrinter.print(start),
          i.name(), counted.up() ? ">=" : "<=", ExprPrinter.operand(counted.from(), 11),
          i.name(), counted.up() ? "--" : "++");
    } else {
      Var trip = l.tripCount();
      if (inLoop) {
        code.addStatement("$N = $N.popInt()", trip.name(), tape);
      }
      code.beginControlFlow("for (; $N > 0; $N--)", trip.name(), trip.name());
    }
    boolean independent = recording.independent(l);
    if (independent) {
      code.add("// Re-run this iteration forward, saving what its reverse needs.\n");
      forward(l.body(), true, code);
      code.add("// Reverse this iteration.\n");
    }
    List<List<Instr>> replayed = independent ? List.of() : recording.replayed(l);
    if (!replayed.isEmpty()) {
      code.add("// Recompute this iteration's loop-invariant-input values (not kept on the tape).\n");
      for (List<Instr> group : replayed) {
        replay(group, code);
      }
    }
    Map<String, List<CodeBlock>> outer = pending;
    pending = counted != null ? new LinkedHashMap<>() : null;
    reverse(l.body(), true, code);
    flushPending(code);
    pending = outer;
    code.endControlFlow();
    List<Instr.Store> ranges = new ArrayList<>(rangeSaves.getOrDefault(l, List.of()));
    java.util.Collections.reverse(ranges);
    for (Instr.Store st : ranges) {
      code.addStatement("$N.popRange($N, $L)", tape, st.array().name(), loopRange(counted));
    }
    for (Map.Entry<String, String> sum : sums.entrySet()) {
      hoisted.remove(sum.getKey());
      code.addStatement("$L += $N", sum.getKey(), sum.getValue());
    }
    if (independent) {
      restoreSnapshot(l, code);
    }
  }

  private void flushPending(CodeBlock.Builder code) {
    if (pending == null) {
      return;
    }
    for (Map.Entry<String, List<CodeBlock>> e : pending.entrySet()) {
      code.addStatement("$L += $L", e.getKey(), CodeBlock.join(e.getValue(), " + "));
    }
    pending.clear();
  }

  /** Re-executes a statement's forward definitions, its own target included. */
  private void replay(List<Instr> instrs, CodeBlock.Builder code) {
    for (Instr instr : instrs) {
      if (instr instanceof Instr.Def d && !hoistedReads.contains(d)) {
        code.addStatement("$N = $L", d.target().name(), ExprPrinter.print(d.value()));
      } else if (instr instanceof Instr.Branch b) {
        CodeBlock.Builder whenTrue = CodeBlock.builder();
        replay(b.whenTrue(), whenTrue);
        CodeBlock.Builder whenFalse = CodeBlock.builder();
        replay(b.whenFalse(), whenFalse);
        branch(b, whenTrue, whenFalse, code);
      }
    }
  }

  private void branch(Instr.Branch b, CodeBlock.Builder whenTrue, CodeBlock.Builder whenFalse,
      CodeBlock.Builder code) {
    zeroed.clear();
    zeroedElements.clear();
    emitBranch(b, whenTrue, whenFalse, code);
    zeroed.clear();
    zeroedElements.clear();
  }

  private void emitBranch(Instr.Branch b, CodeBlock.Builder whenTrue,
      CodeBlock.Builder whenFalse, CodeBlock.Builder code) {
    if (whenTrue.isEmpty() && whenFalse.isEmpty()) {
      return;
    }
    if (whenTrue.isEmpty()) {
      code.beginControlFlow("if (!$L)", ExprPrinter.operand(b.condition(), 14));
      code.add(whenFalse.build());
    } else {
      code.beginControlFlow("if ($L)", ExprPrinter.print(b.condition()));
      code.add(whenTrue.build());
      if (!whenFalse.isEmpty()) {
        code.nextControlFlow("else");
        code.add(whenFalse.build());
      }
    }
    code.endControlFlow();
  }

  /** The instructions of one statement, in reverse: restores, recomputation, adjoints. */
  private void simple(List<Instr> instrs, boolean inLoop, CodeBlock.Builder code) {
    if (instrs.stream().noneMatch(recording::needsReverse)) {
      return;
    }
    boolean adjoint = instrs.stream().anyMatch(recording::hasAdjoint);
    Instr last = instrs.get(instrs.size() - 1);
    Set<Var> needed = recording.needed(instrs);
    zeroedElements.clear();
    if (inLoop && !recording.isReplayed(last)) {
      // Intermediate values of earlier iterations are gone: recompute them from the inputs,
      // restoring first what this statement overwrote (the statement may read its own target).
      List<Instr> before = instrs.subList(0, instrs.size() - 1);
      if (last instanceof Instr.Store st) {
        recompute(before.subList(0, st.indexDefs()), needed, code);
        restore(last, code);
        if (adjoint) {
          recompute(before.subList(st.indexDefs(), before.size()), needed, code);
        }
      } else {
        if (!(last instanceof Instr.CopyRange || last instanceof Instr.Fill)) {
          restore(last, code);
        }
        if (adjoint || last instanceof Instr.CopyRange || last instanceof Instr.Fill) {
          recompute(before, needed, code);
        }
      }
      if (adjoint) {
        zeroedElements.clear();
        findPassThrough(instrs);
        for (int i = instrs.size() - 1; i >= 0; i--) {
          propagate(instrs.get(i), code);
        }
        passThroughStore = null;
        passThroughRead = null;
        zeroedElements.clear();
      }
      if (last instanceof Instr.CopyRange || last instanceof Instr.Fill) {
        restore(last, code);
      }
      // Intermediate values that were kept rather than recomputed go back last.
      for (int i = before.size() - 1; i >= 0; i--) {
        restore(before.get(i), code);
      }
      return;
    }
    // Outside loops every intermediate value is still in its local (and so it is for statements
    // the reverse loop has just replayed).
    for (int i = instrs.size() - 1; i >= 0; i--) {
      Instr instr = instrs.get(i);
      // A kept temporary's rule may read its own value: restore it after propagating. Anything
      // else is restored first (a statement may read what it overwrites, x = x * 2).
      boolean after = instr instanceof Instr.CopyRange || instr instanceof Instr.Fill
          || instr instanceof Instr.Def d && d.target().kind() == Var.Kind.TEMPORARY;
      if (!after) {
        restore(instr, code);
      }
      propagate(instr, code);
      if (after) {
        restore(instr, code);
      }
    }
  }

  /**
   * {@code a[j] = a[j] + e} (or {@code - e}): the old element's adjoint is the new one's, so the
   * reverse sweep neither clears {@code aBar[j]} nor adds it back. Recognised when the element is
   * read, at the same indices, only to be added to, within the statement.
   */
  private void findPassThrough(List<Instr> instrs) {
    if (!(instrs.get(instrs.size() - 1) instanceof Instr.Store st) || !st.active()
        || !(st.value() instanceof Expr.Ref value)) {
      return;
    }
    Instr.Def sum = null;
    Instr.Def read = null;
    for (Instr instr : instrs) {
      if (instr instanceof Instr.Def d && d.target() == value.var()) {
        sum = d;
      }
    }
    if (sum == null || !(sum.value() instanceof Expr.Binary b)
        || b.op() != Expr.BinaryOp.PLUS && b.op() != Expr.BinaryOp.MINUS
        || !(b.left() instanceof Expr.Ref left)) {
      return;
    }
    for (Instr instr : instrs) {
      if (instr instanceof Instr.Def d && d.target() == left.var()
          && d.value() instanceof Expr.ArrayRead r && r.array() instanceof Expr.Ref a
          && a.var() == st.array() && st.indices().size() == 1
          && r.index().equals(st.indices().get(0))) {
        read = d;
      }
    }
    if (read == null) {
      return;
    }
    // The element's value and the sum must have no other use in the statement.
    int leftUses = 0;
    int sumUses = 0;
    for (Instr instr : instrs) {
      Set<Var> reads = new HashSet<>();
      Recording.reads(instr, reads);
      if (instr instanceof Instr.Def d && d.value() instanceof Expr.Binary bb) {
        leftUses += (bb.left() instanceof Expr.Ref l && l.var() == left.var() ? 1 : 0)
            + (bb.right() instanceof Expr.Ref rr && rr.var() == left.var() ? 1 : 0);
      } else if (reads.contains(left.var())) {
        leftUses += 2;
      }
      sumUses += reads.contains(value.var()) ? 1 : 0;
    }
    if (leftUses == 1 && sumUses == 1) {
      passThroughStore = st;
      passThroughRead = read;
    }
  }

  /** Re-executes the forward definitions of the values the reverse sweep reads. */
  private void recompute(List<Instr> instrs, Set<Var> needed, CodeBlock.Builder code) {
    for (Instr instr : instrs) {
      if (instr instanceof Instr.Def d && needed.contains(d.target())
          && !recording.forced(d.target()) && !hoistedReads.contains(d)) {
        code.addStatement("$N = $L", d.target().name(), ExprPrinter.print(d.value()));
      } else if (instr instanceof Instr.Branch b && definesAny(List.of(b), needed)) {
        CodeBlock.Builder whenTrue = CodeBlock.builder();
        recompute(b.whenTrue(), needed, whenTrue);
        CodeBlock.Builder whenFalse = CodeBlock.builder();
        recompute(b.whenFalse(), needed, whenFalse);
        branch(b, whenTrue, whenFalse, code);
      }
    }
  }

  private static boolean definesAny(List<Instr> instrs, Set<Var> vars) {
    Set<Var> defined = new HashSet<>();
    definedIn(instrs, defined, false);
    return defined.stream().anyMatch(vars::contains);
  }

  /** Puts back the value that {@code instr} overwrote, if it was saved. */
  private void restore(Instr instr, CodeBlock.Builder code) {
    if (recording.saves(instr)) {
      // A restored index would make the same element text name another element.
      zeroedElements.clear();
    }
    if (instr instanceof Instr.Def d && recording.saves(d)) {
      code.addStatement("$N = $L", d.target().name(), pop(d.target().type()));
    } else if (instr instanceof Instr.Store st && recording.saves(st)
        && !rangeSaved.contains(st)) {
      code.addStatement("$L = $L", element(st.array().name(), st.indices()),
          pop(Type.scalar(st.array().type().prim())));
    } else if (instr instanceof Instr.CopyRange c && recording.saves(c)) {
      code.addStatement("$N.popRange($N, $L, $L)", tape, c.target().name(),
          ExprPrinter.print(c.targetPos()), ExprPrinter.print(c.length()));
    } else if (instr instanceof Instr.Fill f && recording.saves(f)) {
      code.addStatement("$N.popRange($N, $L)", tape, f.target().name(), range(f));
    }
  }

  private void propagate(Instr instr, CodeBlock.Builder code) {
    if (instr == passThroughRead) {
      return;
    }
    if (instr instanceof Instr.Def d) {
      Var target = d.target();
      boolean mutable = method.mutable().contains(target);
      if (mutable && method.active(target)) {
        // The assignment ends the life of the target's previous value: move its adjoint on.
        if (d.active()) {
          Set<Var> reads = new HashSet<>();
          dev.adjoint.processor.analysis.Exprs.collectVars(d.value(), reads);
          if (reads.contains(target)) {
            String moved = names.newName(target.name() + "Moved");
            code.addStatement("double $N = $N", moved, adjoint(target));
            code.addStatement("$N = 0.0", adjoint(target));
            zeroed.put(target, stream(code));
            propagate(target, d.value(), CodeBlock.of("$N", moved), code);
            return;
          }
          propagate(target, d.value(), CodeBlock.of("$N", adjoint(target)), code);
        }
        code.addStatement("$N = 0.0", adjoint(target));
        zeroed.put(target, stream(code));
      } else if (d.active() && adjointDeclared.contains(target)) {
        propagate(target, d.value(), CodeBlock.of("$N", adjoint(target)), code);
      }
    } else if (instr instanceof Instr.Branch b) {
      predeclareAdjoints(List.of(b), code);
      Map<String, List<CodeBlock>> outer = pending;
      pending = null;
      CodeBlock.Builder whenTrue = CodeBlock.builder();
      for (int i = b.whenTrue().size() - 1; i >= 0; i--) {
        propagate(b.whenTrue().get(i), whenTrue);
      }
      CodeBlock.Builder whenFalse = CodeBlock.builder();
      for (int i = b.whenFalse().size() - 1; i >= 0; i--) {
        propagate(b.whenFalse().get(i), whenFalse);
      }
      pending = outer;
      branch(b, whenTrue, whenFalse, code);
    } else if (instr instanceof Instr.Store st && st.active()) {
      CodeBlock element = element(adjoint(st.array()), st.indices());
      if (st.value() instanceof Expr.Ref r && r.var().varied()) {
        accumulate(r.var(), new Term(false, element), code);
      }
      if (st != passThroughStore) {
        code.addStatement("$L = 0.0", element);
        zeroedElements.put(element.toString(), code);
      }
    } else if (instr instanceof Instr.NewArray n && n.copyOf() != null
        && method.active(n.array())
        && dev.adjoint.processor.analysis.Exprs.isVaried(n.copyOf())) {
      code.addStatement("$T.addInto($L, $N)", ADJOINTS, arrayAdjoint(n.copyOf()),
          adjoint(n.array()));
    } else if (instr instanceof Instr.CopyRange c && method.active(c.target())) {
      CodeBlock source = dev.adjoint.processor.analysis.Exprs.isVaried(c.source())
          ? arrayAdjoint(c.source()) : CodeBlock.of("null");
      code.addStatement("$T.arraycopy($L, $L, $N, $L, $L, $N)", ADJOINTS, source,
          ExprPrinter.print(c.sourcePos()), adjoint(c.target()),
          ExprPrinter.print(c.targetPos()), ExprPrinter.print(c.length()), tapeName());
    } else if (instr instanceof Instr.Fill f && method.active(f.target())) {
      CodeBlock sum = f.from() == null
          ? CodeBlock.of("$T.fill($N, 0, $N.length)", ADJOINTS, adjoint(f.target()),
              adjoint(f.target()))
          : CodeBlock.of("$T.fill($N, $L, $L)", ADJOINTS, adjoint(f.target()),
              ExprPrinter.print(f.from()), ExprPrinter.print(f.to()));
      if (f.value() instanceof Expr.Ref r && r.var().varied()) {
        accumulate(r.var(), new Term(false, sum), code);
      } else {
        code.addStatement("$L", sum);
      }
    }
  }

  private String tapeName() {
    if (tape == null) {
      throw new IllegalStateException("arraycopy adjoint without a tape");
    }
    return tape;
  }

  /** Scalar variables that the reverse of {@code body} adds adjoints into. */
  private void contributionTargets(List<Instr> body, Set<Var> into) {
    for (Instr instr : body) {
      if (instr instanceof Instr.Def d && d.active()) {
        for (Expr operand : Recording.operands(d.value())) {
          if (operand instanceof Expr.Ref r && r.var().varied() && !r.type().isArray()) {
            into.add(r.var());
          }
        }
      } else if (instr instanceof Instr.Store st && st.active()
          && st.value() instanceof Expr.Ref r && r.var().varied()) {
        into.add(r.var());
      } else if (instr instanceof Instr.Fill f && method.active(f.target())
          && f.value() instanceof Expr.Ref r && r.var().varied()) {
        into.add(r.var());
      } else if (instr instanceof Instr.Branch b) {
        contributionTargets(b.whenTrue(), into);
        contributionTargets(b.whenFalse(), into);
      } else if (instr instanceof Instr.Loop l) {
        contributionTargets(l.body(), into);
      }
    }
  }

  /** Declares (as zero) adjoints that the reverse of a block adds into but that outlive it. */
  private void predeclareAdjoints(List<Instr> block, CodeBlock.Builder code) {
    Set<Var> reached = new LinkedHashSet<>();
    contributionTargets(block, reached);
    Set<Var> inside = new HashSet<>();
    for (Instr instr : block) {
      if (instr instanceof Instr.Branch b) {
        definedIn(b.whenTrue(), inside, false);
        definedIn(b.whenFalse(), inside, false);
      } else if (instr instanceof Instr.Loop l) {
        // A loop body's temporaries live one iteration; everything else outlives the loop.
        Set<Var> body = new HashSet<>();
        definedIn(l.body(), body, false);
        for (Var v : body) {
          if (!method.mutable().contains(v)) {
            inside.add(v);
          }
        }
      }
    }
    for (Var v : reached) {
      if (!inside.contains(v) && adjointDeclared.add(v)) {
        code.addStatement("double $N = 0.0", adjoint(v));
      }
    }
  }

  private void propagate(Var target, Expr op, CodeBlock bar, CodeBlock.Builder code) {
    if (op instanceof Expr.ArrayRead read) {
      accumulateIntoArray(read, bar, code);
      return;
    }
    if (op instanceof Expr.Invoke call) {
      pullbackCall(call, bar, code);
      return;
    }
    List<Expr> operands = Recording.operands(op);
    List<CodeBlock> args = operands.stream().map(ExprPrinter::factor).toList();
    if (op instanceof Expr.Binary b && b.op() == Expr.BinaryOp.DIVIDE
        && varied(operands.get(0)) && varied(operands.get(1))) {
      // y = a / b: both partials share ȳ / b, so divide once.
      String quotient = names.newName(target.name() + "Quotient");
      code.addStatement("double $N = $L / $L", quotient, bar, args.get(1));
      accumulate(((Expr.Ref) operands.get(0)).var(), Term.plus("$N", quotient), code);
      accumulate(((Expr.Ref) operands.get(1)).var(),
          Term.minus("$N * $N", quotient, target.name()), code);
      return;
    }
    if (op instanceof Expr.Binary b && b.op() == Expr.BinaryOp.MULTIPLY
        && operands.get(0) instanceof Expr.Ref l && operands.get(1) instanceof Expr.Ref r
        && l.var() == r.var() && l.var().varied()) {
      // y = a * a: one term, 2·ȳ·a (bit for bit the sum of the two partials: doubling is exact).
      accumulate(l.var(), Term.plus("2.0 * $L * $L", bar, args.get(0)), code);
      return;
    }
    if (op instanceof Expr.Binary b && b.op() == Expr.BinaryOp.MULTIPLY
        && operands.get(0) instanceof Expr.Ref l && operands.get(1) instanceof Expr.Ref r) {
      Var scaled = scaledBy(l.var(), r.var()) ? l.var() : scaledBy(r.var(), l.var()) ? r.var()
          : null;
      if (scaled != null) {
        // y = (c·a)·a, as in 100.0 * a * a: ∂y/∂a = 2·c·a, one term instead of a round trip
        // through the adjoint of c·a.
        Var a = scaled == l.var() ? r.var() : l.var();
        accumulate(a, Term.plus("2.0 * $L * $N", bar, scaled.name()), code);
        return;
      }
    }
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

  /**
   * {@code y = g(a, b)}: the callee's pullback, seeded with ȳ, adds into a {@code double[1]} cell
   * per scalar argument (lent by the tape, so nothing is allocated) and straight into the adjoint
   * arrays of array arguments; arguments that carry no derivative get throw-away cells.
   */
  private void pullbackCall(Expr.Invoke call, CodeBlock bar, CodeBlock.Builder code) {
    Callee callee = call.callee();
    CodeBlock.Builder args = CodeBlock.builder();
    if (callee.receiver() != null) {
      args.add("$L, ", ExprPrinter.print(callee.receiver()));
    }
    for (Expr a : call.args()) {
      args.add("$L, ", ExprPrinter.print(a));
    }
    args.add("$L", bar);
    List<Map.Entry<Var, String>> cells = new ArrayList<>();
    for (int k = 0; k < call.args().size(); k++) {
      if (!callee.accumulators().get(k)) {
        continue;
      }
      Expr a = call.args().get(k);
      Var v = a instanceof Expr.Ref r ? r.var() : null;
      if (v != null && v.varied() && !v.type().isArray()) {
        String cell = names.newName(v.name() + "Cell");
        code.addStatement("double[] $N = $N.cell()", cell, tape);
        cells.add(Map.entry(v, cell));
        args.add(", $N", cell);
      } else if (a.type().isArray() && Exprs.isVaried(a)) {
        args.add(", $L", arrayAdjoint(a));
      } else if (a.type().isArray()) {
        args.add(a.type().dims() == 1 ? ", $N.scratch($L.length)" : ", $N.scratch($L)", tape,
            ExprPrinter.operand(a, 16));
      } else {
        args.add(", $N.cell()", tape);
      }
    }
    code.addStatement("$T.$N($L)", callee.pullbackOwner(), callee.pullback(), args.build());
    for (Map.Entry<Var, String> cell : cells) {
      accumulate(cell.getKey(), Term.plus("$N[0]", cell.getValue()), code);
    }
    code.addStatement("$N.releaseCells($N)", tape, cellMark);
  }

  /** Whether {@code t} is a temporary defined as {@code c * a} or {@code a * c}, c constant. */
  private boolean scaledBy(Var t, Var a) {
    Instr.Def d = temporaries.get(t);
    if (d == null || !a.varied() || !(d.value() instanceof Expr.Binary b)
        || b.op() != Expr.BinaryOp.MULTIPLY) {
      return false;
    }
    return constant(b.left()) && b.right() instanceof Expr.Ref r && r.var() == a
        || constant(b.right()) && b.left() instanceof Expr.Ref r2 && r2.var() == a;
  }

  private static boolean constant(Expr atom) {
    return atom instanceof Expr.Literal || atom instanceof Expr.Constant;
  }

  private static boolean varied(Expr atom) {
    return atom instanceof Expr.Ref r && r.var().varied();
  }

  private void accumulate(Var v, Term term, CodeBlock.Builder code) {
    String name = adjoint(v);
    if (adjointDeclared.add(v)) {
      code.addStatement(term.negate() ? "double $N = -$L" : "double $N = $L", name,
          term.magnitude());
    } else if (zeroed.remove(v) == stream(code)) {
      // Just cleared in this straight-line code: assign rather than add to 0.0 (an addition the
      // JIT may not drop, and inside a loop a dependency from one iteration to the next).
      code.addStatement(term.negate() ? "$N = -$L" : "$N = $L", name, term.magnitude());
    } else {
      code.addStatement(term.negate() ? "$N -= $L" : "$N += $L", name, term.magnitude());
    }
  }

  /** {@code x = a[i][j]}: the adjoint goes straight into the array adjoint's element. */
  private void accumulateIntoArray(Expr.ArrayRead read, CodeBlock bar, CodeBlock.Builder code) {
    List<Expr> indices = new ArrayList<>();
    Expr base = read;
    while (base instanceof Expr.ArrayRead r) {
      indices.add(0, r.index());
      base = r.array();
    }
    Var array = ((Expr.Ref) base).var();
    CodeBlock element = element(arrayAdjoint(array), indices);
    String sum = hoisted.get(element.toString());
    if (sum != null) {
      code.addStatement("$N += $L", sum, bar);
      return;
    }
    boolean fixed = indices.stream().allMatch(i -> i instanceof Expr.Literal
        || i instanceof Expr.Ref r && recording.isCountedIndex(r.var()));
    if (pending != null && accumulators.containsKey(array) && fixed) {
      pending.computeIfAbsent(element.toString(), k -> new ArrayList<>()).add(bar);
      return;
    }
    if (zeroedElements.remove(element.toString()) == code) {
      code.addStatement("$L = $L", element, bar);
    } else {
      // Another index of the same array may name a cleared element (v9Bar[t] with t == 0):
      // none of its elements counts as cleared any more.
      String prefix = arrayAdjoint(array) + "[";
      zeroedElements.keySet().removeIf(k -> k.startsWith(prefix));
      code.addStatement("$L += $L", element, bar);
    }
  }

  /** The adjoint of an array expression: a whole array or a row, {@code a} or {@code m[i]}. */
  private CodeBlock arrayAdjoint(Expr array) {
    if (array instanceof Expr.ArrayRead r) {
      return CodeBlock.of("$L[$L]", arrayAdjoint(r.array()), ExprPrinter.print(r.index()));
    }
    return CodeBlock.of("$N", arrayAdjoint(((Expr.Ref) array).var()));
  }

  /** The adjoint of an array: the caller's accumulator for a parameter, else a local array. */
  private String arrayAdjoint(Var array) {
    String accumulator = accumulators.get(array);
    return accumulator != null ? accumulator : adjoint(array);
  }

  private String adjoint(Var v) {
    return adjointNames.computeIfAbsent(v, k -> names.newName(k.name() + "Bar"));
  }
}
