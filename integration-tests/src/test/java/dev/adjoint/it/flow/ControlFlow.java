package dev.adjoint.it.flow;

import dev.adjoint.Differentiable;

/**
 * Branches: {@code if}/{@code else}, else-if chains, nested ifs, boolean parameters and locals,
 * {@code switch} statements and expressions (classic with fall-through, arrow form) on {@code int},
 * {@code char}, {@code String} and an enum, and early {@code return}s anywhere.
 */
final class ControlFlow {
  private ControlFlow() {}

  /** A constant parameter of enum type selects the formula. */
  enum Shape {
    SQUARE,
    CIRCLE,
    TRIANGLE,
    HEXAGON
  }

  @Differentiable
  static double ifElse(double x, double y) {
    double r;
    if (x > y) {
      r = x * x - y;
    } else {
      r = Math.sin(x) * y;
    }
    return r + x * y;
  }

  /** The variable keeps its value when the condition is false. */
  @Differentiable
  static double ifWithoutElse(double x, double y) {
    double r = x * y;
    if (x < 0) {
      r = -x * Math.exp(x) + r;
    }
    if (y > 1) r *= y;
    return r;
  }

  /** Four pieces, a different formula and different variables used in each. */
  @Differentiable
  static double elseIfChain(double x, double y) {
    double r;
    if (x < -1) {
      r = x * y;
    } else if (x < 0) {
      r = Math.exp(x) - y * y;
    } else if (x < 1) {
      double t = Math.sin(x * y);
      r = t * t;
    } else {
      r = Math.log(x) + y;
    }
    return 2 * r + x;
  }

  @Differentiable
  static double nestedIfs(double x, double y) {
    double r = x + y;
    if (x > 0) {
      if (y > 0) {
        r = x * y;
      } else {
        double t = x - y;
        if (t > 2) {
          r = Math.sqrt(t) * r;
        } else {
          r = t * t * y;
        }
      }
    } else {
      if (y > x) {
        r = Math.cos(x) + r * y;
      }
    }
    return r * x;
  }

  /** Branch conditions computed from active values through intermediate locals. */
  @Differentiable
  static double conditionOnIntermediate(double x, double y) {
    double s = x * x + y * y;
    double out;
    if (s > 4) {
      out = Math.sqrt(s);
    } else {
      out = 2 + (s - 4) / 4;
    }
    return out * y;
  }

  @Differentiable
  static double booleanParameter(double x, double y, boolean flip) {
    double r = flip ? y : x;
    if (!flip) {
      r = r * Math.exp(y);
    } else {
      r = r * x * x;
    }
    return r;
  }

  @Differentiable
  static double booleanLocals(double x, double y) {
    boolean positive = x > 0;
    boolean big = Math.abs(y) > 1;
    boolean both = positive && big;
    double r = x + y;
    if (both) {
      r = x * y;
    } else if (positive || big) {
      r = Math.sin(x) * y;
    }
    if (!positive ^ big) {
      r += x;
    }
    return r;
  }

  /** A boolean local reassigned in a later branch. */
  @Differentiable
  static double booleanReassigned(double x, double y) {
    boolean useY = false;
    double r = x;
    if (y > x) {
      useY = true;
    }
    if (useY) {
      r = r * y;
    }
    useY = !useY && x > 1;
    if (useY) {
      r = r + Math.log(x);
    }
    return r;
  }

  @Differentiable
  static double earlyReturn(double x) {
    if (x < -1) {
      return x * x;
    }
    if (x > 1) return Math.log(x) + 1;
    double t = 3 * x;
    return t * x - x;
  }

  @Differentiable
  static double earlyReturnNested(double x, double y) {
    double a = x * y;
    if (x > 0) {
      double b = a + x;
      if (y > 0) {
        if (x > y) {
          return b * b;
        }
        b = b * y;
      }
      a = b - x;
    } else if (y < -1) {
      return Math.exp(x) * y;
    }
    return a + Math.sin(a);
  }

  /** Classic switch on an int with fall-through, stacked labels and a default. */
  @Differentiable
  @SuppressWarnings("fallthrough")
  static double switchClassicInt(double x, double y, int k) {
    double r = x;
    switch (k) {
      case 0:
        r = r * 2;
        // falls through
      case 1:
        r = r + Math.sin(y);
        break;
      case 2:
      case 3:
        r = r * y;
        break;
      case 4:
        {
          double t = x - y;
          r = t * t;
        }
        // falls through
      default:
        r = r - y;
    }
    return r * x;
  }

  /** Arrow-form switch statement: no fall-through, blocks and single statements. */
  @Differentiable
  static double switchArrowInt(double x, double y, int k) {
    double r = 0;
    switch (k) {
      case 0 -> r = x + y;
      case 1, 2 -> {
        double t = x * y;
        r = t + Math.exp(-t * t);
      }
      case 3 -> r = Math.atan2(y, x);
      default -> {
        r = x;
        r *= r;
      }
    }
    return r - x;
  }

  /** Switch expressions: arrow form with {@code yield}, and classic form with {@code yield}. */
  @Differentiable
  static double switchExpressionInt(double x, double y, int k) {
    double a =
        switch (k) {
          case 0 -> x;
          case 1, 2 -> x * y;
          default -> {
            double t = Math.exp(x);
            yield t - y;
          }
        };
    double b =
        switch (k % 2) {
          case 0:
            yield a * a;
          default:
            yield a + y;
        };
    return a + b;
  }

