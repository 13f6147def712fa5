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
import dev.adjoint.processor.fuzz.Expr.I;
import dev.adjoint.processor.fuzz.Expr.IBin;
import dev.adjoint.processor.fuzz.Expr.ICmp;
import dev.adjoint.processor.fuzz.Expr.ICond;
import dev.adjoint.processor.fuzz.Expr.IConst;
import dev.adjoint.processor.fuzz.Expr.IVar;
import dev.adjoint.processor.fuzz.Expr.Length;
import dev.adjoint.processor.fuzz.Expr.Logic;
import dev.adjoint.processor.fuzz.Expr.Neg;
import dev.adjoint.processor.fuzz.Expr.Not;
import dev.adjoint.processor.fuzz.Expr.Widen;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hipparchus.analysis.differentiation.Gradient;

/**
 * The oracle: runs a {@link Program} in forward mode over Hipparchus {@link Gradient}s, with
 * {@value #VARIABLES} free variables {@code x0, x1, x2, a[0..3]} (in that order).
 *
 * <p>Values follow Java exactly: each operation computes its value with the same
 * {@code double} operation (or {@code java.lang.Math} function) the compiled program uses, so
 * the value, and therefore every branch decision, is bit-identical to running {@code f}.
 * Derivatives come from the corresponding Hipparchus operation (which computes its own value
 * with {@code FastMath}; that value is replaced). Without this, {@code FastMath} and
 * {@code Math} differing in the last bit would be amplified by loops and make branches flip.
 *
 * <p>Int and boolean parts are evaluated as plain Java ints and booleans.
 */
public final class GradientInterpreter {
  public static final int VARIABLES = 3 + Program.ARRAY_LENGTH;

  private enum Flow { NORMAL, BREAK, CONTINUE, RETURN }

  private final Map<String, Gradient> doubles = new HashMap<>();
  private final Map<String, Integer> ints = new HashMap<>();
  private final Map<String, Gradient[]> arrays = new HashMap<>();
  private Gradient returned;

  private GradientInterpreter() {}

  /** {@code f(in)} with its gradient with respect to x0, x1, x2, a[0], …, a[3]. */
  public static Gradient run(Program program, Inputs in) {
    GradientInterpreter it = new GradientInterpreter();
    it.doubles.put("x0", Gradient.variable(VARIABLES, 0, in.x0()));
    it.doubles.put("x1", Gradient.variable(VARIABLES, 1, in.x1()));
    it.doubles.put("x2", Gradient.variable(VARIABLES, 2, in.x2()));
    double[] a = in.a();
    Gradient[] ga = new Gradient[a.length];
    for (int k = 0; k < a.length; k++) {
      ga[k] = Gradient.variable(VARIABLES, 3 + k, a[k]);
    }
    it.arrays.put("a", ga);
    it.ints.put("n", in.n());
    if (it.block(program.body()) != Flow.RETURN) {
      throw new IllegalStateException("f completed without return");
    }
    return it.returned;
  }

  // ---------------------------------------------------------------- statements

  private Flow block(List<Stmt> stmts) {
    for (Stmt s : stmts) {
      Flow flow = statement(s);
      if (flow != Flow.NORMAL) {
        return flow;
      }
    }
    return Flow.NORMAL;
  }

  private Flow statement(Stmt s) {
    if (s instanceof Stmt.DeclDouble d) {
      doubles.put(d.name(), eval(d.init()));
    } else if (s instanceof Stmt.DeclInt d) {
      ints.put(d.name(), eval(d.init()));
    } else if (s instanceof Stmt.DeclArray d) {
      Gradient[] v = new Gradient[d.length()];
      Arrays.fill(v, constant(0.0));
      arrays.put(d.name(), v);
    } else if (s instanceof Stmt.Assign as) {
      Gradient value = eval(as.value());
      doubles.put(as.name(), as.op() == Stmt.AssignOp.SET ? value
          : binary(as.op().binary(), doubles.get(as.name()), value));
    } else if (s instanceof Stmt.AssignInt as) {
      int value = eval(as.value());
      int old = ints.get(as.name());
      ints.put(as.name(), switch (as.op()) {
        case SET -> value;
        case ADD -> old + value;
        case SUB -> old - value;
        case MUL -> old * value;
        case DIV -> old / value;
      });
    } else if (s instanceof Stmt.Increment inc) {
      int step = inc.up() ? 1 : -1;
      if (ints.containsKey(inc.name())) {
        ints.put(inc.name(), ints.get(inc.name()) + step);
      } else {
        Gradient x = doubles.get(inc.name());
        doubles.put(inc.name(), java(x.getValue() + step, x));
      }
    } else if (s instanceof Stmt.Store st) {
      Gradient[] array = arrays.get(st.array());
      int index = eval(st.index());
      Gradient value = eval(st.value());
      array[index] = st.op() == Stmt.AssignOp.SET ? value
          : binary(st.op().binary(), array[index], value);
    } else if (s instanceof Stmt.If i) {
      return block(eval(i.cond()) ? i.then() : i.otherwise());
    } else if (s instanceof Stmt.For f) {
      for (ints.put(f.counter(), 0); ints.get(f.counter()) < eval(f.bound());
          ints.put(f.counter(), ints.get(f.counter()) + 1)) {
        Flow flow = block(f.body());
        if (flow == Flow.RETURN) {
          return flow;
        } else if (flow == Flow.BREAK) {
          break;
        }
      }
    } else if (s instanceof Stmt.While w) {
      ints.put(w.counter(), 0);
      while (ints.get(w.counter()) < w.cap() && eval(w.cond())) {
        ints.put(w.counter(), ints.get(w.counter()) + 1);
        Flow flow = block(w.body());
        if (flow == Flow.RETURN) {
          return flow;
        } else if (flow == Flow.BREAK) {
          break;
        }
      }
    } else if (s instanceof Stmt.Break) {
      return Flow.BREAK;
    } else if (s instanceof Stmt.Continue) {
      return Flow.CONTINUE;
    } else if (s instanceof Stmt.Return r) {
      returned = eval(r.value());
      return Flow.RETURN;
    } else {
      throw new IllegalArgumentException(s.toString());
    }
    return Flow.NORMAL;
  }

