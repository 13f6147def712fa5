package dev.adjoint.processor.parse;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.PrimitiveTypeTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.Trees;
import dev.adjoint.processor.diag.AbortMethod;
import dev.adjoint.processor.diag.Message;
import dev.adjoint.processor.diag.Reporter;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import dev.adjoint.processor.rules.MathFunction;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;

/**
 * Parses the body of a {@code @Differentiable} method into a {@link Function}: typed expression
 * trees over resolved names. Everything outside the supported subset is reported on its exact tree
 * and aborts the method.
 */
public final class MethodParser {
  private static final Set<String> MATH_CLASSES = Set.of("java.lang.Math", "java.lang.StrictMath");

  private final Trees trees;
  private final Elements elements;
  private final Reporter reporter;

  public MethodParser(Trees trees, Elements elements, Reporter reporter) {
    this.trees = trees;
    this.elements = elements;
    this.reporter = reporter;
  }

  /** Parses {@code method}, whose parameters named in {@code wrt} are differentiated. */
  public Function parse(ExecutableElement method, Set<String> wrt) {
    return new Session(method, wrt).run();
  }

  /** Maps a declared parameter or field type to the IR's types. */
  public static Type typeOf(TypeMirror mirror) {
    int dims = 0;
    while (mirror.getKind() == TypeKind.ARRAY) {
      mirror = ((ArrayType) mirror).getComponentType();
      dims++;
    }
    Type.Prim prim =
        switch (mirror.getKind()) {
          case BOOLEAN -> Type.Prim.BOOLEAN;
          case BYTE -> Type.Prim.BYTE;
          case SHORT -> Type.Prim.SHORT;
          case CHAR -> Type.Prim.CHAR;
          case INT -> Type.Prim.INT;
          case LONG -> Type.Prim.LONG;
          case FLOAT -> Type.Prim.FLOAT;
          case DOUBLE -> Type.Prim.DOUBLE;
          default -> Type.Prim.OBJECT;
        };
    return prim == Type.Prim.OBJECT ? Type.OBJECT : new Type(prim, dims);
  }

  /** The state of parsing one method. */
  private final class Session {
    private final ExecutableElement method;
    private final Set<String> wrt;
    private final CompilationUnitTree unit;
    private final NameResolver names;
    private final SourcePositions positions;
    private final CharSequence source;
    private final String methodName;
    private final Map<String, Var> parameters = new LinkedHashMap<>();
    private final Deque<Map<String, Var>> scopes = new ArrayDeque<>();
    private final Set<Var> assigned = new HashSet<>();
    private final List<Function.Statement> statements = new ArrayList<>();

    Session(ExecutableElement method, Set<String> wrt) {
      this.method = method;
      this.wrt = wrt;
      this.unit = trees.getPath(method).getCompilationUnit();
      this.names = new NameResolver(elements, unit, (TypeElement) method.getEnclosingElement());
      this.positions = trees.getSourcePositions();
      this.source = sourceOf(unit);
      this.methodName = method.getSimpleName().toString();
    }

    Function run() {
      for (VariableElement p : method.getParameters()) {
        String name = p.getSimpleName().toString();
        Var v = new Var(name, typeOf(p.asType()), Var.Kind.PARAMETER);
        if (wrt.contains(name)) {
          v.markVaried();
        }
        parameters.put(name, v);
        assigned.add(v);
      }
      MethodTree tree = trees.getTree(method);
      BlockTree body = tree.getBody();
      List<? extends StatementTree> top = body.getStatements();
      scopes.push(new LinkedHashMap<>());
      for (int i = 0; i < top.size(); i++) {
        StatementTree s = top.get(i);
        if (s instanceof ReturnTree ret) {
          if (i != top.size() - 1) {
            throw reporter.abort(s, unit, Message.EARLY_RETURN, methodName);
          }
          returnStatement(ret);
        } else {
          statement(s);
        }
      }
      if (top.isEmpty() || !(top.get(top.size() - 1) instanceof ReturnTree)) {
        Tree where = top.isEmpty() ? tree : top.get(top.size() - 1);
        throw reporter.abort(where, unit, Message.MISSING_RETURN, methodName);
      }
      return new Function(methodName, List.copyOf(parameters.values()), statements);
    }

