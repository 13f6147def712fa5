package dev.adjoint.processor.rules;

import com.palantir.javapoet.CodeBlock;
import dev.adjoint.processor.ir.Type;
import java.util.List;
import java.util.Optional;

/**
 * The {@code java.lang.Math} / {@code StrictMath} functions Adjoint understands: their overload
 * resolution (JLS 15.12 restricted to primitive arguments) and their partial derivatives. This is
 * the only place a new primitive function is added.
 */
public enum MathFunction {
  SIN("sin", Shape.REAL, 1) {
    @Override
    Term partial(int i, Operands o) {
      return Term.plus("$L * $T.cos($L)", o.bar(), o.owner(), o.arg(0));
    }
  },
  COS("cos", Shape.REAL, 1) {
    @Override
    Term partial(int i, Operands o) {
      return Term.minus("$L * $T.sin($L)", o.bar(), o.owner(), o.arg(0));
    }
  },
  TAN("tan", Shape.REAL, 1) {
    @Override
    Term partial(int i, Operands o) {
      return Term.plus("$L * (1.0 + $L * $L)", o.bar(), o.result(), o.result());
    }
  },
  ASIN("asin", Shape.REAL, 1) {
    @Override
    Term partial(int i, Operands o) {
      return Term.plus("$L / $T.sqrt(1.0 - $L * $L)", o.bar(), o.owner(), o.arg(0), o.arg(0));
    }
  },
  ACOS("acos", Shape.REAL, 1) {
    @Override
    Term partial(int i, Operands o) {
      return Term.minus("$L / $T.sqrt(1.0 - $L * $L)", o.bar(), o.owner(), o.arg(0), o.arg(0));
    }
  },
  ATAN("atan", Shape.REAL, 1) {
    @Override
    Term partial(int i, Operands o) {
      return Term.plus("$L / (1.0 + $L * $L)", o.bar(), o.arg(0), o.arg(0));
    }
  },
  ATAN2("atan2", Shape.REAL, 2) {
    @Override
    Term partial(int i, Operands o) {
      // atan2(u, v): d/du = v / (u² + v²), d/dv = -u / (u² + v²)
      return i == 0
          ? Term.plus("$L * $L / ($L * $L + $L * $L)", o.bar(), o.arg(1), o.arg(0), o.arg(0),
              o.arg(1), o.arg(1))
          : Term.minus("$L * $L / ($L * $L + $L * $L)", o.bar(), o.arg(0), o.arg(0), o.arg(0),
              o.arg(1), o.arg(1));
    }
  },
  SINH("sinh", Shape.REAL, 1) {
    @Override
    Term partial(int i, Operands o) {
      return Term.plus("$L * $T.cosh($L)", o.bar(), o.owner(), o.arg(0));
    }
  },
  COSH("cosh", Shape.REAL, 1) {
    @Override
    Term partial(int i, Operands o) {
      return Term.plus("$L * $T.sinh($L)", o.bar(), o.owner(), o.arg(0));
    }
  },
  TANH("tanh", Shape.REAL, 1) {
    @Override
    Term partial(int i, Operands o) {
      return Term.plus("$L * (1.0 - $L * $L)", o.bar(), o.result(), o.result());
    }
  },
  EXP("exp", Shape.REAL, 1) {
    @Override
    Term partial(int i, Operands o) {
      return Term.plus("$L * $L", o.bar(), o.result());
    }
  },
  EXPM1("expm1", Shape.REAL, 1) {
    @Override
    Term partial(int i, Operands o) {
      return Term.plus("$L * ($L + 1.0)", o.bar(), o.result());
    }
  },
  LOG("log", Shape.REAL, 1) {
    @Override
    Term partial(int i, Operands o) {
      return Term.plus("$L / $L", o.bar(), o.arg(0));
    }
  },
  LOG10("log10", Shape.REAL, 1) {
    @Override
    Term partial(int i, Operands o) {
      return Term.plus("$L / ($L * $L)", o.bar(), o.arg(0), Double.toString(Math.log(10.0)));
    }
  },
  LOG1P("log1p", Shape.REAL, 1) {
    @Override
    Term partial(int i, Operands o) {
      return Term.plus("$L / (1.0 + $L)", o.bar(), o.arg(0));
    }
  },
  SQRT("sqrt", Shape.REAL, 1) {
    @Override
    Term partial(int i, Operands o) {
      return Term.plus("$L / (2.0 * $L)", o.bar(), o.result());
    }
  },
  CBRT("cbrt", Shape.REAL, 1) {
    @Override
    Term partial(int i, Operands o) {
      return Term.plus("$L / (3.0 * $L * $L)", o.bar(), o.result(), o.result());
    }
  },
  POW("pow", Shape.REAL, 2) {
    @Override
    Term partial(int i, Operands o) {
      if (i == 0) {
        Optional<Double> k = literalValue(o.arg(1));
        if (k.isPresent()) {
          double exponent = k.get();
          if (exponent == 2.0) {
            return Term.plus("$L * 2.0 * $L", o.bar(), o.arg(0));
          }
          return Term.plus("$L * $L * $T.pow($L, $L)", o.bar(), Double.toString(exponent),
              o.owner(), o.arg(0), Double.toString(exponent - 1.0));
        }
        return Term.plus("$L * $L * $T.pow($L, $L - 1.0)", o.bar(), o.arg(1), o.owner(),
            o.arg(0), o.arg(1));
      }
      // d/db a^b = a^b·ln a; at a == 0 the limit of a^b·ln a is 0 for b > 0.
      return Term.plus("($L == 0.0 ? 0.0 : $L * $L * $T.log($L))", o.arg(0), o.bar(), o.result(),
          o.owner(), o.arg(0));
    }
  },
  HYPOT("hypot", Shape.REAL, 2) {
    @Override
    Term partial(int i, Operands o) {
      return Term.plus("$L * $L / $L", o.bar(), o.arg(i), o.result());
    }
  },
  TO_RADIANS("toRadians", Shape.REAL, 1) {
    @Override
    Term partial(int i, Operands o) {
      return Term.plus("$L * $L", o.bar(), Double.toString(Math.toRadians(1.0)));
    }
  },
  TO_DEGREES("toDegrees", Shape.REAL, 1) {
    @Override
    Term partial(int i, Operands o) {
      return Term.plus("$L * $L", o.bar(), Double.toString(Math.toDegrees(1.0)));
    }
  },
  ABS("abs", Shape.NUMERIC, 1) {
    @Override
    Term partial(int i, Operands o) {
      return Term.plus("($L < 0.0 ? -$L : $L)", o.arg(0), o.bar(), o.bar());
    }
  },
  MAX("max", Shape.NUMERIC, 2) {
    @Override
    Term partial(int i, Operands o) {
      // Math.max returns its first argument when a >= b: that branch gets the derivative.
      return i == 0
          ? Term.plus("($L >= $L ? $L : 0.0)", o.arg(0), o.arg(1), o.bar())
          : Term.plus("($L >= $L ? 0.0 : $L)", o.arg(0), o.arg(1), o.bar());
    }
  },
  MIN("min", Shape.NUMERIC, 2) {
    @Override
    Term partial(int i, Operands o) {
      return i == 0
          ? Term.plus("($L <= $L ? $L : 0.0)", o.arg(0), o.arg(1), o.bar())
          : Term.plus("($L <= $L ? 0.0 : $L)", o.arg(0), o.arg(1), o.bar());
    }
  },
  FMA("fma", Shape.FLOATING, 3) {
    @Override
    Term partial(int i, Operands o) {
      return switch (i) {
        case 0 -> Term.plus("$L * $L", o.bar(), o.arg(1));
        case 1 -> Term.plus("$L * $L", o.bar(), o.arg(0));
        default -> Term.plus("$L", o.bar());
      };
    }
  },
  FLOOR("floor", Shape.REAL, 1),
  CEIL("ceil", Shape.REAL, 1),
  RINT("rint", Shape.REAL, 1),
  SIGNUM("signum", Shape.FLOATING, 1),
  ROUND("round", Shape.ROUND, 1),
  FLOOR_DIV("floorDiv", Shape.INTEGRAL, 2),
  FLOOR_MOD("floorMod", Shape.INTEGRAL, 2),
  ADD_EXACT("addExact", Shape.INTEGRAL, 2),
  SUBTRACT_EXACT("subtractExact", Shape.INTEGRAL, 2),
  MULTIPLY_EXACT("multiplyExact", Shape.INTEGRAL, 2),
  NEGATE_EXACT("negateExact", Shape.INTEGRAL, 1),
  TO_INT_EXACT("toIntExact", Shape.TO_INT, 1);

