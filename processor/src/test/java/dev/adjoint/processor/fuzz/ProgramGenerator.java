package dev.adjoint.processor.fuzz;

import dev.adjoint.processor.fuzz.Expr.B;
import dev.adjoint.processor.fuzz.Expr.Call1;
import dev.adjoint.processor.fuzz.Expr.Call2;
import dev.adjoint.processor.fuzz.Expr.Cmp;
import dev.adjoint.processor.fuzz.Expr.D;
import dev.adjoint.processor.fuzz.Expr.DBin;
import dev.adjoint.processor.fuzz.Expr.DCmp;
import dev.adjoint.processor.fuzz.Expr.DCond;
import dev.adjoint.processor.fuzz.Expr.DConst;
import dev.adjoint.processor.fuzz.Expr.DOp;
import dev.adjoint.processor.fuzz.Expr.DVar;
import dev.adjoint.processor.fuzz.Expr.Elem;
import dev.adjoint.processor.fuzz.Expr.Fma;
import dev.adjoint.processor.fuzz.Expr.Fn1;
import dev.adjoint.processor.fuzz.Expr.Fn2;
import dev.adjoint.processor.fuzz.Expr.I;
import dev.adjoint.processor.fuzz.Expr.IBin;
import dev.adjoint.processor.fuzz.Expr.ICmp;
import dev.adjoint.processor.fuzz.Expr.ICond;
import dev.adjoint.processor.fuzz.Expr.IConst;
import dev.adjoint.processor.fuzz.Expr.IOp;
import dev.adjoint.processor.fuzz.Expr.IVar;
import dev.adjoint.processor.fuzz.Expr.Length;
import dev.adjoint.processor.fuzz.Expr.Logic;
import dev.adjoint.processor.fuzz.Expr.Neg;
import dev.adjoint.processor.fuzz.Expr.Not;
import dev.adjoint.processor.fuzz.Expr.Widen;
import dev.adjoint.processor.fuzz.Stmt.AssignOp;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Generates random, well-formed, total programs (see {@link Program}).
 *
 * <p>Totality is by construction. Denominators, arguments of {@code log}/{@code sqrt}/…, and
 * bases of {@code pow} are built by {@link #positive} with a known positive lower bound;
 * {@code exp}-like functions only see arguments of bounded magnitude. Every expression is
 * generated together with an upper bound on its magnitude ({@link G}), and every variable
 * keeps one ({@link Var#bound}): an assignment whose right-hand side could exceed the bound
 * allowed for its target is squashed ({@code Math.tanh}, {@code Math.atan}, …). A variable
 * declared outside the innermost enclosing loop is <em>frozen</em>: its bound may not grow,
 * which keeps loop-carried values bounded however many iterations run. Otherwise bounds only
 * grow (an update may sit in a branch that does not run). Ints are never
 * negative (no subtraction) and stay small, so {@code e % 4} is always a valid index and
 * nothing overflows.
 */
public final class ProgramGenerator {
  /** Magnitude bound for double locals. */
  static final double LIMIT = 20;
  /** Bound for int locals. */
  static final int INT_LIMIT = 16;
  /** Magnitude bound for elements of local arrays (and of the inputs). */
  static final double ARRAY_BOUND = 2;
  /** Bound on |x0|, |x1|, |x2|, |a[k]| assumed by the generator; see {@link FuzzHarness}. */
  static final double INPUT_BOUND = 2;

  private static final int MAX_NESTING = 3;
  private static final int MAX_LOOP_DEPTH = 2;
  private static final double[] CONSTANTS = {0.1, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0};
  private static final double HALF_PI = Math.PI / 2;

  private enum Kind { DOUBLE, INT, ARRAY }

  /** A variable in scope. */
  private static final class Var {
    final String name;
    final Kind kind;
    final boolean writable;
    final int loopDepth;
    double bound;

    Var(String name, Kind kind, boolean writable, int loopDepth, double bound) {
      this.name = name;
      this.kind = kind;
      this.writable = writable;
      this.loopDepth = loopDepth;
      this.bound = bound;
    }
  }

  /** A double expression with a bound on its magnitude. */
  private record G(D e, double bound) {}

  /** A non-negative int expression with an upper bound. */
  private record GI(I e, int bound) {}

  /** A double expression with {@code 0 < lower <= value <= upper}. */
  private record Pos(D e, double lower, double upper) {}

  private enum StmtKind {
    DECL_DOUBLE, ASSIGN, COMPOUND, DECL_INT, INT_UPDATE,
    IF, FOR, WHILE, JUMP, EARLY_RETURN, DECL_ARRAY, STORE, FILL, MAP
  }

  private final SplittableRandom rnd;
  private final Set<Feature> features;
  private final Deque<List<Var>> frames = new ArrayDeque<>();
  private int loopDepth;
  private int nesting;
  private int fresh;
  /** Statements to emit right after the one just generated (the second loop of a MAP). */
  private final Deque<Stmt> followUps = new ArrayDeque<>();

  private ProgramGenerator(long seed, Set<Feature> features) {
    this.rnd = new SplittableRandom(seed);
    this.features = Set.copyOf(features);
  }

  /** The program of the given seed; equal arguments give equal programs. */
  public static Program generate(String className, long seed, Set<Feature> features) {
    return new ProgramGenerator(seed, features).program(className, seed);
  }

  private Program program(String className, long seed) {
    List<Var> params = new ArrayList<>();
    for (String x : List.of("x0", "x1", "x2")) {
      params.add(new Var(x, Kind.DOUBLE, false, 0, INPUT_BOUND));
    }
    params.add(new Var("a", Kind.ARRAY, false, 0, INPUT_BOUND));
    params.add(new Var("n", Kind.INT, false, 0, Program.MAX_N));
    frames.push(params);
    frames.push(new ArrayList<>());
    List<Stmt> body = new ArrayList<>();
    body.add(declareDouble());
    int size = 1 + rnd.nextInt(8);
    for (int k = 0; k < size; k++) {
      body.add(statement());
      while (!followUps.isEmpty()) {
        body.add(followUps.poll());
      }
    }
    body.add(new Stmt.Return(result()));
    return new Program(className, seed, List.copyOf(body));
  }

  /** The returned expression: a random expression combined with some live locals. */
  private D result() {
    G result = dexpr(2);
    List<Var> locals = new ArrayList<>(visible(Kind.DOUBLE, true));
    for (int k = 0; k < 3 && !locals.isEmpty(); k++) {
      Var v = locals.remove(rnd.nextInt(locals.size()));
      G local = new G(new DVar(v.name), v.bound);
      DOp op = pick(DOp.ADD, DOp.SUB, DOp.MUL);
      if (op == DOp.MUL && local.bound() * result.bound() > 1e4) {
        op = DOp.ADD;
      }
      result = rnd.nextBoolean() ? binary(op, local, result) : binary(op, result, local);
    }
    return result.e();
  }

  // ---------------------------------------------------------------- statements

  private List<Stmt> block(int size) {
    frames.push(new ArrayList<>());
    List<Stmt> out = new ArrayList<>();
    for (int k = 0; k < size; k++) {
      out.add(statement());
      while (!followUps.isEmpty()) {
        out.add(followUps.poll());
      }
    }
    frames.pop();
    return List.copyOf(out);
  }

  private Stmt statement() {
    StmtKind[] kinds = StmtKind.values();
    int[] weights = new int[kinds.length];
    int total = 0;
    for (int k = 0; k < kinds.length; k++) {
      weights[k] = weight(kinds[k]);
      total += weights[k];
    }
    int r = rnd.nextInt(total);
    int k = 0;
    while (r >= weights[k]) {
      r -= weights[k++];
    }
    return switch (kinds[k]) {
      case DECL_DOUBLE -> declareDouble();
      case ASSIGN -> assign(target(visible(Kind.DOUBLE, true)));
      case COMPOUND -> compound(target(visible(Kind.DOUBLE, true)));
      case DECL_INT -> declareInt();
      case INT_UPDATE -> updateInt(pick(visible(Kind.INT, true)));
      case IF -> ifStatement();
      case FOR -> forLoop();
      case WHILE -> whileLoop();
      case JUMP -> guarded(rnd.nextBoolean() ? new Stmt.Break() : new Stmt.Continue(), true);
      case EARLY_RETURN -> guarded(new Stmt.Return(dexpr(2).e()), false);
      case DECL_ARRAY -> declareArray();
      case STORE -> store(pick(visible(Kind.ARRAY, true)));
      case FILL -> fill(pick(visible(Kind.ARRAY, true)));
      case MAP -> mapLoops(pick(visible(Kind.ARRAY, true)), pick(visible(Kind.ARRAY, true)));
    };
  }

  private int weight(StmtKind kind) {
    boolean nestable = nesting < MAX_NESTING;
    boolean loopable = nestable && loopDepth < MAX_LOOP_DEPTH;
    return switch (kind) {
      case DECL_DOUBLE -> 3;
      case ASSIGN -> visible(Kind.DOUBLE, true).isEmpty() ? 0 : (loopDepth > 0 ? 6 : 3);
      case COMPOUND -> visible(Kind.DOUBLE, true).isEmpty() ? 0 : 2;
      case DECL_INT -> 1;
      case INT_UPDATE -> visible(Kind.INT, true).isEmpty() ? 0 : 1;
      case IF -> has(Feature.IF) && nestable ? 2 : 0;
      case FOR -> has(Feature.FOR) && loopable ? 2 : 0;
      case WHILE -> has(Feature.WHILE) && loopable ? 1 : 0;
      case JUMP -> has(Feature.BREAK_CONTINUE) && loopDepth > 0 && nestable ? 2 : 0;
      case EARLY_RETURN -> has(Feature.EARLY_RETURN) && nestable ? 1 : 0;
      case DECL_ARRAY -> has(Feature.LOCAL_ARRAYS)
          && (nesting == 0 || has(Feature.NESTED_ARRAY_DECLARATIONS)) ? 1 : 0;
      case STORE -> has(Feature.LOCAL_ARRAYS) && !visible(Kind.ARRAY, true).isEmpty() ? 3 : 0;
      case FILL -> has(Feature.LOCAL_ARRAYS) && loopDepth > 0 && loopable
          && !visible(Kind.ARRAY, true).isEmpty() ? 2 : 0;
      case MAP -> has(Feature.LOCAL_ARRAYS) && has(Feature.FOR) && loopable
          && !visible(Kind.ARRAY, true).isEmpty() ? 2 : 0;
    };
  }

  private Stmt declareDouble() {
    G init = squash(dexpr(1 + rnd.nextInt(3)), LIMIT);
    Var v = declare("d", Kind.DOUBLE, Math.max(init.bound(), ARRAY_BOUND));
    return new Stmt.DeclDouble(v.name, init.e());
  }

  /** {@code v = e;}, often in terms of {@code v} itself (a loop-carried update in a loop). */
  private Stmt assign(Var v) {
    G value = dexpr(1 + rnd.nextInt(3));
    if (rnd.nextBoolean()) {
      DOp op = pick(DOp.ADD, DOp.SUB, DOp.MUL);
      value = binary(op, new G(new DVar(v.name), v.bound), value);
    }
    value = squash(value, frozen(v) ? v.bound : LIMIT);
    grow(v, value.bound());
    return new Stmt.Assign(v.name, AssignOp.SET, value.e());
  }

  private Stmt compound(Var v) {
    if (rnd.nextInt(6) == 0 && !frozen(v) && v.bound + 1 <= LIMIT) {
      grow(v, v.bound + 1);
      return new Stmt.Increment(v.name, rnd.nextBoolean());
    }
    AssignOp op = pick(AssignOp.ADD, AssignOp.SUB, AssignOp.MUL, AssignOp.DIV);
    if ((op == AssignOp.ADD || op == AssignOp.SUB) && !frozen(v)) {
      G value = dexpr(1 + rnd.nextInt(2));
      double room = LIMIT - v.bound;
      if (value.bound() > room && room >= HALF_PI) {
        value = squash(value, room);
      }
      if (value.bound() <= room) {
        grow(v, v.bound + value.bound());
        return new Stmt.Assign(v.name, op, value.e());
      }
    }
    if (op == AssignOp.MUL || op == AssignOp.ADD) {
      double room = frozen(v) ? 1 : LIMIT / v.bound;
      if (room >= 1) {
        G factor = squash(dexpr(1 + rnd.nextInt(2)), room);
        grow(v, v.bound * factor.bound());
        return new Stmt.Assign(v.name, AssignOp.MUL, factor.e());
      }
    }
    // Dividing by a value >= 1 never increases the magnitude.
    return new Stmt.Assign(v.name, AssignOp.DIV, positiveAtLeastOne(1 + rnd.nextInt(2)).e());
  }

  private Stmt declareInt() {
    GI init = imod(iexpr(1 + rnd.nextInt(2)), INT_LIMIT);
    Var v = declare("k", Kind.INT, Math.max(init.bound(), 6));
    return new Stmt.DeclInt(v.name, init.e());
  }

  private Stmt updateInt(Var v) {
    int cap = frozen(v) ? (int) v.bound : INT_LIMIT;
    if (!frozen(v)) {
      switch (rnd.nextInt(5)) {
        case 0:
          if (v.bound + 1 <= INT_LIMIT) {
            grow(v, v.bound + 1);
            return new Stmt.Increment(v.name, true);
          }
          break;
        case 1: {
          GI g = iexpr(1);
          if (v.bound + g.bound() <= INT_LIMIT) {
            grow(v, v.bound + g.bound());
            return new Stmt.AssignInt(v.name, AssignOp.ADD, g.e());
          }
          break;
        }
        case 2: {
          GI g = iexpr(0);
          if (v.bound * g.bound() <= INT_LIMIT) {
            // Bounds only grow: the statement may sit in a branch that does not run.
            grow(v, v.bound * g.bound());
            return new Stmt.AssignInt(v.name, AssignOp.MUL, g.e());
          }
          break;
        }
        default:
          break;
      }
    }
    if (rnd.nextInt(4) == 0) {
      return new Stmt.AssignInt(v.name, AssignOp.DIV, new IConst(2 + rnd.nextInt(2)));
    }
    GI value = iexpr(1 + rnd.nextInt(2));
    if (rnd.nextBoolean()) {
      value = new GI(new IBin(IOp.ADD, new IVar(v.name), value.e()),
          (int) v.bound + value.bound());
    }
    value = imod(value, cap);
    grow(v, value.bound());
    return new Stmt.AssignInt(v.name, AssignOp.SET, value.e());
  }

  private Stmt ifStatement() {
    B cond = bexpr(1 + rnd.nextInt(2));
    nesting++;
    List<Stmt> then = block(1 + rnd.nextInt(3));
    List<Stmt> otherwise = rnd.nextBoolean() ? block(1 + rnd.nextInt(3)) : List.of();
    nesting--;
    return new Stmt.If(cond, then, otherwise);
  }

  private Stmt forLoop() {
    GI bound = switch (rnd.nextInt(5)) {
      case 0, 1 -> new GI(new IVar("n"), Program.MAX_N);
      case 2 -> new GI(new Length("a"), Program.ARRAY_LENGTH);
      case 3 -> new GI(new IConst(1 + rnd.nextInt(4)), 4);
      default -> imod(iexpr(1), 6);
    };
    String counter = "i" + fresh++;
    List<Stmt> body = loopBody(new Var(counter, Kind.INT, false, loopDepth + 1,
        Math.max(0, bound.bound() - 1)));
    return new Stmt.For(counter, bound.e(), body);
  }

  private Stmt whileLoop() {
    int cap = 2 + rnd.nextInt(5);
    B cond;
    List<Var> doubles = visible(Kind.DOUBLE, false);
    if (rnd.nextBoolean()) {
      cond = new DCmp(pick(Cmp.LT, Cmp.GT), new DVar(pick(doubles).name), constant().e());
    } else {
      cond = bexpr(1);
    }
    String counter = "w" + fresh++;
    List<Stmt> body = loopBody(new Var(counter, Kind.INT, false, loopDepth + 1, cap));
    return new Stmt.While(counter, cap, cond, body);
  }

  private List<Stmt> loopBody(Var counter) {
    frames.push(new ArrayList<>(List.of(counter)));
    loopDepth++;
    nesting++;
    List<Stmt> body = block(1 + rnd.nextInt(4));
    nesting--;
    loopDepth--;
    frames.pop();
    return body;
  }

  /**
   * {@code if (cond) { [stmt;] jump }} with no else: a jump is only ever last in such a block,
   * so the code after it stays reachable for javac.
   */
  private Stmt guarded(Stmt jump, boolean allowPrefix) {
    B cond = bexpr(1 + rnd.nextInt(2));
    nesting++;
    List<Stmt> then = new ArrayList<>();
    if (allowPrefix && rnd.nextBoolean()) {
      then.addAll(block(1));
    }
    then.add(jump);
    nesting--;
    return new Stmt.If(cond, List.copyOf(then), List.of());
  }

  private Stmt declareArray() {
    Var v = declare("v", Kind.ARRAY, ARRAY_BOUND);
    return new Stmt.DeclArray(v.name, Program.ARRAY_LENGTH);
  }

  /** Element bounds never grow: a store is squashed to {@link #ARRAY_BOUND}. */
  private Stmt store(Var array) {
    I index = index(array.name);
    if (rnd.nextInt(4) == 0) {
      return new Stmt.Store(array.name, index, AssignOp.MUL, squash(dexpr(1), 1).e());
    }
    G value = dexpr(1 + rnd.nextInt(3));
    if (rnd.nextBoolean()) {
      value = binary(pick(DOp.ADD, DOp.MUL),
          new G(new Elem(array.name, index(array.name)), ARRAY_BOUND), value);
    }
    return new Stmt.Store(array.name, index, AssignOp.SET, squash(value, ARRAY_BOUND).e());
  }

  /**
   * Inside a loop, {@code for (int c = 0; c < v.length; c++) { v[c] = e; ... }}: a scratch array
   * rewritten whole on every iteration of the enclosing loop, which can make that loop's
   * iterations independent (re-run by the reverse sweep instead of taped).
   */
  private Stmt fill(Var array) {
    String counter = "i" + fresh++;
    Var index = new Var(counter, Kind.INT, false, loopDepth + 1, Program.ARRAY_LENGTH - 1);
    frames.push(new ArrayList<>(List.of(index)));
    loopDepth++;
    nesting++;
    List<Stmt> body = new ArrayList<>();
    body.add(new Stmt.Store(array.name, new IVar(counter), AssignOp.SET,
        squash(dexpr(1 + rnd.nextInt(3)), ARRAY_BOUND).e()));
    body.addAll(block(rnd.nextInt(2)));
    nesting--;
    loopDepth--;
    frames.pop();
    return new Stmt.For(counter, new Length(array.name), List.copyOf(body));
  }

  /**
   * Two loops over the same range, {@code u[i] = f(u[i], ...)} then {@code w[j] = g(u[j], w[j],
   * ...)} ({@code w} may be {@code u}): candidates for loop fusion, fused when their other reads
   * stay element-wise.
   */
  private Stmt mapLoops(Var u, Var w) {
    Stmt first = mapLoop(u, u, List.of(u));
    followUps.add(mapLoop(u, w, u == w ? List.of(u) : List.of(u, w)));
    return first;
  }

  private Stmt mapLoop(Var range, Var target, List<Var> sources) {
    String counter = "i" + fresh++;
    Var index = new Var(counter, Kind.INT, false, loopDepth + 1, Program.ARRAY_LENGTH - 1);
    frames.push(new ArrayList<>(List.of(index)));
    loopDepth++;
    nesting++;
    G value = dexpr(1 + rnd.nextInt(2));
    for (Var source : sources) {
      if (rnd.nextInt(4) != 0) {
        G element = new G(new Elem(source.name, new IVar(counter)), source.bound);
        DOp op = pick(DOp.ADD, DOp.SUB, DOp.MUL);
        if (op == DOp.MUL && element.bound() * value.bound() > 1e4) {
          value = squash(value, 1);
        }
        value = rnd.nextBoolean() ? binary(op, element, value) : binary(op, value, element);
      }
    }
    Stmt store = new Stmt.Store(target.name, new IVar(counter), AssignOp.SET,
        squash(value, ARRAY_BOUND).e());
    nesting--;
    loopDepth--;
    frames.pop();
    return new Stmt.For(counter, new Length(range.name), List.of(store));
  }

  // ---------------------------------------------------------------- double expressions

  private G dexpr(int depth) {
    if (depth <= 0 || rnd.nextInt(4) == 0) {
      return dleaf();
    }
    return switch (rnd.nextInt(15)) {
      case 0, 1 -> binary(pick(DOp.ADD, DOp.SUB), dexpr(depth - 1), dexpr(depth - 1));
      case 2, 3 -> {
        G left = dexpr(depth - 1);
        G right = dexpr(depth - 1);
        if (left.bound() * right.bound() > 1e4) {
          right = squash(right, 1);
        }
        yield binary(DOp.MUL, left, right);
      }
      case 4 -> {
        G left = dexpr(depth - 1);
        Pos p = positive(depth - 1);
        yield new G(new DBin(DOp.DIV, left.e(), p.e()), left.bound() / p.lower());
      }
      case 5 -> {
        G left = dexpr(depth - 1);
        double c = pickDouble(0.5, 2.0, 4.0);
        yield new G(new DBin(DOp.DIV, left.e(), new DConst(c)), left.bound() / c);
      }
      case 6 -> {
        G left = dexpr(depth - 1);
        double c = pickDouble(0.75, 1.5, 2.5);
        yield new G(new DBin(DOp.REM, left.e(), new DConst(c)), Math.min(left.bound(), c));
      }
      case 7 -> {
        G operand = dexpr(depth - 1);
        yield new G(new Neg(operand.e()), operand.bound());
      }
      case 8, 9, 10 -> call1(depth - 1);
      case 11, 12 -> call2(depth - 1);
      case 13 -> {
        G a = dexpr(depth - 1);
        G b = squash(dexpr(depth - 1), 1);
        G c = dexpr(depth - 1);
        yield new G(new Fma(a.e(), b.e(), c.e()), a.bound() * b.bound() + c.bound());
      }
      default -> {
        B cond = bexpr(1);
        G then = dexpr(depth - 1);
        G otherwise = dexpr(depth - 1);
        yield new G(new DCond(cond, then.e(), otherwise.e()),
            Math.max(then.bound(), otherwise.bound()));
      }
    };
  }

  private G dleaf() {
    return switch (rnd.nextInt(10)) {
      case 0 -> constant();
      case 1, 2, 3, 4, 5 -> {
        Var v = preferLocal(visible(Kind.DOUBLE, false));
        yield new G(new DVar(v.name), v.bound);
      }
      case 6, 7, 8 -> {
        Var array = preferLocal(visible(Kind.ARRAY, false));
        yield new G(new Elem(array.name, index(array.name)), array.bound);
      }
      default -> {
        GI i = iexpr(rnd.nextInt(2));
        yield new G(new Widen(i.e()), i.bound());
      }
    };
  }

  private G constant() {
    double c = CONSTANTS[rnd.nextInt(CONSTANTS.length)];
    return new G(new DConst(c), c);
  }

  private static G binary(DOp op, G left, G right) {
    double bound = switch (op) {
      case ADD, SUB -> left.bound() + right.bound();
      case MUL -> left.bound() * right.bound();
      default -> throw new IllegalArgumentException(op.name());
    };
    return new G(new DBin(op, left.e(), right.e()), bound);
  }

  private G call1(int depth) {
    Fn1 fn = pick(Fn1.values());
    G g = dexpr(depth);
    return switch (fn) {
      case SIN, COS, TANH, SIGNUM -> new G(new Call1(fn, g.e()), 1);
      case FLOOR, CEIL, RINT -> new G(new Call1(fn, g.e()), g.bound() + 1);
      case ATAN -> new G(new Call1(fn, g.e()), HALF_PI);
      case ABS -> new G(new Call1(fn, g.e()), g.bound());
      case TO_RADIANS -> new G(new Call1(fn, g.e()), g.bound() * Math.PI / 180);
      case TO_DEGREES -> {
        G arg = squash(g, 1);
        yield new G(new Call1(fn, arg.e()), arg.bound() * 180 / Math.PI);
      }
      case EXP, EXPM1, SINH, COSH -> {
        G arg = g.bound() <= 3 ? g : new G(new Call1(Fn1.SIN, g.e()), 1);
        yield new G(new Call1(fn, arg.e()), Math.exp(arg.bound()));
      }
      case LOG, LOG10 -> {
        Pos p = positive(depth);
        yield new G(new Call1(fn, p.e()),
            Math.max(Math.abs(Math.log(p.lower())), Math.abs(Math.log(p.upper()))));
      }
      case LOG1P -> {
        Pos p = positive(depth);
        yield new G(new Call1(fn, p.e()), Math.log1p(p.upper()));
      }
      case SQRT, CBRT -> {
        Pos p = positive(depth);
        yield new G(new Call1(fn, p.e()), Math.sqrt(p.upper()) + 1);
      }
      case TAN -> new G(new Call1(fn, new Call1(Fn1.SIN, g.e())), Math.tan(1));
      case ASIN, ACOS -> {
        // Scaled below 1 in magnitude: the derivative is unbounded at ±1.
        D arg = new DBin(DOp.MUL, new DConst(0.9), new Call1(Fn1.TANH, g.e()));
        yield new G(new Call1(fn, arg), Math.PI);
      }
    };
  }

  private G call2(int depth) {
    Fn2 fn = pick(Fn2.values());
    return switch (fn) {
      case HYPOT -> {
        G g = dexpr(depth);
        Pos p = positive(depth);
        yield new G(new Call2(fn, g.e(), p.e()), g.bound() + p.upper());
      }
      case ATAN2 -> {
        // One argument is positive: never atan2(0, 0).
        G g = dexpr(depth);
        Pos p = positive(depth);
        yield rnd.nextBoolean()
            ? new G(new Call2(fn, g.e(), p.e()), HALF_PI)
            : new G(new Call2(fn, p.e(), g.e()), Math.PI);
      }
      case POW -> {
        Pos base = positive(depth);
        while (base.upper() > 10) {
          base = positive(depth);
        }
        double big = Math.max(base.upper(), 1 / base.lower());
        if (rnd.nextBoolean()) {
          double c = pickDouble(0.5, 1.5, 2.0, 3.0, -0.5, -1.0);
          D exponent = c < 0 ? new Neg(new DConst(-c)) : new DConst(c);
          yield new G(new Call2(fn, base.e(), exponent), Math.pow(big, Math.abs(c)));
        }
        G exponent = squash(dexpr(depth), 2);
        yield new G(new Call2(fn, base.e(), exponent.e()), Math.pow(big, exponent.bound()));
      }
      case MAX, MIN -> {
        G first = dexpr(depth);
        G second = dexpr(depth);
        yield new G(new Call2(fn, first.e(), second.e()),
            Math.max(first.bound(), second.bound()));
      }
    };
  }

  /** A positive expression with known bounds, usable as a denominator or log argument. */
  private Pos positive(int depth) {
    G g = dexpr(depth);
    double b = g.bound();
    D square = new DBin(DOp.MUL, g.e(), g.e());
    return switch (rnd.nextInt(8)) {
      case 0 -> new Pos(new DBin(DOp.ADD, new DConst(1.0), square), 1, 1 + b * b);
      case 1 -> new Pos(new DBin(DOp.ADD, new DConst(2.0), new Call1(Fn1.SIN, g.e())), 1, 3);
      case 2 -> new Pos(new Call1(Fn1.EXP, new Call1(Fn1.SIN, g.e())), 1 / Math.E, Math.E);
      case 3 -> new Pos(new Call1(Fn1.SQRT, new DBin(DOp.ADD, new DConst(1.0), square)),
          1, 1 + b);
      case 4 -> new Pos(new DBin(DOp.ADD, new DConst(1.5), new Call1(Fn1.TANH, g.e())),
          0.5, 2.5);
      case 5 -> new Pos(new Call1(Fn1.COSH, new Call1(Fn1.ATAN, g.e())), 1, Math.cosh(HALF_PI));
      case 6 -> {
        double c = pickDouble(0.5, 1.5, 2.0, 3.0);
        yield new Pos(new DConst(c), c, c);
      }
      default -> new Pos(new Call2(Fn2.HYPOT, g.e(), new DConst(1.0)), 1, b + 1);
    };
  }

  private Pos positiveAtLeastOne(int depth) {
    Pos p = positive(depth);
    while (p.lower() < 1) {
      p = positive(depth);
    }
    return p;
  }

  /** {@code g} itself if its bound is at most {@code cap}, else a squashed form of it. */
  private G squash(G g, double cap) {
    if (g.bound() <= cap) {
      return g;
    }
    if (cap < 1) {
      throw new IllegalArgumentException("cap " + cap);
    }
    Fn1 fn = cap >= HALF_PI ? pick(Fn1.TANH, Fn1.ATAN, Fn1.SIN, Fn1.COS)
        : pick(Fn1.TANH, Fn1.SIN, Fn1.COS);
    return new G(new Call1(fn, g.e()), fn == Fn1.ATAN ? HALF_PI : 1);
  }

  // ---------------------------------------------------------------- int and boolean

  private GI iexpr(int depth) {
    if (depth <= 0 || rnd.nextInt(3) == 0) {
      return ileaf();
    }
    return switch (rnd.nextInt(6)) {
      case 0, 1 -> {
        GI l = iexpr(depth - 1);
        GI r = iexpr(depth - 1);
        yield new GI(new IBin(IOp.ADD, l.e(), r.e()), l.bound() + r.bound());
      }
      case 2 -> {
        GI l = iexpr(depth - 1);
        GI r = iexpr(depth - 1);
        IOp op = l.bound() * r.bound() > 1000 ? IOp.ADD : IOp.MUL;
        int bound = op == IOp.MUL ? l.bound() * r.bound() : l.bound() + r.bound();
        yield new GI(new IBin(op, l.e(), r.e()), bound);
      }
      case 3 -> {
        GI l = iexpr(depth - 1);
        int c = 2 + rnd.nextInt(2);
        yield new GI(new IBin(IOp.DIV, l.e(), new IConst(c)), l.bound() / c);
      }
      case 4 -> {
        GI l = iexpr(depth - 1);
        int c = 2 + rnd.nextInt(4);
        yield new GI(new IBin(IOp.REM, l.e(), new IConst(c)), Math.min(l.bound(), c - 1));
      }
      default -> {
        B cond = bexpr(0);
        GI then = iexpr(depth - 1);
        GI otherwise = iexpr(depth - 1);
        yield new GI(new ICond(cond, then.e(), otherwise.e()),
            Math.max(then.bound(), otherwise.bound()));
      }
    };
  }

  private GI ileaf() {
    return switch (rnd.nextInt(6)) {
      case 0, 1 -> {
        int c = rnd.nextInt(6);
        yield new GI(new IConst(c), c);
      }
      case 2, 3, 4 -> {
        Var v = preferLocal(visible(Kind.INT, false));
        yield new GI(new IVar(v.name), (int) v.bound);
      }
      default -> {
        Var array = pick(visible(Kind.ARRAY, false));
        yield new GI(new Length(array.name), Program.ARRAY_LENGTH);
      }
    };
  }

  /** {@code g} if it is at most {@code cap}, else {@code g % m} for some {@code m <= cap + 1}. */
  private GI imod(GI g, int cap) {
    if (g.bound() <= cap) {
      return g;
    }
    int m = Math.min(cap + 1, 3 + rnd.nextInt(5));
    return new GI(new IBin(IOp.REM, g.e(), new IConst(m)), m - 1);
  }

  /** An index that is in range for {@code array} (of length {@link Program#ARRAY_LENGTH}). */
  private I index(String array) {
    if (rnd.nextInt(4) == 0) {
      return new IConst(rnd.nextInt(Program.ARRAY_LENGTH));
    }
    GI g = iexpr(rnd.nextInt(2));
    if (g.bound() < Program.ARRAY_LENGTH) {
      return g.e();
    }
    I modulus = rnd.nextBoolean() ? new IConst(Program.ARRAY_LENGTH) : new Length(array);
    return new IBin(IOp.REM, g.e(), modulus);
  }

  private B bexpr(int depth) {
    return switch (rnd.nextInt(depth > 0 ? 8 : 5)) {
      case 0, 1, 2 -> new DCmp(pick(Cmp.LT, Cmp.LE, Cmp.GT, Cmp.GE), dexpr(1).e(),
          rnd.nextBoolean() ? constant().e() : dexpr(1).e());
      case 3, 4 -> new ICmp(pick(Cmp.values()), iexpr(1).e(),
          rnd.nextBoolean() ? new IConst(rnd.nextInt(5)) : iexpr(0).e());
      case 5 -> new Not(bexpr(depth - 1));
      default -> new Logic(rnd.nextBoolean(), bexpr(depth - 1), bexpr(depth - 1));
    };
  }

  // ---------------------------------------------------------------- scope

  private boolean has(Feature feature) {
    return features.contains(feature);
  }

  private Var declare(String prefix, Kind kind, double bound) {
    Var v = new Var(prefix + fresh++, kind, true, loopDepth, bound);
    frames.peek().add(v);
    return v;
  }

  /** Declared outside the innermost loop, so its bound must hold for every iteration. */
  private boolean frozen(Var v) {
    return v.loopDepth < loopDepth;
  }

  private void grow(Var v, double bound) {
    if (!frozen(v)) {
      v.bound = Math.max(v.bound, bound);
    } else if (bound > v.bound) {
      throw new IllegalStateException("frozen " + v.name + " would grow to " + bound);
    }
  }

  private List<Var> visible(Kind kind, boolean writableOnly) {
    List<Var> out = new ArrayList<>();
    for (List<Var> frame : frames) {
      for (Var v : frame) {
        if (v.kind == kind && (v.writable || !writableOnly)) {
          out.add(v);
        }
      }
    }
    return out;
  }

  /** Mostly a local (not a parameter) when there is one. */
  private Var preferLocal(List<Var> vars) {
    List<Var> locals = vars.stream().filter(v -> v.writable).toList();
    return !locals.isEmpty() && rnd.nextInt(3) > 0 ? pick(locals) : pick(vars);
  }

  /** An assignment target; inside a loop, mostly a loop-carried variable. */
  private Var target(List<Var> writable) {
    List<Var> carried = writable.stream().filter(this::frozen).toList();
    return !carried.isEmpty() && rnd.nextInt(4) > 0 ? pick(carried) : pick(writable);
  }

  private <T> T pick(List<T> options) {
    return options.get(rnd.nextInt(options.size()));
  }

  @SafeVarargs
  private <T> T pick(T... options) {
    return options[rnd.nextInt(options.length)];
  }

  private double pickDouble(double... options) {
    return options[rnd.nextInt(options.length)];
  }
}