    private void returnStatement(ReturnTree ret) {
      Expr value = expression(ret.getExpression());
      if (!value.type().isNumeric()) {
        throw mismatch(ret.getExpression(), "returns " + value.type() + " where double is needed");
      }
      statements.add(new Function.Return(value, line(ret), text(ret)));
    }

    private void statement(StatementTree s) {
      switch (s.getKind()) {
        case VARIABLE -> declaration((VariableTree) s);
        case EXPRESSION_STATEMENT -> expressionStatement((ExpressionStatementTree) s);
        case BLOCK -> {
          scopes.push(new LinkedHashMap<>());
          for (StatementTree inner : ((BlockTree) s).getStatements()) {
            if (inner instanceof ReturnTree) {
              throw reporter.abort(inner, unit, Message.EARLY_RETURN, methodName);
            }
            statement(inner);
          }
          scopes.pop();
        }
        case EMPTY_STATEMENT -> {}
        case RETURN -> throw reporter.abort(s, unit, Message.EARLY_RETURN, methodName);
        default -> throw unsupportedStatement(s);
      }
    }

    private AbortMethod unsupportedStatement(StatementTree s) {
      String loops = "unroll it by hand for now (loops come with control-flow support)";
      String[] what =
          switch (s.getKind()) {
            case IF -> new String[] {
              "an if statement",
              "use the conditional operator ?: for data-dependent choices (if/else comes with"
                  + " control-flow support)"
            };
            case FOR_LOOP -> new String[] {"a for loop", loops};
            case ENHANCED_FOR_LOOP -> new String[] {"an enhanced for loop", loops};
            case WHILE_LOOP -> new String[] {"a while loop", loops};
            case DO_WHILE_LOOP -> new String[] {"a do/while loop", loops};
            case SWITCH -> new String[] {"a switch statement", "use the conditional operator ?:"};
            case TRY -> new String[] {
              "a try statement", "move exception handling out of the @Differentiable method"
            };
            case SYNCHRONIZED -> new String[] {
              "a synchronized statement", "synchronize in the caller instead"
            };
            case THROW -> new String[] {
              "a throw statement", "validate arguments in the caller instead"
            };
            default -> new String[] {
              describe(s.getKind()),
              "a @Differentiable method may contain local variable declarations, assignments and"
                  + " one final return"
            };
          };
      return reporter.abort(s, unit, Message.UNSUPPORTED_STATEMENT, methodName, what[0], what[1]);
    }

    private void declaration(VariableTree v) {
      String name = v.getName().toString();
      Tree typeTree = v.getType();
      Type declared;
      if (typeTree != null && typeTree.getKind() == Tree.Kind.ARRAY_TYPE) {
        throw reporter.abort(v, unit, Message.UNSUPPORTED_STATEMENT, methodName,
            "a local array variable",
            "index the parameter array directly (local arrays come with control-flow support)");
      }
      ExpressionTree init = v.getInitializer();
      Expr value = init == null ? null : expression(init);
      if (typeTree == null || isVarKeyword(typeTree)) {
        if (value == null) {
          throw mismatch(v, "'var' needs an initializer");
        }
        declared = value.type();
      } else if (typeTree instanceof PrimitiveTypeTree primitive) {
        declared = Type.scalar(primitiveKind(primitive.getPrimitiveTypeKind()));
      } else {
        throw reporter.abort(typeTree, unit, Message.UNSUPPORTED_STATEMENT, methodName,
            "a local variable of type " + typeTree,
            "local variables must have a primitive type");
      }
      if (!declared.isScalar()) {
        throw reporter.abort(v, unit, Message.UNSUPPORTED_STATEMENT, methodName,
            "a local variable of type " + declared, "local variables must have a primitive type");
      }
      Var local = new Var(name, declared, Var.Kind.LOCAL);
      scopes.peek().put(name, local);
      if (value != null) {
        assign(local, value, init, v);
      }
    }

    private boolean isVarKeyword(Tree typeTree) {
      return typeTree instanceof IdentifierTree id && id.getName().contentEquals("var");
    }

