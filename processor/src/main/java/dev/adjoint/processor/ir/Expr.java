package dev.adjoint.processor.ir;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import dev.adjoint.processor.rules.MathFunction;
import java.util.List;

/**
 * Typed expressions. The parser builds whole trees; lowering keeps inactive trees whole and breaks
 * active ones into single operations whose operands are atoms ({@link Literal}, {@link Constant},
 * {@link Ref}).
 */
public sealed interface Expr {
  Type type();

  /** True for operands that lowering never splits further. */
  default boolean isAtom() {
    return this instanceof Literal || this instanceof Constant || this instanceof Ref;
  }

  /** A literal, already spelled as Java source. */
  record Literal(Type type, String code) implements Expr {}

  /** A static final constant: a reference to an accessible field, or its inlined value. */
  record Constant(Type type, CodeBlock code) implements Expr {}

  record Ref(Var var) implements Expr {
    @Override
    public Type type() {
      return var.type();
    }
  }

  record Unary(UnaryOp op, Expr operand, Type type) implements Expr {}

  record Binary(BinaryOp op, Expr left, Expr right, Type type) implements Expr {}

  record Conditional(Expr condition, Expr whenTrue, Expr whenFalse, Type type) implements Expr {}

  record Cast(Type type, Expr operand) implements Expr {}

  /** A call of a {@code java.lang.Math} or {@code StrictMath} function. */
  record Call(MathFunction function, ClassName owner, List<Expr> args, Type type) implements Expr {
    public Call {
      args = List.copyOf(args);
    }
  }

  /**
   * A call of another method ({@link Callee}): the forward sweep calls it, the reverse sweep calls
   * its pullback with this call's adjoint as the seed. Arguments are evaluated once, in order.
   */
  record Invoke(Callee callee, List<Expr> args, Type type) implements Expr {
    public Invoke {
      args = List.copyOf(args);
    }
  }

  record ArrayRead(Expr array, Expr index, Type type) implements Expr {}

  /**
   * A tangent (forward-mode derivative) already spelled by the derivative rules, reading
   * {@code reads}; see {@code Preaccumulation}. Never active.
   */
  record Tangent(CodeBlock code, List<Var> reads) implements Expr {
    public Tangent {
      reads = List.copyOf(reads);
    }

    @Override
    public Type type() {
      return Type.DOUBLE;
    }
  }

  /**
   * The value {@code value} of a preaccumulated region, as a function of the region's one input:
   * the forward sweep has it already (in the same storage), and its adjoint adds
   * {@code bar * slope} to {@code input}'s.
   */
  record Linearized(Var value, Var input, Var slope) implements Expr {
    @Override
    public Type type() {
      return value.type();
    }
  }

  /** {@code left.equals(right)} on objects (string switch labels). */
  record Equals(Expr left, Expr right) implements Expr {
    @Override
    public Type type() {
      return Type.BOOLEAN;
    }
  }

  record ArrayLength(Expr array) implements Expr {
    @Override
    public Type type() {
      return Type.INT;
    }
  }

  /** Unary operators. */
  enum UnaryOp {
    NEGATE("-"),
    PLUS("+"),
    NOT("!"),
    COMPLEMENT("~");

    public final String symbol;

    UnaryOp(String symbol) {
      this.symbol = symbol;
    }
  }

  /** Binary operators with their Java precedence (higher binds tighter). */
  enum BinaryOp {
    MULTIPLY("*", 13),
    DIVIDE("/", 13),
    REMAINDER("%", 13),
    PLUS("+", 12),
    MINUS("-", 12),
    LEFT_SHIFT("<<", 11),
    RIGHT_SHIFT(">>", 11),
    UNSIGNED_RIGHT_SHIFT(">>>", 11),
    LESS_THAN("<", 10),
    GREATER_THAN(">", 10),
    LESS_THAN_EQUAL("<=", 10),
    GREATER_THAN_EQUAL(">=", 10),
    EQUAL_TO("==", 9),
    NOT_EQUAL_TO("!=", 9),
    AND("&", 8),
    XOR("^", 7),
    OR("|", 6),
    CONDITIONAL_AND("&&", 5),
    CONDITIONAL_OR("||", 4);

    public final String symbol;
    public final int precedence;

    BinaryOp(String symbol, int precedence) {
      this.symbol = symbol;
      this.precedence = precedence;
    }

    public boolean isArithmetic() {
      return precedence == 13 || precedence == 12;
    }

    public boolean isShift() {
      return precedence == 11;
    }

    public boolean isComparison() {
      return precedence == 10 || precedence == 9;
    }

    public boolean isBitwise() {
      return precedence >= 6 && precedence <= 8;
    }
  }
}
