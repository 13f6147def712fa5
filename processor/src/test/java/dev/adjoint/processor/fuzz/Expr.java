package dev.adjoint.processor.fuzz;

/**
 * Expressions of generated programs, split by result type: {@link D} (double), {@link I}
 * (int) and {@link B} (boolean). The generator guarantees every expression is total on the
 * sampling domain (safe denominators, arguments in the domain of each function, ints that are
 * never negative and never overflow); the AST itself is plain data.
 */
public sealed interface Expr {

  // ---------------------------------------------------------------- double-valued

  /** A double-valued expression. */
  sealed interface D extends Expr
      permits DConst, DVar, Elem, Widen, Neg, DBin, Call1, Call2, Fma, DCond {}

  /** A non-negative literal such as {@code 0.5}. */
  record DConst(double value) implements D {}

  /** A {@code double} parameter or local. */
  record DVar(String name) implements D {}

  /** {@code array[index]}, of the parameter {@code a} or of a local {@code double[]}. */
  record Elem(String array, I index) implements D {}

  /** An int expression used where a double is expected (binary numeric promotion). */
  record Widen(I value) implements D {}

  /** {@code -operand}. */
  record Neg(D operand) implements D {}

  /** {@code left op right}. */
  record DBin(DOp op, D left, D right) implements D {}

  /** {@code Math.fn(arg)}. */
  record Call1(Fn1 fn, D arg) implements D {}

  /** {@code Math.fn(first, second)}. */
  record Call2(Fn2 fn, D first, D second) implements D {}

  /** {@code Math.fma(a, b, c)}. */
  record Fma(D a, D b, D c) implements D {}

  /** {@code cond ? then : otherwise}. */
  record DCond(B cond, D then, D otherwise) implements D {}

  // ---------------------------------------------------------------- int-valued

  /** An int-valued expression; by construction never negative. */
  sealed interface I extends Expr permits IConst, IVar, Length, IBin, ICond {}

  record IConst(int value) implements I {}

  /** The parameter {@code n}, an int local, or a loop counter. */
  record IVar(String name) implements I {}

  /** {@code array.length}. */
  record Length(String array) implements I {}

  record IBin(IOp op, I left, I right) implements I {}

  record ICond(B cond, I then, I otherwise) implements I {}

  // ---------------------------------------------------------------- boolean-valued

  sealed interface B extends Expr permits DCmp, ICmp, Not, Logic {}

  record DCmp(Cmp op, D left, D right) implements B {}

  record ICmp(Cmp op, I left, I right) implements B {}

  record Not(B operand) implements B {}

  /** {@code left && right} or {@code left || right} (short-circuit, like Java). */
  record Logic(boolean and, B left, B right) implements B {}

  // ---------------------------------------------------------------- operators

  enum DOp {
    ADD("+"), SUB("-"), MUL("*"), DIV("/"), REM("%");

    final String symbol;

    DOp(String symbol) {
      this.symbol = symbol;
    }
  }

  /** Int operators; no subtraction, so int values stay non-negative. */
  enum IOp {
    ADD("+"), MUL("*"), DIV("/"), REM("%");

    final String symbol;

    IOp(String symbol) {
      this.symbol = symbol;
    }
  }

  enum Cmp {
    LT("<"), LE("<="), GT(">"), GE(">="), EQ("=="), NE("!=");

    final String symbol;

    Cmp(String symbol) {
      this.symbol = symbol;
    }
  }

  /** One-argument {@code java.lang.Math} functions. */
  enum Fn1 {
    SIN("sin"), COS("cos"), TAN("tan"), ASIN("asin"), ACOS("acos"), ATAN("atan"),
    SINH("sinh"), COSH("cosh"), TANH("tanh"), EXP("exp"), EXPM1("expm1"), LOG("log"),
    LOG10("log10"), LOG1P("log1p"), SQRT("sqrt"), CBRT("cbrt"), ABS("abs"),
    TO_RADIANS("toRadians"), TO_DEGREES("toDegrees"),
    /** Piecewise constant: derivative 0. */
    FLOOR("floor"), CEIL("ceil"), RINT("rint"), SIGNUM("signum");

    final String javaName;

    Fn1(String javaName) {
      this.javaName = javaName;
    }
  }

  /** Two-argument {@code java.lang.Math} functions. */
  enum Fn2 {
    HYPOT("hypot"), ATAN2("atan2"), POW("pow"), MAX("max"), MIN("min");

    final String javaName;

    Fn2(String javaName) {
      this.javaName = javaName;
    }
  }
}