    private void expressionStatement(ExpressionStatementTree s) {
      ExpressionTree e = s.getExpression();
      switch (e.getKind()) {
        case ASSIGNMENT -> {
          AssignmentTree a = (AssignmentTree) e;
          Var target = assignmentTarget(a.getVariable());
          assign(target, expression(a.getExpression()), a.getExpression(), s);
        }
        case PLUS_ASSIGNMENT, MINUS_ASSIGNMENT, MULTIPLY_ASSIGNMENT, DIVIDE_ASSIGNMENT,
            REMAINDER_ASSIGNMENT, LEFT_SHIFT_ASSIGNMENT, RIGHT_SHIFT_ASSIGNMENT,
            UNSIGNED_RIGHT_SHIFT_ASSIGNMENT, AND_ASSIGNMENT, OR_ASSIGNMENT, XOR_ASSIGNMENT -> {
          CompoundAssignmentTree a = (CompoundAssignmentTree) e;
          Var target = assignmentTarget(a.getVariable());
          String opName = e.getKind().name().replace("_ASSIGNMENT", "");
          Expr.BinaryOp op = Expr.BinaryOp.valueOf(opName);
          Expr combined = binary(op, read(target, a.getVariable()), expression(a.getExpression()),
              a);
          assign(target, narrowTo(target.type(), combined), a, s);
        }
        case PREFIX_INCREMENT, POSTFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_DECREMENT -> {
          UnaryTree u = (UnaryTree) e;
          Var target = assignmentTarget(u.getExpression());
          boolean up = e.getKind() == Tree.Kind.PREFIX_INCREMENT
              || e.getKind() == Tree.Kind.POSTFIX_INCREMENT;
          Expr combined = binary(up ? Expr.BinaryOp.PLUS : Expr.BinaryOp.MINUS,
              read(target, u.getExpression()), new Expr.Literal(Type.INT, "1"), u);
          assign(target, narrowTo(target.type(), combined), u, s);
        }
        default -> throw reporter.abort(e, unit, Message.UNSUPPORTED_STATEMENT, methodName,
            "an expression statement (" + describe(e.getKind()) + ")",
            "statements must be declarations or assignments of local variables");
      }
    }

    /** The implicit narrowing cast of compound assignment (JLS 15.26.2). */
    private Expr narrowTo(Type target, Expr value) {
      return value.type().equals(target) ? value : new Expr.Cast(target, value);
    }

    private Var assignmentTarget(ExpressionTree lhs) {
      if (lhs instanceof ParenthesizedTree p) {
        return assignmentTarget(p.getExpression());
      }
      if (lhs instanceof IdentifierTree id) {
        String name = id.getName().toString();
        Var v = lookupLocal(name);
        if (v != null) {
          if (v.type().isArray()) {
            throw reporter.abort(lhs, unit, Message.ARRAY_REASSIGNED, methodName, name);
          }
          return v;
        }
      }
      if (lhs instanceof ArrayAccessTree access) {
        ExpressionTree array = access.getExpression();
        while (array instanceof ArrayAccessTree inner) {
          array = inner.getExpression();
        }
        throw reporter.abort(lhs, unit, Message.WRITE_TO_ARRAY, methodName, array.toString());
      }
      throw reporter.abort(lhs, unit, Message.WRITE_TO_FIELD, methodName, lhs.toString());
    }

    private void assign(Var target, Expr value, Tree valueTree, Tree statement) {
      if (!assignable(value.type(), target.type()) && !fitsConstant(value, target.type())) {
        throw mismatch(valueTree, "cannot assign a " + value.type() + " value to '"
            + target.sourceName() + "' of type " + target.type());
      }
      assigned.add(target);
      statements.add(new Function.Assign(target, value, line(statement), text(statement)));
    }

    /** An int literal narrowed to byte, short or char where its value fits (JLS 5.2). */
    private boolean fitsConstant(Expr value, Type to) {
      long v;
      if (value instanceof Expr.Literal l && l.type().equals(Type.INT)) {
        v = Long.parseLong(l.code());
      } else if (value instanceof Expr.Unary u && u.op() == Expr.UnaryOp.NEGATE
          && u.operand() instanceof Expr.Literal l && l.type().equals(Type.INT)) {
        v = -Long.parseLong(l.code());
      } else {
        return false;
      }
      return switch (to.prim()) {
        case BYTE -> v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE;
        case SHORT -> v >= Short.MIN_VALUE && v <= Short.MAX_VALUE;
        case CHAR -> v >= Character.MIN_VALUE && v <= Character.MAX_VALUE;
        default -> false;
      } && to.dims() == 0;
    }