  // ---------------------------------------------------------------- double expressions

  private Gradient eval(D e) {
    if (intTyped(e)) {
      return constant(evalInt(e));
    } else if (e instanceof DConst c) {
      return constant(c.value());
    } else if (e instanceof DVar v) {
      return doubles.get(v.name());
    } else if (e instanceof Elem el) {
      Gradient[] array = arrays.get(el.array());
      return array[eval(el.index())];
    } else if (e instanceof Widen w) {
      return constant(eval(w.value()));
    } else if (e instanceof Neg n) {
      Gradient x = eval(n.operand());
      return java(-x.getValue(), x.negate());
    } else if (e instanceof DBin b) {
      return binary(b.op(), eval(b.left()), eval(b.right()));
    } else if (e instanceof Call1 c) {
      return call1(c.fn(), eval(c.arg()));
    } else if (e instanceof Call2 c) {
      return call2(c.fn(), eval(c.first()), eval(c.second()), c.second() instanceof DConst
          || c.second() instanceof Neg n && n.operand() instanceof DConst);
    } else if (e instanceof Fma f) {
      Gradient a = eval(f.a());
      Gradient b = eval(f.b());
      Gradient c = eval(f.c());
      return java(Math.fma(a.getValue(), b.getValue(), c.getValue()), a.multiply(b).add(c));
    } else if (e instanceof DCond c) {
      return eval(c.cond()) ? eval(c.then()) : eval(c.otherwise());
    }
    throw new IllegalArgumentException(e.toString());
  }

  /**
   * Whether Java types {@code e} as {@code int}, such as {@code -(n % 2)} or {@code (k + n)}:
   * the tree only widens at its root, so the operations are int operations (no {@code -0.0},
   * int division).
   */
  static boolean intTyped(D e) {
    if (e instanceof Widen) {
      return true;
    } else if (e instanceof Neg n) {
      return intTyped(n.operand());
    } else if (e instanceof DBin b) {
      return intTyped(b.left()) && intTyped(b.right());
    } else if (e instanceof DCond c) {
      return intTyped(c.then()) && intTyped(c.otherwise());
    } else if (e instanceof Call1 c) {
      return c.fn() == Expr.Fn1.ABS && intTyped(c.arg());
    } else if (e instanceof Call2 c) {
      return (c.fn() == Expr.Fn2.MAX || c.fn() == Expr.Fn2.MIN)
          && intTyped(c.first()) && intTyped(c.second());
    }
    return false;
  }

  /** Evaluates an {@link #intTyped} expression with int semantics. */
  private int evalInt(D e) {
    if (e instanceof Widen w) {
      return eval(w.value());
    } else if (e instanceof Neg n) {
      return -evalInt(n.operand());
    } else if (e instanceof DBin b) {
      int l = evalInt(b.left());
      int r = evalInt(b.right());
      return switch (b.op()) {
        case ADD -> l + r;
        case SUB -> l - r;
        case MUL -> l * r;
        case DIV -> l / r;
        case REM -> l % r;
      };
    } else if (e instanceof DCond c) {
      return eval(c.cond()) ? evalInt(c.then()) : evalInt(c.otherwise());
    } else if (e instanceof Call1 c) {
      return Math.abs(evalInt(c.arg()));
    } else if (e instanceof Call2 c) {
      int l = evalInt(c.first());
      int r = evalInt(c.second());
      return c.fn() == Expr.Fn2.MAX ? Math.max(l, r) : Math.min(l, r);
    }
    throw new IllegalArgumentException(e.toString());
  }