  /** How a function's overloads map argument types to a result type. */
  private enum Shape {
    /** double-only functions: every numeric argument converts to double. */
    REAL,
    /** int, long, float and double overloads (abs, max, min). */
    NUMERIC,
    /** float and double overloads (fma, signum). */
    FLOATING,
    /** round(float) → int, round(double) → long. */
    ROUND,
    /** int and long overloads only. */
    INTEGRAL,
    /** toIntExact(long) → int. */
    TO_INT
  }

  private final String javaName;
  private final Shape shape;
  private final int arity;

  MathFunction(String javaName, Shape shape, int arity) {
    this.javaName = javaName;
    this.shape = shape;
    this.arity = arity;
  }

  /**
   * Whether evaluating it costs far more than saving and restoring a double (a transcendental
   * function): inside loops, a needed result of such a call is kept on the tape rather than
   * computed again by the reverse sweep.
   */
  public boolean costly() {
    return switch (this) {
      case SIN, COS, TAN, ASIN, ACOS, ATAN, ATAN2, SINH, COSH, TANH, EXP, EXPM1, LOG, LOG10,
          LOG1P, CBRT, POW, HYPOT -> true;
      default -> false;
    };
  }

  public String javaName() {
    return javaName;
  }

  /** Finds a supported function by its Java name, e.g. {@code "atan2"}. */
  public static Optional<MathFunction> named(String name) {
    for (MathFunction f : values()) {
      if (f.javaName.equals(name)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  /**
   * The result type of the overload that Java would select for these argument types, or empty
   * when no overload applies.
   */
  public Optional<Type> resultType(List<Type> args) {
    if (args.size() != arity || !args.stream().allMatch(Type::isNumeric)) {
      return Optional.empty();
    }
    Type widest = args.stream().reduce(Type.INT, Type::promote);
    return switch (shape) {
      case REAL -> Optional.of(Type.DOUBLE);
      case NUMERIC -> Optional.of(widest);
      case FLOATING -> Optional.of(widest.prim() == Type.Prim.DOUBLE ? Type.DOUBLE : Type.FLOAT);
      case ROUND -> Optional.of(widest.prim() == Type.Prim.DOUBLE ? Type.LONG : Type.INT);
      case INTEGRAL -> args.stream().allMatch(Type::isIntegral)
          ? Optional.of(widest)
          : Optional.empty();
      case TO_INT -> args.get(0).isIntegral() ? Optional.of(Type.INT) : Optional.empty();
    };
  }

  /**
   * The contribution {@code ∂result/∂arg_i · bar}, or empty where the function is piecewise
   * constant (floor, ceil, rint, signum, round and the integer functions).
   */
  public Optional<Term> contribution(int i, Operands operands) {
    return Optional.ofNullable(partial(i, operands));
  }

  Term partial(int i, Operands o) {
    return null;
  }

  private static Optional<Double> literalValue(CodeBlock code) {
    try {
      return Optional.of(Double.parseDouble(code.toString()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