    private boolean assignable(Type from, Type to) {
      if (from.equals(to)) {
        return true;
      }
      if (from.isBoolean() || to.isBoolean() || !from.isScalar() || !to.isScalar()) {
        return false;
      }
      if (from.prim() == Type.Prim.CHAR) {
        return to.prim().compareTo(Type.Prim.INT) >= 0;
      }
      if (to.prim() == Type.Prim.CHAR) {
        return false;
      }
      return from.prim().compareTo(to.prim()) <= 0;
    }

    private Var lookupLocal(String name) {
      for (Map<String, Var> scope : scopes) {
        Var v = scope.get(name);
        if (v != null) {
          return v;
        }
      }
      return parameters.get(name);
    }

    private Expr read(Var v, Tree where) {
      if (!assigned.contains(v)) {
        throw mismatch(where, "variable '" + v.sourceName() + "' might not have been initialized");
      }
      return new Expr.Ref(v);
    }

    // ---------------------------------------------------------------- expressions

    private Expr expression(ExpressionTree e) {
      switch (e.getKind()) {
        case PARENTHESIZED:
          return expression(((ParenthesizedTree) e).getExpression());
        case INT_LITERAL, LONG_LITERAL, FLOAT_LITERAL, DOUBLE_LITERAL, BOOLEAN_LITERAL,
            CHAR_LITERAL:
          return literal((LiteralTree) e);
        case IDENTIFIER:
          return identifier((IdentifierTree) e);
        case MEMBER_SELECT:
          return memberSelect((MemberSelectTree) e);
        case ARRAY_ACCESS:
          return arrayAccess((ArrayAccessTree) e);
        case METHOD_INVOCATION:
          return call((MethodInvocationTree) e);
        case UNARY_MINUS, UNARY_PLUS, LOGICAL_COMPLEMENT, BITWISE_COMPLEMENT:
          return unary((UnaryTree) e);
        case CONDITIONAL_EXPRESSION:
          return conditional((ConditionalExpressionTree) e);
        case TYPE_CAST:
          return cast((TypeCastTree) e);
        case PREFIX_INCREMENT, POSTFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_DECREMENT:
          throw unsupported(e, "'++'/'--' inside an expression", "write it as its own statement");
        case ASSIGNMENT:
          throw unsupported(e, "an assignment inside an expression",
              "write the assignment as its own statement");
        default:
          if (e instanceof BinaryTree b) {
            Expr.BinaryOp op = Expr.BinaryOp.valueOf(e.getKind().name());
            return binary(op, expression(b.getLeftOperand()), expression(b.getRightOperand()), b);
          }
          if (e instanceof CompoundAssignmentTree) {
            throw unsupported(e, "a compound assignment inside an expression",
                "write the assignment as its own statement");
          }
          throw unsupported(e, describe(e.getKind()), remedyFor(e.getKind()));
      }
    }

    private String remedyFor(Tree.Kind kind) {
      return switch (kind) {
        case NEW_CLASS -> "object allocation is not differentiable: pass objects as parameters";
        case NEW_ARRAY -> "index the parameter arrays directly (local arrays come with control-flow"
            + " support)";
        case LAMBDA_EXPRESSION, MEMBER_REFERENCE -> "write the computation inline";
        case STRING_LITERAL, NULL_LITERAL -> "only numeric and boolean values are supported";
        case SWITCH_EXPRESSION -> "use the conditional operator ?:";
        default -> "see the supported subset in the README";
      };
    }

    private Expr literal(LiteralTree lit) {
      Object v = lit.getValue();
      return switch (lit.getKind()) {
        case INT_LITERAL -> new Expr.Literal(Type.INT, Integer.toString((Integer) v));
        case LONG_LITERAL -> new Expr.Literal(Type.LONG, v + "L");
        case FLOAT_LITERAL -> new Expr.Literal(Type.FLOAT, Float.toString((Float) v) + "f");
        case DOUBLE_LITERAL -> new Expr.Literal(Type.DOUBLE, Double.toString((Double) v));
        case BOOLEAN_LITERAL -> new Expr.Literal(Type.BOOLEAN, v.toString());
        case CHAR_LITERAL -> new Expr.Literal(Type.CHAR, "(char) " + (int) (Character) v);
        default -> throw unsupported(lit, describe(lit.getKind()), remedyFor(lit.getKind()));
      };
    }