  private static Gradient binary(DOp op, Gradient l, Gradient r) {
    double x = l.getValue();
    double y = r.getValue();
    return switch (op) {
      case ADD -> java(x + y, l.add(r));
      case SUB -> java(x - y, l.subtract(r));
      case MUL -> java(x * y, l.multiply(r));
      case DIV -> java(x / y, l.divide(r));
      case REM -> {
        // Java's % truncates: x % y = x - q * y with q = trunc(x / y), constant almost everywhere.
        double rem = x % y;
        double q = Math.rint((x - rem) / y);
        yield java(rem, l.subtract(r.multiply(q)));
      }
    };
  }

  private static Gradient call1(Expr.Fn1 fn, Gradient x) {
    double v = x.getValue();
    return switch (fn) {
      case SIN -> java(Math.sin(v), x.sin());
      case COS -> java(Math.cos(v), x.cos());
      case TAN -> java(Math.tan(v), x.tan());
      case ASIN -> java(Math.asin(v), x.asin());
      case ACOS -> java(Math.acos(v), x.acos());
      case ATAN -> java(Math.atan(v), x.atan());
      case SINH -> java(Math.sinh(v), x.sinh());
      case COSH -> java(Math.cosh(v), x.cosh());
      case TANH -> java(Math.tanh(v), x.tanh());
      case EXP -> java(Math.exp(v), x.exp());
      case EXPM1 -> java(Math.expm1(v), x.expm1());
      case LOG -> java(Math.log(v), x.log());
      case LOG10 -> java(Math.log10(v), x.log10());
      case LOG1P -> java(Math.log1p(v), x.log1p());
      case SQRT -> java(Math.sqrt(v), x.sqrt());
      case CBRT -> java(Math.cbrt(v), x.cbrt());
      // API.md: the derivative of abs at 0 is +1.
      case ABS -> java(Math.abs(v), v >= 0 ? x : x.negate());
      case TO_RADIANS -> java(Math.toRadians(v), x.toRadians());
      case TO_DEGREES -> java(Math.toDegrees(v), x.toDegrees());
      // Piecewise constant: derivative 0 wherever it exists (and by API.md at the jumps).
      case FLOOR -> constant(Math.floor(v));
      case CEIL -> constant(Math.ceil(v));
      case RINT -> constant(Math.rint(v));
      case SIGNUM -> constant(Math.signum(v));
    };
  }

  private static Gradient call2(Expr.Fn2 fn, Gradient x, Gradient y, boolean constantExponent) {
    double u = x.getValue();
    double w = y.getValue();
    return switch (fn) {
      case HYPOT -> java(Math.hypot(u, w), x.hypot(y));
      case ATAN2 -> java(Math.atan2(u, w), x.atan2(y));
      case POW -> java(Math.pow(u, w), constantExponent ? x.pow(w) : x.pow(y));
      // API.md: max passes the adjoint to its first argument when a >= b, min when a <= b.
      case MAX -> java(Math.max(u, w), u >= w ? x : y);
      case MIN -> java(Math.min(u, w), u <= w ? x : y);
    };
  }

  /** Java's value {@code value} with the derivatives of {@code derivatives}. */
  private static Gradient java(double value, Gradient derivatives) {
    return new Gradient(value, derivatives.getGradient());
  }

  private static Gradient constant(double value) {
    return Gradient.constant(VARIABLES, value);
  }

  // ---------------------------------------------------------------- int and boolean

  private int eval(I e) {
    if (e instanceof IConst c) {
      return c.value();
    } else if (e instanceof IVar v) {
      Integer value = ints.get(v.name());
      if (value == null) {
        throw new IllegalStateException("unbound int " + v.name());
      }
      return value;
    } else if (e instanceof Length l) {
      return arrays.get(l.array()).length;
    } else if (e instanceof IBin b) {
      int l = eval(b.left());
      int r = eval(b.right());
      return switch (b.op()) {
        case ADD -> l + r;
        case MUL -> l * r;
        case DIV -> l / r;
        case REM -> l % r;
      };
    } else if (e instanceof ICond c) {
      return eval(c.cond()) ? eval(c.then()) : eval(c.otherwise());
    }
    throw new IllegalArgumentException(e.toString());
  }

  private boolean eval(B e) {
    if (e instanceof DCmp c) {
      return compare(c.op(), eval(c.left()).getValue(), eval(c.right()).getValue());
    } else if (e instanceof ICmp c) {
      int l = eval(c.left());
      int r = eval(c.right());
      return compare(c.op(), l, r);
    } else if (e instanceof Not n) {
      return !eval(n.operand());
    } else if (e instanceof Logic l) {
      return l.and() ? eval(l.left()) && eval(l.right()) : eval(l.left()) || eval(l.right());
    }
    throw new IllegalArgumentException(e.toString());
  }

  /** Java's comparison operators on doubles (false for NaN) and on ints (widened exactly). */
  private static boolean compare(Cmp op, double l, double r) {
    return switch (op) {
      case LT -> l < r;
      case LE -> l <= r;
      case GT -> l > r;
      case GE -> l >= r;
      case EQ -> l == r;
      case NE -> l != r;
    };
  }
}
