package dev.adjoint.processor.analysis;

import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Instr;
import dev.adjoint.processor.ir.Lowered;
import dev.adjoint.processor.ir.Var;
import dev.adjoint.processor.rules.RuleUses;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
  /** Temporaries that are kept rather than recomputed (see {@link #forced}). */
  private final Set<Var> forced = new HashSet<>();
  /** The definitions and stores that save the value they overwrite. */
  private final Set<Instr> sites = Collections.newSetFromMap(new IdentityHashMap<>());
  private final Set<Var> definedInLoops = new HashSet<>();
  private final Set<Var> countedIndices = new HashSet<>();
  private final Map<Instr.Loop, List<List<Instr>>> replay = new IdentityHashMap<>();
  private final Set<Var> replayedVars = new HashSet<>();
  private final Set<Instr> replayedStatements =
      Collections.newSetFromMap(new IdentityHashMap<>());
  /** Loops whose reverse re-runs each iteration forward (see {@link IndependentIterations}). */
  private final Set<Instr.Loop> independent = Collections.newSetFromMap(new IdentityHashMap<>());
  /** Per independent loop: what it overwrites that the reverse sweep before it still needs. */
  private final Map<Instr.Loop, Set<Var>> snapshots = new IdentityHashMap<>();
  /** Which loops fill a whole local array (see {@link IndependentIterations#filledBy}). */
  private final IndependentIterations fills;
  /** Fused independent loops, with the adjoints of their running sums at exit. */
  private final Map<Instr.Loop, Map<Var, Expr>> fused = new IdentityHashMap<>();

  /**
   * @param seed stands for the pullback's seed in {@link #exitAdjoints}
   */
  public Recording(Lowered method, Var seed) {
    this.method = method;
    this.fills = new IndependentIterations(method);
    scan(method.body(), false);
    findReplayable(method.body(), new HashSet<>());
    decideSaves();
    // Where the plain analysis would tape every iteration of a nested loop inside a loop whose
    // iterations are independent, re-run iterations instead, and decide again. Top-level such
    // loops whose sums' adjoints are known up front are reversed as they run (fused).
    IndependentIterations analysis = fills;
    chooseFused(analysis, seed);
    chooseIndependent(method.body(), analysis);
    if (!independent.isEmpty()) {
      sites.clear();
      forced.clear();
      decideSaves();
    }
  }

  private void decideSaves() {
    int size = -1;
    while (size != sites.size() + forced.size() + snapshotSize()) {
      size = sites.size() + forced.size() + snapshotSize();
      force(method.body());
      overwrites(method.body(), new HashSet<>());
    }
  }

  private int snapshotSize() {
    return snapshots.values().stream().mapToInt(Set::size).sum();
  }

  /**
   * A top-level independent loop, with adjoint work, whose running sums have adjoints at its exit
   * that are known before it runs ({@link ExitAdjoints}), that writes nothing read after it except
   * those sums, and reads nothing written after it (whose adjoint the reverse of that write would
   * clear after the loop had added to it).
   */
  private void chooseFused(IndependentIterations analysis, Var seed) {
    List<Instr> body = method.body();
    if (!(method.result() instanceof Expr.Ref result) || !result.var().varied()) {
      return;
    }
    for (int at = 0; at < body.size(); at++) {
      if (!(body.get(at) instanceof Instr.Loop l) || !hasAdjoint(l) || !analysis.independent(l)) {
        continue;
      }
      List<Instr> after = body.subList(at + 1, body.size());
      if (after.stream().anyMatch(i -> i instanceof Instr.NewArray)) {
        continue;
      }
      Set<Var> sums = analysis.pureRunningSums(l);
      Set<Var> written = IndependentIterations.written(l.body());
      Set<Var> readAfter = new HashSet<>();
      after.forEach(i -> reads(i, readAfter));
      readAfter.add(result.var());
      Set<Var> writtenAfter = IndependentIterations.written(after);
      Set<Var> readInLoop = new HashSet<>();
      reads(l, readInLoop);
      if (written.stream().anyMatch(v -> readAfter.contains(v) && !sums.contains(v))
          || readInLoop.stream().anyMatch(writtenAfter::contains)) {
        continue;
      }
      Set<Var> activeSums = new LinkedHashSet<>();
      for (Var s : sums) {
        if (method.active(s) && readAfter.contains(s)) {
          activeSums.add(s);
        }
      }
      Optional<Map<Var, Expr>> exits = ExitAdjoints.of(method, at, activeSums, written, seed);
      if (exits.isPresent()) {
        independent.add(l);
        fused.put(l, exits.get());
      }
    }
  }

  /**
   * Whether this independent loop is fused: the forward sweep reverses each iteration right after
   * running it, starting from the adjoints {@link #exitAdjoints} of its running sums.
   */
  public boolean fused(Instr.Loop loop) {
    return fused.containsKey(loop);
  }

  /** The adjoint at loop exit of each active running sum of a fused loop, as an expression. */
  public Map<Var, Expr> exitAdjoints(Instr.Loop loop) {
    return fused.getOrDefault(loop, Map.of());
  }

  private void chooseIndependent(List<Instr> body, IndependentIterations analysis) {
    for (Instr instr : body) {
      if (instr instanceof Instr.Loop l && independent.contains(l)) {
        continue;
      }
      if (instr instanceof Instr.Branch b) {
        chooseIndependent(b.whenTrue(), analysis);
        chooseIndependent(b.whenFalse(), analysis);
      } else if (instr instanceof Instr.Loop l) {
        if (hasAdjoint(l) && tapesInnerIterations(l.body(), false)
            && analysis.independent(l)) {
          independent.add(l);
        } else {
          chooseIndependent(l.body(), analysis);
        }
      }
    }
  }

  /** Whether a nested loop in this block saves values, or records trip counts, per iteration. */
  private boolean tapesInnerIterations(List<Instr> body, boolean inInner) {
    for (Instr instr : body) {
      if (inInner && sites.contains(instr)) {
        return true;
      } else if (instr instanceof Instr.Branch b) {
        if (tapesInnerIterations(b.whenTrue(), inInner)
            || tapesInnerIterations(b.whenFalse(), inInner)) {
          return true;
        }
      } else if (instr instanceof Instr.Loop l) {
        if (l.counted() == null && needsReverse(l) || tapesInnerIterations(l.body(), true)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Whether the reverse sweep re-runs each iteration of this loop forward just before reversing
   * it (its forward sweep then saves nothing inside it).
   */
  public boolean independent(Instr.Loop loop) {
    return independent.contains(loop);
  }

  /**
   * What the forward sweep saves just before an independent loop (and the reverse sweep restores
   * after reversing it): variables and arrays the loop overwrites whose earlier values the
   * reverse of the statements before it reads.
   */
  public Set<Var> snapshot(Instr.Loop loop) {
    return snapshots.getOrDefault(loop, Set.of());
  }

  /**
   * The statements at the top of a counted loop's body that the reverse sweep re-executes at the
   * start of each reverse iteration instead of saving what they assign (empty for other loops).
   */
  public List<List<Instr>> replayed(Instr.Loop loop) {
    return replay.getOrDefault(loop, List.of());
  }

  /**
   * Whether this is the last definition of a statement that {@link #replayed} re-executes: its
   * intermediate values are then already in place when the reverse sweep reaches it.
   */
  public boolean isReplayed(Instr last) {
    return replayedStatements.contains(last);
  }

  /** Whether {@code v} is the index of a counted loop (constant within an iteration). */
  public boolean isCountedIndex(Var v) {
    return countedIndices.contains(v);
  }

  /** Whether this definition, store or copy must first save the value it overwrites. */
  public boolean saves(Instr site) {
    return sites.contains(site);
  }

  /**
   * Whether a temporary is kept on the tape (a branch condition inside a loop, or an index read
   * from the array it indexes) instead of being recomputed by the reverse sweep.
   */
  public boolean forced(Var temporary) {
    return forced.contains(temporary);
  }

  /** Whether the reverse sweep has anything to do for this instruction (adjoints or restores). */
  public boolean needsReverse(Instr instr) {
    if (instr instanceof Instr.Def d) {
      return hasAdjoint(d) || sites.contains(d);
    } else if (instr instanceof Instr.Store st) {
      return st.active() || sites.contains(st);
    } else if (instr instanceof Instr.NewArray n) {
      return n.copyOf() != null && method.active(n.array());
    } else if (instr instanceof Instr.CopyRange c) {
      return method.active(c.target()) || sites.contains(c);
    } else if (instr instanceof Instr.Fill f) {
      return method.active(f.target()) || sites.contains(f);
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
    return !sites.isEmpty() || snapshotSize() > 0;
  }

  private void scan(List<Instr> body, boolean inLoop) {
    for (Instr instr : body) {
      if (instr instanceof Instr.Def d && inLoop) {
        definedInLoops.add(d.target());
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

  /**
   * Recompute instead of store: a variable assigned once, directly in the body of a counted loop,
   * from values the loop never changes (parameters, variables assigned once outside it, loop
   * indices, other such variables) and read only after that assignment within the same
   * iteration, is re-derived at the start of each reverse iteration; nothing goes on the tape.
   */
  private void findReplayable(List<Instr> body, Set<Var> stable) {
    for (Instr instr : body) {
      if (instr instanceof Instr.Branch b) {
        findReplayable(b.whenTrue(), stable);
        findReplayable(b.whenFalse(), stable);
      } else if (instr instanceof Instr.Loop l) {
        Set<Var> inner = new HashSet<>(stable);
        if (l.counted() != null) {
          inner.add(l.counted().index());
          List<List<Instr>> groups = new ArrayList<>();
          Set<Var> readSoFar = new HashSet<>();
          for (List<Instr> group : groups(l.body())) {
            Instr last = group.get(group.size() - 1);
            List<Instr> simple = simple(group);
            Set<Var> reads = new HashSet<>();
            Set<Var> defined = new HashSet<>();
            for (Instr i : simple) {
              reads(i, reads);
              if (i instanceof Instr.Def d) {
                defined.add(d.target());
              }
            }
            if (!isCompound(last) && last instanceof Instr.Def d && replayable(d.target(), l)
                && !readSoFar.contains(d.target())
                && reads.stream().allMatch(v -> defined.contains(v) || inner.contains(v)
                    || invariant(v))) {
              groups.add(simple);
              inner.add(d.target());
              replayedVars.add(d.target());
              replayedStatements.add(d);
            }
            if (isCompound(last)) {
              reads(last, readSoFar);
            }
            readSoFar.addAll(reads);
          }
          if (!groups.isEmpty()) {
            replay.put(l, groups);
          }
        }
        findReplayable(l.body(), inner);
      }
    }
  }

  /** Parameters (arrays are never written) and variables assigned exactly once at the top. */
  private boolean invariant(Var v) {
    return !method.mutable().contains(v) && v.kind() != Var.Kind.TEMPORARY
        && (v.kind() == Var.Kind.PARAMETER || !v.type().isArray());
  }

  /** A user variable assigned only by this statement and read only inside this loop. */
  private boolean replayable(Var v, Instr.Loop loop) {
    if (!method.mutable().contains(v) || v.kind() == Var.Kind.PARAMETER
        || countedIndices.contains(v)) {
      return false;
    }
    int[] defs = {0};
    boolean[] readOutside = {false};
    countUses(method.body(), v, loop, false, defs, readOutside);
    return defs[0] == 1 && !readOutside[0];
  }

  private static void countUses(List<Instr> body, Var v, Instr.Loop loop, boolean inside,
      int[] defs, boolean[] readOutside) {
    for (Instr instr : body) {
      if (instr instanceof Instr.Def d && d.target() == v) {
        defs[0]++;
      }
      if (!inside && !(instr instanceof Instr.Loop) && !(instr instanceof Instr.Branch)) {
        Set<Var> reads = new HashSet<>();
        reads(instr, reads);
        readOutside[0] |= reads.contains(v);
      }
      if (instr instanceof Instr.Branch b) {
        if (!inside) {
          Set<Var> cond = new HashSet<>();
          Exprs.collectVars(b.condition(), cond);
          readOutside[0] |= cond.contains(v);
        }
        countUses(b.whenTrue(), v, loop, inside, defs, readOutside);
        countUses(b.whenFalse(), v, loop, inside, defs, readOutside);
      } else if (instr instanceof Instr.Loop l) {
        if (!inside && l != loop) {
          Set<Var> header = new HashSet<>();
          Exprs.collectVars(l.condition(), header);
          if (l.counted() != null) {
            Exprs.collectVars(l.counted().from(), header);
            Exprs.collectVars(l.counted().to(), header);
          }
          readOutside[0] |= header.contains(v);
        }
        countUses(l.body(), v, loop, inside || l == loop, defs, readOutside);
      }
    }
  }

  /** Everything an instruction reads (values, indices, conditions), recursively. */
  public static void reads(Instr instr, Set<Var> into) {
    if (instr instanceof Instr.Def d) {
      Exprs.collectVars(d.value(), into);
    } else if (instr instanceof Instr.Store st) {
      st.indices().forEach(i -> Exprs.collectVars(i, into));
      Exprs.collectVars(st.value(), into);
    } else if (instr instanceof Instr.NewArray n) {
      Exprs.collectVars(n.copyOf(), into);
      n.dimensions().forEach(d -> Exprs.collectVars(d, into));
    } else if (instr instanceof Instr.CopyRange c) {
      Exprs.collectVars(c.source(), into);
      Exprs.collectVars(c.sourcePos(), into);
      Exprs.collectVars(c.targetPos(), into);
      Exprs.collectVars(c.length(), into);
    } else if (instr instanceof Instr.Fill f) {
      Exprs.collectVars(f.from(), into);
      Exprs.collectVars(f.to(), into);
      Exprs.collectVars(f.value(), into);
    } else if (instr instanceof Instr.Branch b) {
      Exprs.collectVars(b.condition(), into);
      b.whenTrue().forEach(i -> reads(i, into));
      b.whenFalse().forEach(i -> reads(i, into));
    } else if (instr instanceof Instr.Loop l) {
      Exprs.collectVars(l.condition(), into);
      if (l.counted() != null) {
        Exprs.collectVars(l.counted().from(), into);
        Exprs.collectVars(l.counted().to(), into);
      }
      l.body().forEach(i -> reads(i, into));
    }
  }

  /** Finds the temporaries that must be kept: replayed branch conditions inside loops. */
  private void force(List<Instr> body) {
    for (List<Instr> group : groups(body)) {
      saveIndicesReadingTheirArray(simple(group));
      keepCostlyResults(simple(group));
    }
    for (Instr instr : body) {
      if (instr instanceof Instr.Branch b && b.statement()) {
        force(b.whenTrue());
        force(b.whenFalse());
        if (needsReverse(b) && b.condition() instanceof Expr.Ref r
            && r.var().kind() == Var.Kind.TEMPORARY && definedInLoops.contains(r.var())) {
          forced.add(r.var());
        }
      } else if (instr instanceof Instr.Loop l) {
        force(l.body());
      }
    }
  }

  /**
   * Decides which overwrites save the old value, by a forward pass that tracks "read since last
   * written" ({@code dirty}): the reverse sweep reads a statement's inputs at that statement, so
   * an overwrite must save exactly when the value it destroys has been read since it was written.
   * The first overwrite after a read saves; later ones (and overwrites of values nobody read,
   * such as a running sum read only after its loop) do not. Around a loop the state is iterated
   * to a fixpoint; after a branch it is the union of both sides. Arrays stay read once read.
   */
  private void overwrites(List<Instr> body, Set<Var> dirty) {
    for (List<Instr> group : groups(body)) {
      List<Instr> simple = simple(group);
      dirty.addAll(needed(simple));
      for (Instr instr : simple) {
        if (instr instanceof Instr.Def d && overwritable(d.target())) {
          if (dirty.remove(d.target())) {
            sites.add(d);
          }
        } else if (instr instanceof Instr.Store st && dirty.contains(st.array())) {
          sites.add(st);
        } else if (instr instanceof Instr.CopyRange c && dirty.contains(c.target())) {
          sites.add(c);
        } else if (instr instanceof Instr.Fill f && dirty.contains(f.target())) {
          sites.add(f);
        } else if (instr instanceof Instr.NewArray n) {
          dirty.remove(n.array());
        }
      }
      Instr last = group.get(group.size() - 1);
      if (last instanceof Instr.Branch b && b.statement()) {
        if (needsReverse(b)) {
          Exprs.collectVars(b.condition(), dirty);
        }
        Set<Var> whenTrue = new HashSet<>(dirty);
        overwrites(b.whenTrue(), whenTrue);
        Set<Var> whenFalse = new HashSet<>(dirty);
        overwrites(b.whenFalse(), whenFalse);
        dirty.addAll(whenTrue);
        dirty.addAll(whenFalse);
      } else if (last instanceof Instr.Loop l) {
        if (l.counted() != null && needsReverse(l)) {
          Exprs.collectVars(l.counted().from(), dirty);
          Exprs.collectVars(l.counted().to(), dirty);
        }
        if (independent.contains(l)) {
          independentLoop(l, dirty);
          continue;
        }
        Set<Var> entry = new HashSet<>(dirty);
        while (true) {
          Set<Var> after = new HashSet<>(entry);
          overwrites(l.body(), after);
          after.addAll(dirty);
          if (after.equals(entry)) {
            break;
          }
          entry = after;
        }
        dirty.addAll(entry);
        // A loop that wrote every element of an array (saving the old values the reverse sweep
        // reads, as it went) and read none of them for the reverse sweep leaves the array clean:
        // later writes in the same pass need not save values nobody reads (GMM's Qx += ...).
        for (Var filled : fills.filledBy(l)) {
          if (!readsForReverse(l.body(), filled)) {
            dirty.remove(filled);
          }
        }
      }
    }
  }

  /**
   * An independent loop: inside, only what one iteration's own reverse reads is saved (each
   * iteration is re-run just before it is reversed); what the loop overwrites and earlier reverse
   * code still needs is saved once, before the loop. The re-runs read everything the loop reads.
   */
  private void independentLoop(Instr.Loop l, Set<Var> dirty) {
    overwrites(l.body(), new HashSet<>());
    Set<Var> written = IndependentIterations.written(l.body());
    Set<Var> snapshot = snapshots.computeIfAbsent(l, k -> new LinkedHashSet<>());
    for (Var v : written) {
      if (dirty.contains(v) && (v.type().isArray() || overwritable(v))) {
        snapshot.add(v);
      }
    }
    dirty.removeAll(written);
    Set<Var> reads = new HashSet<>();
    reads(l, reads);
    reads.removeAll(written);
    dirty.addAll(reads);
  }

  /** Whether the reverse of anything in this block reads {@code v}'s values. */
  private boolean readsForReverse(List<Instr> body, Var v) {
    for (List<Instr> group : groups(body)) {
      if (needed(simple(group)).contains(v)) {
        return true;
      }
      Instr last = group.get(group.size() - 1);
      Set<Var> control = new HashSet<>();
      if (last instanceof Instr.Branch b && b.statement()) {
        Exprs.collectVars(b.condition(), control);
        if (control.contains(v) || readsForReverse(b.whenTrue(), v)
            || readsForReverse(b.whenFalse(), v)) {
          return true;
        }
      } else if (last instanceof Instr.Loop l) {
        Exprs.collectVars(l.condition(), control);
        if (l.counted() != null) {
          Exprs.collectVars(l.counted().from(), control);
          Exprs.collectVars(l.counted().to(), control);
        }
        if (control.contains(v) || readsForReverse(l.body(), v)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Variables whose overwrites may need saving: mutable scalars, kept temporaries, arrays. */
  private boolean overwritable(Var v) {
    return method.mutable().contains(v) && !countedIndices.contains(v)
            && !replayedVars.contains(v)
        || forced.contains(v);
  }

  /** Results of transcendental calls in loops that the reverse reads: kept, not recomputed. */
  private void keepCostlyResults(List<Instr> simple) {
    Set<Var> needed = null;
    for (Instr instr : simple) {
      if (instr instanceof Instr.Def d && d.target().kind() == Var.Kind.TEMPORARY
          && definedInLoops.contains(d.target()) && d.value() instanceof Expr.Call c
          && c.function().costly()) {
        if (needed == null) {
          needed = needed(simple);
        }
        if (needed.contains(d.target())) {
          forced.add(d.target());
        }
      }
    }
  }

  /**
   * An index computed from the very array being stored into ({@code v[v[0] > 0 ? i : j] = ...})
   * cannot be recomputed once the store happened: such index temporaries are kept instead.
   */
  private void saveIndicesReadingTheirArray(List<Instr> simple) {
    if (simple.isEmpty() || !(simple.get(simple.size() - 1) instanceof Instr.Store st)
        || !needsReverse(st)) {
      return;
    }
    Set<Var> reads = new HashSet<>();
    for (Instr instr : simple.subList(0, st.indexDefs())) {
      if (instr instanceof Instr.Def d) {
        Exprs.collectVars(d.value(), reads);
      }
    }
    if (!reads.contains(st.array())) {
      return;
    }
    for (Expr index : st.indices()) {
      if (index instanceof Expr.Ref r && r.var().kind() == Var.Kind.TEMPORARY
          && definedInLoops.contains(r.var())) {
        forced.add(r.var());
      }
    }
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
    if (op instanceof Expr.Invoke) {
      // The callee's pullback runs it again from all its arguments.
      Exprs.collectVars(op, needed);
      return;
    }
    if (op instanceof Expr.Linearized l) {
      needed.add(l.slope());
      return;
    }
    List<Expr> operands = operands(op);
    boolean[] varied = new boolean[operands.size()];
    for (int i = 0; i < varied.length; i++) {
      varied[i] = operands.get(i) instanceof Expr.Ref r && r.var().varied();
    }
    // Only the partials of varied operands are emitted, so only they read values.
    RuleUses uses = RuleUses.of(op, operands.size(), varied);
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
    } else if (op instanceof Expr.Invoke c) {
      return c.args();
    } else if (op instanceof Expr.Ref) {
      return List.of(op);
    } else if (op instanceof Expr.Linearized l) {
      return List.of(new Expr.Ref(l.input()));
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