    private Expr identifier(IdentifierTree id) {
      String name = id.getName().toString();
      Var v = lookupLocal(name);
      if (v != null) {
        return read(v, id);
      }
      Optional<VariableElement> field = names.field(name);
      if (field.isPresent()) {
        return constant(field.get(), id);
      }
      throw reporter.abort(id, unit, Message.UNKNOWN_NAME, methodName, name);
    }

    private Expr memberSelect(MemberSelectTree select) {
      String member = select.getIdentifier().toString();
      ExpressionTree target = select.getExpression();
      if (isValueExpression(target)) {
        Expr array = expression(target);
        if (array.type().isArray() && member.equals("length")) {
          return new Expr.ArrayLength(array);
        }
        throw unsupported(select, "field access '" + select + "' on a value",
            "only '.length' of arrays and static final constants can be read");
      }
      Optional<TypeElement> owner = names.type(target);
      if (owner.isPresent()) {
        Optional<VariableElement> field = names.field(owner.get(), member);
        if (field.isPresent()) {
          return constant(field.get(), select);
        }
      }
      throw reporter.abort(select, unit, Message.UNKNOWN_NAME, methodName, select.toString());
    }

    /** Whether {@code e} denotes a value (rather than a type or package name). */
    private boolean isValueExpression(ExpressionTree e) {
      if (e instanceof IdentifierTree id) {
        String name = id.getName().toString();
        return lookupLocal(name) != null || names.field(name).isPresent();
      }
      if (e instanceof MemberSelectTree select) {
        if (!isValueExpression(select.getExpression())) {
          Optional<TypeElement> owner = names.type(select.getExpression());
          return owner.isPresent()
              && names.field(owner.get(), select.getIdentifier().toString()).isPresent();
        }
        return true;
      }
      return !(e instanceof ParenthesizedTree p) || isValueExpression(p.getExpression());
    }

    private Expr constant(VariableElement field, Tree where) {
      String display = field.getEnclosingElement().getSimpleName() + "." + field.getSimpleName();
      Set<Modifier> mods = field.getModifiers();
      if (!mods.contains(Modifier.STATIC) || !mods.contains(Modifier.FINAL)) {
        throw reporter.abort(where, unit, Message.FIELD_NOT_CONSTANT, methodName, display);
      }
      Type type = typeOf(field.asType());
      if (type.prim() == Type.Prim.OBJECT) {
        throw reporter.abort(where, unit, Message.FIELD_TYPE, methodName, display, field.asType());
      }
      if (names.accessibleFromPackage(field)) {
        ClassName owner = ClassName.get((TypeElement) field.getEnclosingElement());
        return new Expr.Constant(type, CodeBlock.of("$T.$N", owner, field.getSimpleName()));
      }
      Object value = field.getConstantValue();
      if (value != null) {
        return new Expr.Constant(type, CodeBlock.of("$L", constantCode(type, value)));
      }
      throw reporter.abort(where, unit, Message.FIELD_INACCESSIBLE, methodName, display);
    }

    private String constantCode(Type type, Object value) {
      if (value instanceof Double d) {
        if (d.isNaN()) {
          return "Double.NaN";
        }
        if (d.isInfinite()) {
          return d > 0 ? "Double.POSITIVE_INFINITY" : "Double.NEGATIVE_INFINITY";
        }
        return Double.toString(d);
      }
      if (value instanceof Float f) {
        if (f.isNaN() || f.isInfinite()) {
          return f.isNaN() ? "Float.NaN"
              : f > 0 ? "Float.POSITIVE_INFINITY" : "Float.NEGATIVE_INFINITY";
        }
        return Float.toString(f) + "f";
      }
      if (value instanceof Long l) {
        return l + "L";
      }
      if (value instanceof Character c) {
        return "(char) " + (int) c;
      }
      if (type.prim() == Type.Prim.BYTE || type.prim() == Type.Prim.SHORT) {
        return "(" + type.javaName() + ") " + value;
      }
      return value.toString();
    }