  @Differentiable
  static double switchChar(double x, double y, char op) {
    double r;
    switch (op) {
      case '+':
        r = x + y;
        break;
      case '-':
        r = x - y;
        break;
      case '*':
        r = x * y;
        break;
      case '/':
        r = x / y;
        break;
      default:
        r = Math.hypot(x, y);
    }
    double s =
        switch (op) {
          case '+', '-' -> r * r;
          default -> r;
        };
    return s;
  }

  @Differentiable
  @SuppressWarnings("fallthrough")
  static double switchString(double x, double y, String name) {
    double r = 1;
    switch (name) {
      case "scale":
        r = 3;
        // falls through
      case "mul":
        r = r * x * y;
        break;
      case "pow":
        r = Math.pow(x, y);
        break;
      default:
        r = x - y;
    }
    return switch (name) {
      case "pow", "mul" -> r + x;
      default -> r * y;
    };
  }

  @Differentiable
  static double switchEnumExpression(double size, double scale, Shape shape) {
    double area =
        switch (shape) {
          case SQUARE -> size * size;
          case CIRCLE -> Math.PI * size * size;
          case TRIANGLE -> Math.sqrt(3) / 4 * size * size;
          case HEXAGON -> {
            double side = size / 2;
            yield 3 * Math.sqrt(3) / 2 * side * side;
          }
        };
    return area * scale;
  }

  @Differentiable
  static double switchEnumStatement(double size, double scale, Shape shape) {
    double r = size;
    switch (shape) {
      case SQUARE:
        r = 4 * size;
        break;
      case CIRCLE:
        r = 2 * Math.PI * size;
        break;
      default:
        r = Math.exp(scale) * size;
        break;
    }
    return r * scale;
  }

  /** Returns from inside a switch statement and from inside a switch-expression-free default. */
  @Differentiable
  static double switchReturn(double x, double y, int k) {
    switch (k) {
      case 0:
        return x * y;
      case 1:
        if (x > 0) {
          return Math.sqrt(x) * y;
        }
        break;
      case 2:
        return Math.sin(x + y);
      default:
        break;
    }
    return x - y * y;
  }

  /** A ternary inside a loop: the taken side changes from iteration to iteration. */
  @Differentiable
  static double ternaryInLoop(double[] a, double t) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] > t ? a[i] * t : a[i] * a[i];
    }
    return s;
  }

  /**
   * A ternary inside a loop whose taken side needs its own intermediate values in the reverse sweep
   * (exp and sin of the current element): each iteration's values, not the last ones.
   */
  @Differentiable
  static double ternaryIntermediatesInLoop(double[] a, double t) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] > t ? Math.exp(2 * a[i]) : Math.sin(a[i]) * a[i] * t;
    }
    return s;
  }

  /** Nested ternaries in a loop, each side with a chain of intermediates. */
  @Differentiable
  static double nestedTernaryInLoop(double[] a, double t) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s +=
          a[i] > t
              ? (a[i] > 2 * t + 1 ? Math.exp(Math.sin(3 * a[i])) : Math.log1p(a[i] * a[i] * t * t))
              : Math.cos(Math.sqrt(1 + a[i] * a[i]) * t);
    }
    return s;
  }

  /**
   * Chains of intermediates in if/else branches, a ternary and a switch expression inside one loop:
   * every recomputed or stored value must be the current iteration's.
   */
  @Differentiable
  static double deepChainsInLoop(double[] a, double x) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      double u;
      if (a[i] > 0) {
        u = Math.exp(Math.sin(2 * a[i]) * x);
      } else {
        u = Math.log1p(Math.exp(a[i] * x));
      }
      double w =
          a[i] < 0.5
              ? Math.sqrt(1 + Math.exp(3 * a[i]) * x * x)
              : Math.atan(Math.cos(a[i] * x) * 2);
      double z =
          switch (i % 3) {
            case 0 -> u * w;
            case 1 -> Math.tanh(u - w * 2);
            default -> -Math.exp(-u * u) * w;
          };
      s += z;
    }
    return s;
  }

  /** An early return from inside a loop, the loop otherwise running to completion. */
  @Differentiable
  static double earlyReturnInLoop(double[] a, double limit) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * a[i];
      if (s > limit) {
        return s * limit;
      }
    }
    return -s;
  }

  /** An early return in a nested if inside nested loops. */
  @Differentiable
  static double earlyReturnNestedLoops(double[][] m, double x) {
    double acc = x;
    for (int i = 0; i < m.length; i++) {
      for (int j = 0; j < m[i].length; j++) {
        acc = acc * 0.5 + m[i][j];
        if (acc > 2) {
          if (j > 0) {
            return acc * x;
          }
          acc = acc - x;
        }
      }
    }
    return acc;
  }

  /** A switch inside a loop, the case chosen by the loop index. */
  @Differentiable
  static double switchInLoop(double x, double y, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) {
      switch (i % 3) {
        case 0 -> s = s + x;
        case 1 -> s = s * y;
        default -> {
          if (s > 1) {
            s = Math.sqrt(s);
          }
        }
      }
    }
    return s;
  }

  /** A branch chosen by a comparison of two active values inside a loop (a running max). */
  @Differentiable
  static double runningMax(double[] a) {
    double best = a[0];
    int where = 0;
    for (int i = 1; i < a.length; i++) {
      if (a[i] > best) {
        best = a[i];
        where = i;
      }
    }
    return best * (where + 1) + a[0];
  }
}