    private Expr arrayAccess(ArrayAccessTree access) {
      Expr array = expression(access.getExpression());
      if (!array.type().isArray()) {
        throw mismatch(access.getExpression(), "'" + access.getExpression()
            + "' is not an array");
      }
      Expr index = expression(access.getIndex());
      if (!index.type().isIntegral() || index.type().prim() == Type.Prim.LONG) {
        throw mismatch(access.getIndex(), "array index must be an int, not " + index.type());
      }
      return new Expr.ArrayRead(array, index, array.type().elementType());
    }

    private Expr call(MethodInvocationTree call) {
      ExpressionTree select = call.getMethodSelect();
      String name;
      Optional<TypeElement> owner;
      String receiver;
      if (select instanceof MemberSelectTree ms) {
        name = ms.getIdentifier().toString();
        if (isValueExpression(ms.getExpression()) || names.type(ms.getExpression()).isEmpty()) {
          // A method of a value: check the receiver itself first (it may be a lambda, a string...).
          expression(ms.getExpression());
          owner = Optional.empty();
        } else {
          owner = names.type(ms.getExpression());
        }
        receiver = owner.map(t -> t.getSimpleName().toString())
            .orElse(ms.getExpression().toString());
      } else {
        name = ((IdentifierTree) select).getName().toString();
        owner = names.methodOwner(name);
        receiver = owner.map(t -> t.getSimpleName().toString()).orElse(null);
      }
      List<Expr> args = new ArrayList<>();
      for (ExpressionTree a : call.getArguments()) {
        args.add(expression(a));
      }
      List<Type> argTypes = args.stream().map(Expr::type).collect(Collectors.toList());
      boolean isMath = owner.isPresent()
          && MATH_CLASSES.contains(owner.get().getQualifiedName().toString());
      Optional<MathFunction> function = isMath ? MathFunction.named(name) : Optional.empty();
      if (function.isEmpty()) {
        String callee = (receiver == null ? "" : receiver + ".") + name + "("
            + argTypes.stream().map(Type::javaName).collect(Collectors.joining(", ")) + ")";
        throw reporter.abort(call, unit, Message.NO_DERIVATIVE, methodName, callee);
      }
      Type result = function.get().resultType(argTypes).orElseThrow(() -> mismatch(call,
          "no overload of " + receiver + "." + name + " takes (" + argTypes.stream()
              .map(Type::javaName).collect(Collectors.joining(", ")) + ")"));
      return new Expr.Call(function.get(), ClassName.get(owner.get()), args, result);
    }

    private Expr unary(UnaryTree u) {
      Expr operand = expression(u.getExpression());
      Type t = operand.type();
      return switch (u.getKind()) {
        case UNARY_MINUS, UNARY_PLUS -> {
          requireNumeric(t, u);
          yield new Expr.Unary(u.getKind() == Tree.Kind.UNARY_MINUS
              ? Expr.UnaryOp.NEGATE : Expr.UnaryOp.PLUS, operand, t.promoted());
        }
        case LOGICAL_COMPLEMENT -> {
          if (!t.isBoolean()) {
            throw mismatch(u, "'!' needs a boolean operand, not " + t);
          }
          yield new Expr.Unary(Expr.UnaryOp.NOT, operand, Type.BOOLEAN);
        }
        default -> {
          if (!t.isIntegral()) {
            throw mismatch(u, "'~' needs an integer operand, not " + t);
          }
          yield new Expr.Unary(Expr.UnaryOp.COMPLEMENT, operand, t.promoted());
        }
      };
    }

    private Expr binary(Expr.BinaryOp op, Expr left, Expr right, Tree where) {
      Type l = left.type();
      Type r = right.type();
      Type result;
      if (op.isArithmetic()) {
        requireNumeric(l, where);
        requireNumeric(r, where);
        result = Type.promote(l, r);
      } else if (op.isShift()) {
        if (!l.isIntegral() || !r.isIntegral()) {
          throw mismatch(where, "'" + op.symbol + "' needs integer operands");
        }
        result = l.promoted();
      } else if (op.isComparison()) {
        boolean numeric = l.isNumeric() && r.isNumeric();
        boolean logical = op.precedence == 9 && l.isBoolean() && r.isBoolean();
        if (!numeric && !logical) {
          throw mismatch(where, "'" + op.symbol + "' cannot compare " + l + " with " + r);
        }
        result = Type.BOOLEAN;
      } else if (op.isBitwise()) {
        if (l.isBoolean() && r.isBoolean()) {
          result = Type.BOOLEAN;
        } else if (l.isIntegral() && r.isIntegral()) {
          result = Type.promote(l, r);
        } else {
          throw mismatch(where, "'" + op.symbol + "' needs integer or boolean operands");
        }
      } else {
        if (!l.isBoolean() || !r.isBoolean()) {
          throw mismatch(where, "'" + op.symbol + "' needs boolean operands");
        }
        result = Type.BOOLEAN;
      }
      return new Expr.Binary(op, left, right, result);
    }

    private Expr conditional(ConditionalExpressionTree c) {
      Expr condition = expression(c.getCondition());
      if (!condition.type().isBoolean()) {
        throw mismatch(c.getCondition(), "the condition of ?: must be a boolean");
      }
      Expr t = expression(c.getTrueExpression());
      Expr f = expression(c.getFalseExpression());
      Type type;
      if (t.type().isNumeric() && f.type().isNumeric()) {
        type = Type.promote(t.type(), f.type());
        if (t.type().equals(f.type())) {
          type = t.type();
        }
      } else if (t.type().isBoolean() && f.type().isBoolean()) {
        type = Type.BOOLEAN;
      } else {
        throw mismatch(c, "both branches of ?: must be numbers or both booleans");
      }
      return new Expr.Conditional(condition, t, f, type);
    }

    private Expr cast(TypeCastTree c) {
      if (!(c.getType() instanceof PrimitiveTypeTree primitive)) {
        throw unsupported(c, "a cast to " + c.getType(), "only casts between primitive types are"
            + " supported");
      }
      Type target = Type.scalar(primitiveKind(primitive.getPrimitiveTypeKind()));
      Expr operand = expression(c.getExpression());
      boolean ok = target.isBoolean() ? operand.type().isBoolean()
          : target.isNumeric() && operand.type().isNumeric();
      if (!ok) {
        throw mismatch(c, "cannot cast " + operand.type() + " to " + target);
      }
      // A cast to the operand's own type changes nothing; dropping it keeps -Xlint:cast quiet.
      return operand.type().equals(target) ? operand : new Expr.Cast(target, operand);
    }

    private void requireNumeric(Type t, Tree where) {
      if (!t.isNumeric()) {
        throw mismatch(where, "arithmetic needs numeric operands, not " + t);
      }
    }

    private Type.Prim primitiveKind(TypeKind kind) {
      return switch (kind) {
        case BOOLEAN -> Type.Prim.BOOLEAN;
        case BYTE -> Type.Prim.BYTE;
        case SHORT -> Type.Prim.SHORT;
        case CHAR -> Type.Prim.CHAR;
        case INT -> Type.Prim.INT;
        case LONG -> Type.Prim.LONG;
        case FLOAT -> Type.Prim.FLOAT;
        case DOUBLE -> Type.Prim.DOUBLE;
        default -> Type.Prim.OBJECT;
      };
    }

    private AbortMethod unsupported(Tree where, String construct, String remedy) {
      return reporter.abort(where, unit, Message.UNSUPPORTED_EXPRESSION, methodName, construct,
          remedy);
    }

    private AbortMethod mismatch(Tree where, String detail) {
      return reporter.abort(where, unit, Message.TYPE_MISMATCH, methodName, detail);
    }

    private long line(Tree tree) {
      return unit.getLineMap().getLineNumber(positions.getStartPosition(unit, tree));
    }

    /** The statement's source text on one line, for the comments of generated code. */
    private String text(Tree tree) {
      long start = positions.getStartPosition(unit, tree);
      long end = positions.getEndPosition(unit, tree);
      String raw = source != null && start >= 0 && end <= source.length() && start < end
          ? source.subSequence((int) start, (int) end).toString()
          : tree.toString();
      String oneLine = raw.replaceAll("\\s+", " ").trim().replace("\\u", "\\\\u");
      return oneLine.length() > 100 ? oneLine.substring(0, 97) + "..." : oneLine;
    }
  }

  private static CharSequence sourceOf(CompilationUnitTree unit) {
    try {
      return unit.getSourceFile().getCharContent(true);
    } catch (IOException | UnsupportedOperationException e) {
      return null;
    }
  }

  private static String describe(Tree.Kind kind) {
    String words = kind.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    return (words.matches("^[aeiou].*") ? "an " : "a ") + words;
  }
}
