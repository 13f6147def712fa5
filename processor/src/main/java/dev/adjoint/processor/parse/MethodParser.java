package dev.adjoint.processor.parse;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.ArrayTypeTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.tree.YieldTree;
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
import dev.adjoint.processor.emit.CompanionNames;
import dev.adjoint.processor.emit.GeneratedMethod;
import dev.adjoint.processor.ir.Callee;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import dev.adjoint.processor.rules.CustomRules;
import dev.adjoint.processor.rules.MathFunction;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Parses the body of a {@code @Differentiable} method into a {@link Function}: typed expression
 * trees over resolved names. Everything outside the supported subset is reported on its exact tree
 * and aborts the method.
 */
public final class MethodParser {
  private static final Set<String> MATH_CLASSES = Set.of("java.lang.Math", "java.lang.StrictMath");

  private final Trees trees;
  private final Elements elements;
  private final Types types;
  private final Reporter reporter;
  private final CustomRules rules;
  private final TypeElement differentiable;

  public MethodParser(Trees trees, Elements elements, Types types, Reporter reporter,
      CustomRules rules, TypeElement differentiable) {
    this.trees = trees;
    this.elements = elements;
    this.types = types;
    this.reporter = reporter;
    this.rules = rules;
    this.differentiable = differentiable;
  }

  /** Calls inlined at most this deep (a chain of helpers calling helpers). */
  private static final int MAX_INLINE_DEPTH = 4;
  /** Callees longer than this many top-level statements are called, not inlined. */
  private static final int MAX_INLINE_STATEMENTS = 40;

  /** The methods being parsed, outermost first: a callee among them is recursive. */
  private final Deque<ExecutableElement> inlining = new ArrayDeque<>();
  private int inlineLabels;

  /** Parses {@code method}, whose parameters named in {@code wrt} are differentiated. */
  public Function parse(ExecutableElement method, Set<String> wrt) {
    inlining.push(method);
    try {
      return new Session(method, wrt, reporter).run();
    } finally {
      inlining.pop();
    }
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
    /** The class of an instance method (whose fields and methods are reached through self). */
    private final TypeElement self;
    private final Map<String, Var> parameters = new LinkedHashMap<>();
    private final Deque<Map<String, Var>> scopes = new ArrayDeque<>();
    private final Set<Var> assigned = new HashSet<>();
    private final Map<Var, TypeMirror> declaredTypes = new HashMap<>();
    private final Deque<List<Function.Statement>> out = new ArrayDeque<>();
    private final Deque<Yield> yields = new ArrayDeque<>();
    private JumpTargets targets = new JumpTargets();
    private boolean topLevel = true;
    private final Reporter reporter;
    /**
     * Above zero while parsing code that may run other than once per statement (the sides of ?:,
     * the right side of && and ||, loop conditions): calls there are not inlined, as the inlined
     * body would run before the statement, exactly once.
     */
    private int conditional;
    /** Inlining: the variable the callee's return statements assign, and the block they leave. */
    private Var inlineResult;
    private String inlineLabel;
    /** Inlining: the caller's arrays bound to the callee's array parameters (read-only). */
    private final Set<Var> readOnly = new HashSet<>();
    private String textPrefix = "";

    Session(ExecutableElement method, Set<String> wrt, Reporter reporter) {
      this.method = method;
      this.wrt = wrt;
      this.reporter = reporter;
      this.unit = trees.getPath(method).getCompilationUnit();
      this.names = new NameResolver(elements, unit, (TypeElement) method.getEnclosingElement());
      this.positions = trees.getSourcePositions();
      this.source = sourceOf(unit);
      this.methodName = method.getSimpleName().toString();
      this.self = method.getModifiers().contains(Modifier.STATIC)
          ? null : (TypeElement) method.getEnclosingElement();
    }

    Function run() {
      for (VariableElement p : method.getParameters()) {
        String name = p.getSimpleName().toString();
        Var v = new Var(name, typeOf(p.asType()), Var.Kind.PARAMETER);
        if (wrt.contains(name)) {
          v.markVaried();
        }
        parameters.put(name, v);
        declaredTypes.put(v, p.asType());
        assigned.add(v);
      }
      MethodTree tree = trees.getTree(method);
      if (tree == null || tree.getBody() == null) {
        throw reporter.abort(method, Message.NO_BODY, methodName);
      }
      List<? extends StatementTree> top = tree.getBody().getStatements();
      List<Function.Statement> body = block(top, true);
      if (!containsReturn(body)) {
        Tree where = top.isEmpty() ? tree : top.get(top.size() - 1);
        throw reporter.abort(where, unit, Message.MISSING_RETURN, methodName);
      }
      return new Function(methodName, List.copyOf(parameters.values()), body);
    }

    private boolean containsReturn(List<Function.Statement> body) {
      for (Function.Statement s : body) {
        if (s instanceof Function.Return
            || s instanceof Function.If i && (containsReturn(i.whenTrue())
                || containsReturn(i.whenFalse()))
            || s instanceof Function.Loop l && containsReturn(l.body())
            || s instanceof Function.Block b && containsReturn(b.body())) {
          return true;
        }
      }
      return false;
    }

    /** Parses statements in a new scope; {@code topLevel} for the method body itself. */
    private List<Function.Statement> block(List<? extends StatementTree> trees, boolean topLevel) {
      scopes.push(new LinkedHashMap<>());
      out.push(new ArrayList<>());
      boolean saved = this.topLevel;
      this.topLevel = topLevel;
      for (StatementTree s : trees) {
        statement(s, null);
      }
      this.topLevel = saved;
      scopes.pop();
      return out.pop();
    }

    private List<Function.Statement> nested(StatementTree s) {
      if (s instanceof BlockTree b) {
        return block(b.getStatements(), false);
      }
      return block(List.of(s), false);
    }

    private void emit(Function.Statement s) {
      out.peek().add(s);
    }

    private void statement(StatementTree s, String label) {
      switch (s.getKind()) {
        case VARIABLE -> declaration((VariableTree) s);
        case EXPRESSION_STATEMENT -> expressionStatement((ExpressionStatementTree) s);
        case BLOCK -> {
          if (label == null) {
            // A plain block only opens a scope.
            scopes.push(new LinkedHashMap<>());
            for (StatementTree inner : ((BlockTree) s).getStatements()) {
              statement(inner, null);
            }
            scopes.pop();
          } else {
            String target = targets.open(label, false, false);
            List<Function.Statement> body = nested(s);
            targets.close();
            emit(new Function.Block(target, body, line(s), text(s)));
          }
        }
        case EMPTY_STATEMENT -> {}
        case RETURN -> returnStatement((ReturnTree) s);
        case IF -> {
          IfTree i = (IfTree) s;
          Expr condition = condition(i.getCondition());
          List<Function.Statement> whenTrue = nested(i.getThenStatement());
          List<Function.Statement> whenFalse =
              i.getElseStatement() == null ? List.of() : nested(i.getElseStatement());
          emit(new Function.If(condition, whenTrue, whenFalse, line(s), header(s)));
        }
        case WHILE_LOOP -> {
          WhileLoopTree w = (WhileLoopTree) s;
          conditional++;
          Expr condition = condition(w.getCondition());
          conditional--;
          String target = targets.open(label, true, true);
          List<Function.Statement> body = nested(w.getStatement());
          targets.close();
          emit(new Function.Loop(target, true, condition, body, List.of(), null, line(s),
              header(s)));
        }
        case DO_WHILE_LOOP -> {
          DoWhileLoopTree d = (DoWhileLoopTree) s;
          String target = targets.open(label, true, true);
          List<Function.Statement> body = nested(d.getStatement());
          targets.close();
          conditional++;
          Expr condition = condition(d.getCondition());
          conditional--;
          emit(new Function.Loop(target, false, condition, body, List.of(), null, line(s),
              "do ... while (" + d.getCondition() + ")"));
        }
        case FOR_LOOP -> forLoop((ForLoopTree) s, label);
        case ENHANCED_FOR_LOOP -> enhancedFor((EnhancedForLoopTree) s, label);
        case LABELED_STATEMENT -> {
          LabeledStatementTree l = (LabeledStatementTree) s;
          statement(l.getStatement(), l.getLabel().toString());
        }
        case BREAK -> {
          BreakTree b = (BreakTree) s;
          String target = targets.breakTarget(b.getLabel() == null ? null : b.getLabel().toString());
          if (target == null) {
            throw unsupportedStatement(s);
          }
          emit(new Function.Break(target, line(s), text(s)));
        }
        case CONTINUE -> {
          ContinueTree c = (ContinueTree) s;
          String target =
              targets.continueTarget(c.getLabel() == null ? null : c.getLabel().toString());
          if (target == null) {
            throw unsupportedStatement(s);
          }
          emit(new Function.Continue(target, line(s), text(s)));
        }
        case YIELD -> {
          YieldTree y = (YieldTree) s;
          if (yields.isEmpty()) {
            throw unsupportedStatement(s);
          }
          Yield target = yields.peek();
          assign(target.result(), expression(y.getValue()), y.getValue(), s);
          emit(new Function.Break(target.label(), line(s), text(s)));
        }
        case SWITCH -> {
          SwitchTree sw = (SwitchTree) s;
          switchStatement(sw.getExpression(), sw.getCases(), label, null, s);
        }
        default -> throw unsupportedStatement(s);
      }
    }

    private AbortMethod unsupportedStatement(StatementTree s) {
      String[] what =
          switch (s.getKind()) {
            case TRY -> new String[] {
              "a try statement", "move exception handling out of the @Differentiable method"
            };
            case SYNCHRONIZED -> new String[] {
              "a synchronized statement", "synchronize in the caller instead"
            };
            case THROW -> new String[] {
              "a throw statement", "validate arguments in the caller instead"
            };
            case YIELD -> new String[] {"a yield outside a switch expression", "use it in one"};
            case BREAK, CONTINUE -> new String[] {
              "a " + s.getKind().name().toLowerCase(Locale.ROOT) + " without a target loop",
              "use it inside a loop (break also inside a switch)"
            };
            default -> new String[] {
              describe(s.getKind()),
              "see the supported statements in the README (declarations, assignments, if, switch,"
                  + " loops, break, continue, return)"
            };
          };
      return reporter.abort(s, unit, Message.UNSUPPORTED_STATEMENT, methodName, what[0], what[1]);
    }

    private Expr condition(ExpressionTree tree) {
      Expr c = expression(tree);
      if (!c.type().isBoolean()) {
        throw mismatch(tree, "a condition must be a boolean, not " + c.type());
      }
      return c;
    }

    private void returnStatement(ReturnTree ret) {
      ExpressionTree e = ret.getExpression();
      if (inlineResult != null) {
        if (e == null || e.getKind() == Tree.Kind.SWITCH_EXPRESSION) {
          throw unsupported(ret, "a switch expression returned by an inlined callee", "");
        }
        assign(inlineResult, expression(e), e, ret);
        emit(new Function.Break(inlineLabel, line(ret), text(ret)));
        return;
      }
      if (e != null && e.getKind() == Tree.Kind.SWITCH_EXPRESSION) {
        Var result = new Var("result", Type.DOUBLE, Var.Kind.LOCAL);
        scopes.peek().put("$switch" + result.hashCode(), result);
        switchExpression((SwitchExpressionTree) e, result, ret);
        emit(new Function.Return(new Expr.Ref(result), line(ret), text(ret)));
        return;
      }
      Expr value = expression(e);
      if (!value.type().isNumeric()) {
        throw mismatch(e, "returns " + value.type() + " where double is needed");
      }
      emit(new Function.Return(value, line(ret), text(ret)));
    }

    // ------------------------------------------------------------------------------- loops

    private void forLoop(ForLoopTree f, String label) {
      scopes.push(new LinkedHashMap<>());
      Function.Counted counted = countedLoop(f);
      if (counted == null) {
        for (StatementTree init : f.getInitializer()) {
          statement(init, null);
        }
      } else {
        // The loop header initialises the index; if jump removal drops the counted shape, it
        // turns the header back into an assignment before the loop.
        VariableTree index = (VariableTree) f.getInitializer().get(0);
        Var v = new Var(index.getName().toString(), Type.INT, Var.Kind.LOCAL);
        Expr from = expression(index.getInitializer());
        scopes.peek().put(v.sourceName(), v);
        assigned.add(v);
        counted = new Function.Counted(v, from,
            expression(((BinaryTree) f.getCondition()).getRightOperand()), counted.inclusive(),
            counted.up());
      }
      conditional++;
      Expr condition = f.getCondition() == null
          ? new Expr.Literal(Type.BOOLEAN, "true")
          : condition(f.getCondition());
      conditional--;
      String target = targets.open(label, true, true);
      List<Function.Statement> body = nested(f.getStatement());
      targets.close();
      out.push(new ArrayList<>());
      for (ExpressionStatementTree u : f.getUpdate()) {
        expressionStatement(u);
      }
      List<Function.Statement> update = out.pop();
      emit(new Function.Loop(target, true, condition, body, update, counted, line(f), header(f)));
      scopes.pop();
    }

    /**
     * Recognises {@code for (int i = a; i < b; i++)} (and {@code <=}, and downward loops) whose
     * body assigns neither {@code i} nor any variable of the bounds, nor an array element when
     * the bounds read one. Only the shape is checked
     * here; the caller parses the bounds.
     */
    private Function.Counted countedLoop(ForLoopTree f) {
      if (f.getInitializer().size() != 1 || f.getUpdate().size() != 1
          || !(f.getInitializer().get(0) instanceof VariableTree index)
          || !(index.getType() instanceof PrimitiveTypeTree p)
          || p.getPrimitiveTypeKind() != TypeKind.INT || index.getInitializer() == null
          || !(f.getCondition() instanceof BinaryTree cond)
          || !(cond.getLeftOperand() instanceof IdentifierTree left)
          || !left.getName().contentEquals(index.getName())) {
        return null;
      }
      String name = index.getName().toString();
      Boolean up = stepDirection(f.getUpdate().get(0).getExpression(), name);
      if (up == null) {
        return null;
      }
      boolean inclusive;
      switch (cond.getKind()) {
        case LESS_THAN -> inclusive = false;
        case LESS_THAN_EQUAL -> inclusive = true;
        case GREATER_THAN -> inclusive = false;
        case GREATER_THAN_EQUAL -> inclusive = true;
        default -> {
          return null;
        }
      }
      boolean upward = cond.getKind() == Tree.Kind.LESS_THAN
          || cond.getKind() == Tree.Kind.LESS_THAN_EQUAL;
      if (upward != up) {
        return null;
      }
      Set<String> bounds = new HashSet<>();
      bounds.add(name);
      collectNames(cond.getRightOperand(), bounds);
      collectNames(index.getInitializer(), bounds);
      if (Assignments.assignsAny(f.getStatement(), bounds)) {
        return null;
      }
      // A bound that reads an array element changes when the body writes into that array (or
      // into an alias of it): any element write keeps the loop uncounted.
      if ((Assignments.readsElements(cond.getRightOperand())
              || Assignments.readsElements(index.getInitializer()))
          && Assignments.writesElements(f.getStatement())) {
        return null;
      }
      return new Function.Counted(null, null, null, inclusive, up);
    }

    private Boolean stepDirection(ExpressionTree update, String index) {
      if (update instanceof UnaryTree u && u.getExpression() instanceof IdentifierTree id
          && id.getName().contentEquals(index)) {
        return switch (u.getKind()) {
          case PREFIX_INCREMENT, POSTFIX_INCREMENT -> true;
          case PREFIX_DECREMENT, POSTFIX_DECREMENT -> false;
          default -> null;
        };
      }
      if (update instanceof CompoundAssignmentTree c && c.getVariable() instanceof IdentifierTree id
          && id.getName().contentEquals(index) && c.getExpression() instanceof LiteralTree lit
          && Integer.valueOf(1).equals(lit.getValue())) {
        return c.getKind() == Tree.Kind.PLUS_ASSIGNMENT ? Boolean.TRUE
            : c.getKind() == Tree.Kind.MINUS_ASSIGNMENT ? Boolean.FALSE : null;
      }
      return null;
    }

    private void collectNames(ExpressionTree e, Set<String> into) {
      new com.sun.source.util.TreeScanner<Void, Void>() {
        @Override
        public Void visitIdentifier(IdentifierTree node, Void p) {
          into.add(node.getName().toString());
          return null;
        }
      }.scan(e, null);
    }

    /** {@code for (double v : a)}: a counted loop over a hidden index. */
    private void enhancedFor(EnhancedForLoopTree f, String label) {
      Expr array = expression(f.getExpression());
      if (!array.type().isArray() || !(array instanceof Expr.Ref || array instanceof Expr.Constant)) {
        throw unsupported(f.getExpression(), "an enhanced for loop over " + f.getExpression(),
            "loop over an array parameter or local array");
      }
      scopes.push(new LinkedHashMap<>());
      Var index = new Var("i", Type.INT, Var.Kind.LOCAL);
      assigned.add(index);
      emit(new Function.Assign(index, new Expr.Literal(Type.INT, "0"), line(f), header(f)));
      Type elementType = array.type().elementType();
      VariableTree variable = f.getVariable();
      Type declared = variable.getType() == null || isVarKeyword(variable.getType())
          ? elementType
          : variable.getType() instanceof PrimitiveTypeTree p
              ? Type.scalar(primitiveKind(p.getPrimitiveTypeKind()))
              : null;
      if (declared == null || !declared.isScalar()) {
        throw unsupported(variable, "a loop variable of type " + variable.getType(),
            "loop over double[] or int[] with a primitive loop variable");
      }
      Var element = new Var(variable.getName().toString(), declared, Var.Kind.LOCAL);
      String target = targets.open(label, true, true);
      out.push(new ArrayList<>());
      scopes.push(new LinkedHashMap<>());
      scopes.peek().put(element.sourceName(), element);
      assign(element, new Expr.ArrayRead(array, new Expr.Ref(index), elementType), variable,
          variable);
      if (f.getStatement() instanceof BlockTree b) {
        for (StatementTree s : b.getStatements()) {
          statement(s, null);
        }
      } else {
        statement(f.getStatement(), null);
      }
      scopes.pop();
      List<Function.Statement> body = out.pop();
      targets.close();
      Expr length = new Expr.ArrayLength(array);
      Function.Counted counted =
          new Function.Counted(index, new Expr.Literal(Type.INT, "0"), length, false, true);
      Expr condition = new Expr.Binary(Expr.BinaryOp.LESS_THAN, new Expr.Ref(index), length,
          Type.BOOLEAN);
      List<Function.Statement> update = List.of(new Function.Assign(index,
          new Expr.Binary(Expr.BinaryOp.PLUS, new Expr.Ref(index), new Expr.Literal(Type.INT, "1"),
              Type.INT), line(f), header(f)));
      emit(new Function.Loop(target, true, condition, body, update, counted, line(f),
          header(f)));
      scopes.pop();
    }

    // ------------------------------------------------------------------------------ switch

    private void switchStatement(ExpressionTree selectorTree, List<? extends CaseTree> cases,
        String label, Yield yield, Tree whole) {
      Expr selector = expression(selectorTree);
      SelectorKind kind = selectorKind(selector,
          selectorTree instanceof ParenthesizedTree p ? p.getExpression() : selectorTree);
      Var selected = new Var("selector", selector.type(), Var.Kind.LOCAL);
      assigned.add(selected);
      if (selector instanceof Expr.Ref r && declaredTypes.containsKey(r.var())) {
        declaredTypes.put(selected, declaredTypes.get(r.var()));
      }
      String target = yield != null ? yield.label() : targets.open(label, false, true);
      out.push(new ArrayList<>());
      scopes.push(new LinkedHashMap<>());
      emit(new Function.Assign(selected, selector, line(whole), "switch " + selectorTree));
      boolean arrows = !cases.isEmpty() && cases.get(0).getCaseKind() == CaseTree.CaseKind.RULE;
      List<Expr> allLabels = new ArrayList<>();
      List<List<Expr>> labels = new ArrayList<>();
      for (CaseTree c : cases) {
        List<Expr> matches = new ArrayList<>();
        for (ExpressionTree e : c.getExpressions()) {
          matches.add(caseMatch(selected, kind, e));
        }
        labels.add(matches);
        allLabels.addAll(matches);
      }
      if (arrows) {
        // No fall-through: an if/else chain with the default last.
        List<Function.Statement> chain = List.of();
        int defaultCase = -1;
        for (int k = 0; k < cases.size(); k++) {
          if (cases.get(k).getExpressions().isEmpty()) {
            defaultCase = k;
          }
        }
        if (defaultCase >= 0) {
          chain = caseBody(cases.get(defaultCase), yield);
        }
        for (int k = cases.size() - 1; k >= 0; k--) {
          if (k == defaultCase) {
            continue;
          }
          CaseTree c = cases.get(k);
          chain = List.of(new Function.If(anyOf(labels.get(k)), caseBody(c, yield), chain,
              line(c), "case " + c.getExpressions()));
        }
        chain.forEach(this::emit);
      } else {
        // Fall-through: once a case matched, every later case body runs until a break.
        Var matched = new Var("matched", Type.BOOLEAN, Var.Kind.LOCAL);
        assigned.add(matched);
        emit(new Function.Assign(matched, new Expr.Literal(Type.BOOLEAN, "false"), line(whole),
            "switch"));
        for (int k = 0; k < cases.size(); k++) {
          CaseTree c = cases.get(k);
          Expr entry = c.getExpressions().isEmpty()
              ? new Expr.Unary(Expr.UnaryOp.NOT, anyOf(allLabels), Type.BOOLEAN)
              : anyOf(labels.get(k));
          Expr enter = new Expr.Binary(Expr.BinaryOp.CONDITIONAL_OR, new Expr.Ref(matched),
              entry, Type.BOOLEAN);
          List<Function.Statement> body = new ArrayList<>();
          body.add(new Function.Assign(matched, new Expr.Literal(Type.BOOLEAN, "true"), line(c),
              "case"));
          body.addAll(caseBody(c, yield));
          emit(new Function.If(enter, body, List.of(), line(c),
              c.getExpressions().isEmpty() ? "default:" : "case " + c.getExpressions() + ":"));
        }
      }
      scopes.pop();
      List<Function.Statement> body = out.pop();
      if (yield == null) {
        targets.close();
      }
      emit(new Function.Block(target, body, line(whole), "switch " + selectorTree));
    }

    private List<Function.Statement> caseBody(CaseTree c, Yield yield) {
      out.push(new ArrayList<>());
      scopes.push(new LinkedHashMap<>());
      if (c.getCaseKind() == CaseTree.CaseKind.RULE) {
        Tree body = c.getBody();
        if (body instanceof ExpressionTree e) {
          if (yield == null) {
            throw unsupported(e, "an expression as a switch rule body", "use a statement");
          }
          assign(yield.result(), expression(e), e, e);
        } else if (body instanceof BlockTree b) {
          for (StatementTree s : b.getStatements()) {
            statement(s, null);
          }
        } else {
          statement((StatementTree) body, null);
        }
      } else {
        for (StatementTree s : c.getStatements()) {
          statement(s, null);
        }
      }
      scopes.pop();
      return out.pop();
    }

    private Expr anyOf(List<Expr> matches) {
      Expr any = new Expr.Literal(Type.BOOLEAN, "false");
      for (int i = 0; i < matches.size(); i++) {
        any = i == 0 ? matches.get(0)
            : new Expr.Binary(Expr.BinaryOp.CONDITIONAL_OR, any, matches.get(i), Type.BOOLEAN);
      }
      return any;
    }

    private enum SelectorKind { INTEGRAL, STRING, ENUM }

    private SelectorKind selectorKind(Expr selector, Tree where) {
      if (selector.type().isIntegral() && selector.type().prim() != Type.Prim.LONG) {
        return SelectorKind.INTEGRAL;
      }
      TypeMirror declared = selector instanceof Expr.Ref r ? declaredTypes.get(r.var()) : null;
      if (declared != null && declared.getKind() == TypeKind.DECLARED) {
        declared = ((DeclaredType) declared).asElement().asType();
      }
      if (declared != null && declared.toString().equals("java.lang.String")) {
        return SelectorKind.STRING;
      }
      if (declared != null && declared.getKind() == TypeKind.DECLARED
          && ((DeclaredType) declared).asElement().getKind() == ElementKind.ENUM) {
        return SelectorKind.ENUM;
      }
      throw unsupported(where, "a switch on " + (declared != null ? declared : selector.type()),
          "switch on an int, char, String or enum parameter or variable");
    }

    private Expr caseMatch(Var selected, SelectorKind kind, ExpressionTree label) {
      Expr selector = new Expr.Ref(selected);
      switch (kind) {
        case STRING -> {
          if (!(label instanceof LiteralTree lit) || !(lit.getValue() instanceof String s)) {
            throw unsupported(label, "a case label " + label, "use string literals");
          }
          return new Expr.Equals(new Expr.Constant(Type.OBJECT, CodeBlock.of("$S", s)), selector);
        }
        case ENUM -> {
          TypeMirror declared = declaredTypes.get(selected);
          ClassName enumType = ClassName.get((TypeElement) ((DeclaredType) declared).asElement());
          String constant = label instanceof MemberSelectTree m
              ? m.getIdentifier().toString() : label.toString();
          return new Expr.Binary(Expr.BinaryOp.EQUAL_TO, selector,
              new Expr.Constant(Type.OBJECT, CodeBlock.of("$T.$N", enumType, constant)),
              Type.BOOLEAN);
        }
        default -> {
          Expr value = expression(label);
          if (!value.type().isIntegral()) {
            throw mismatch(label, "a case label must be an integer constant");
          }
          return new Expr.Binary(Expr.BinaryOp.EQUAL_TO, selector, value, Type.BOOLEAN);
        }
      }
    }

    /** {@code T target = switch (...) { ... };}: the arms assign {@code target}. */
    private void switchExpression(SwitchExpressionTree sw, Var target, Tree statement) {
      String label = targets.open(null, false, false);
      Yield yield = new Yield(target, label);
      yields.push(yield);
      switchStatement(sw.getExpression(), sw.getCases(), null, yield, statement);
      yields.pop();
      targets.close();
      assigned.add(target);
    }

    private record Yield(Var result, String label) {}

    // --------------------------------------------------------------------- declarations

    private void declaration(VariableTree v) {
      String name = v.getName().toString();
      Tree typeTree = v.getType();
      ExpressionTree init = v.getInitializer();
      if (typeTree != null && typeTree.getKind() == Tree.Kind.ARRAY_TYPE) {
        localArray(v);
        return;
      }
      if (init != null && init.getKind() == Tree.Kind.SWITCH_EXPRESSION) {
        Type declared = typeTree instanceof PrimitiveTypeTree p
            ? Type.scalar(primitiveKind(p.getPrimitiveTypeKind())) : Type.DOUBLE;
        Var local = new Var(name, declared, Var.Kind.LOCAL);
        scopes.peek().put(name, local);
        switchExpression((SwitchExpressionTree) init, local, v);
        return;
      }
      Type declared;
      Expr value = init == null ? null : expression(init);
      if (typeTree == null || isVarKeyword(typeTree)) {
        if (value == null) {
          throw mismatch(v, "'var' needs an initializer");
        }
        if (value.type().isArray()) {
          throw unsupported(v, "a 'var' array alias", "declare local arrays with new or clone()");
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

    /** {@code double[] v = new double[n]}, {@code = {a, b}}, {@code = a.clone()}. */
    private void localArray(VariableTree v) {
      Type declared = arrayType(v.getType());
      if (declared == null || (declared.prim() != Type.Prim.DOUBLE
          && declared.prim() != Type.Prim.INT) || declared.dims() > 2) {
        throw reporter.abort(v, unit, Message.UNSUPPORTED_STATEMENT, methodName,
            "a local array of type " + v.getType(),
            "local arrays may be double[], double[][], int[] or int[][]");
      }
      if (!topLevel) {
        throw reporter.abort(v, unit, Message.UNSUPPORTED_STATEMENT, methodName,
            "a local array declared inside a branch or loop",
            "declare it at the top level of the method body and reuse it");
      }
      ExpressionTree init = v.getInitializer();
      Var array = new Var(v.getName().toString(), declared, Var.Kind.LOCAL);
      if (init == null) {
        throw mismatch(v, "a local array needs an initializer (new, {...} or clone())");
      }
      if (init instanceof NewArrayTree na) {
        List<Expr> dims = new ArrayList<>();
        for (ExpressionTree d : na.getDimensions()) {
          Expr dim = expression(d);
          if (!dim.type().isIntegral() || dim.type().prim() == Type.Prim.LONG) {
            throw mismatch(d, "an array dimension must be an int");
          }
          dims.add(dim);
        }
        List<? extends ExpressionTree> elements = na.getInitializers();
        if (elements != null) {
          if (declared.dims() != 1) {
            throw unsupported(init, "a nested array initializer", "use new double[n][m]");
          }
          dims = List.of(new Expr.Literal(Type.INT, Integer.toString(elements.size())));
        } else if (dims.size() != declared.dims()) {
          throw unsupported(init, "a partly sized array", "give every dimension a size");
        }
        declareArray(array);
        emit(new Function.NewArray(array, dims, null, line(v), text(v)));
        if (elements != null) {
          for (int k = 0; k < elements.size(); k++) {
            Expr value = expression(elements.get(k));
            checkAssignable(value, declared.elementType(), elements.get(k), array.sourceName());
            emit(new Function.Store(array,
                List.of(new Expr.Literal(Type.INT, Integer.toString(k))), value, line(v),
                text(v)));
          }
        }
        return;
      }
      if (init instanceof MethodInvocationTree call && call.getArguments().isEmpty()
          && call.getMethodSelect() instanceof MemberSelectTree ms
          && ms.getIdentifier().contentEquals("clone")) {
        Expr source = expression(ms.getExpression());
        if (!source.type().equals(declared) || declared.dims() != 1
            || !(source instanceof Expr.Ref || source instanceof Expr.Constant)) {
          throw unsupported(init, "clone() of " + ms.getExpression(),
              "clone a one-dimensional array parameter or local array of the same type");
        }
        declareArray(array);
        emit(new Function.NewArray(array, List.of(), source, line(v), text(v)));
        return;
      }
      throw unsupported(init, "a local array initialised from " + init,
          "create it with new, an initializer {...} or clone(); aliases are not supported");
    }

    private void declareArray(Var array) {
      scopes.peek().put(array.sourceName(), array);
      assigned.add(array);
    }

    private Type arrayType(Tree t) {
      int dims = 0;
      while (t instanceof ArrayTypeTree a) {
        dims++;
        t = a.getType();
      }
      return t instanceof PrimitiveTypeTree p
          ? new Type(primitiveKind(p.getPrimitiveTypeKind()), dims) : null;
    }

    private boolean isVarKeyword(Tree typeTree) {
      return typeTree instanceof IdentifierTree id && id.getName().contentEquals("var");
    }

    private void expressionStatement(ExpressionStatementTree s) {
      ExpressionTree e = s.getExpression();
      switch (e.getKind()) {
        case ASSIGNMENT -> {
          AssignmentTree a = (AssignmentTree) e;
          if (a.getExpression().getKind() == Tree.Kind.SWITCH_EXPRESSION
              && a.getVariable() instanceof IdentifierTree) {
            Var target = assignmentTarget(a.getVariable());
            switchExpression((SwitchExpressionTree) a.getExpression(), target, s);
            return;
          }
          if (a.getVariable() instanceof ArrayAccessTree access) {
            ElementRef ref = element(access);
            Expr value = expression(a.getExpression());
            checkAssignable(value, Type.scalar(ref.array().type().prim()), a.getExpression(),
                ref.array().sourceName());
            emit(new Function.Store(ref.array(), ref.indices(), value, line(s), text(s)));
            return;
          }
          Var target = assignmentTarget(a.getVariable());
          assign(target, expression(a.getExpression()), a.getExpression(), s);
        }
        case PLUS_ASSIGNMENT, MINUS_ASSIGNMENT, MULTIPLY_ASSIGNMENT, DIVIDE_ASSIGNMENT,
            REMAINDER_ASSIGNMENT, LEFT_SHIFT_ASSIGNMENT, RIGHT_SHIFT_ASSIGNMENT,
            UNSIGNED_RIGHT_SHIFT_ASSIGNMENT, AND_ASSIGNMENT, OR_ASSIGNMENT, XOR_ASSIGNMENT -> {
          CompoundAssignmentTree a = (CompoundAssignmentTree) e;
          String opName = e.getKind().name().replace("_ASSIGNMENT", "");
          Expr.BinaryOp op = Expr.BinaryOp.valueOf(opName);
          if (a.getVariable() instanceof ArrayAccessTree access) {
            ElementRef ref = element(access);
            Type elementType = Type.scalar(ref.array().type().prim());
            Expr old = elementRead(ref);
            Expr combined = binary(op, old, expression(a.getExpression()), a);
            emit(new Function.Store(ref.array(), ref.indices(), narrowTo(elementType, combined),
                line(s), text(s)));
            return;
          }
          Var target = assignmentTarget(a.getVariable());
          Expr combined = binary(op, read(target, a.getVariable()), expression(a.getExpression()),
              a);
          assign(target, narrowTo(target.type(), combined), a, s);
        }
        case PREFIX_INCREMENT, POSTFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_DECREMENT -> {
          UnaryTree u = (UnaryTree) e;
          boolean up = e.getKind() == Tree.Kind.PREFIX_INCREMENT
              || e.getKind() == Tree.Kind.POSTFIX_INCREMENT;
          Expr.BinaryOp op = up ? Expr.BinaryOp.PLUS : Expr.BinaryOp.MINUS;
          Expr one = new Expr.Literal(Type.INT, "1");
          if (u.getExpression() instanceof ArrayAccessTree access) {
            ElementRef ref = element(access);
            Expr combined = binary(op, elementRead(ref), one, u);
            emit(new Function.Store(ref.array(), ref.indices(),
                narrowTo(Type.scalar(ref.array().type().prim()), combined), line(s), text(s)));
            return;
          }
          Var target = assignmentTarget(u.getExpression());
          Expr combined = binary(op, read(target, u.getExpression()), one, u);
          assign(target, narrowTo(target.type(), combined), u, s);
        }
        case METHOD_INVOCATION -> arrayLibraryCall((MethodInvocationTree) e, s);
        default -> throw reporter.abort(e, unit, Message.UNSUPPORTED_STATEMENT, methodName,
            "an expression statement (" + describe(e.getKind()) + ")",
            "statements must be declarations, assignments or calls of System.arraycopy and"
                + " Arrays.fill");
      }
    }

    /** An element of a local array, as the target of a write. */
    private record ElementRef(Var array, List<Expr> indices) {}

    private ElementRef element(ArrayAccessTree access) {
      List<Expr> indices = new ArrayList<>();
      ExpressionTree base = access;
      while (base instanceof ArrayAccessTree a) {
        indices.add(0, index(a.getIndex()));
        base = a.getExpression();
      }
      Var array = base instanceof IdentifierTree id ? lookupLocal(id.getName().toString()) : null;
      if (array == null || array.kind() == Var.Kind.PARAMETER || readOnly.contains(array)) {
        throw reporter.abort(access, unit, Message.WRITE_TO_ARRAY, methodName, base.toString());
      }
      if (indices.size() != array.type().dims()) {
        throw unsupported(access, "a write of a whole row", "write elements one by one");
      }
      return new ElementRef(array, indices);
    }

    private Expr elementRead(ElementRef ref) {
      Expr read = new Expr.Ref(ref.array());
      for (Expr index : ref.indices()) {
        read = new Expr.ArrayRead(read, index, read.type().elementType());
      }
      return read;
    }

    private Expr index(ExpressionTree tree) {
      Expr index = expression(tree);
      if (!index.type().isIntegral() || index.type().prim() == Type.Prim.LONG) {
        throw mismatch(tree, "array index must be an int, not " + index.type());
      }
      return index;
    }

    private void checkAssignable(Expr value, Type to, Tree where, String name) {
      if (!assignable(value.type(), to) && !fitsConstant(value, to)) {
        throw mismatch(where, "cannot store a " + value.type() + " value in '" + name
            + "', whose elements are " + to);
      }
    }

    /** {@code System.arraycopy} and {@code Arrays.fill} into local arrays. */
    private void arrayLibraryCall(MethodInvocationTree call, StatementTree s) {
      String callee = call.getMethodSelect().toString();
      Optional<TypeElement> owner = call.getMethodSelect() instanceof MemberSelectTree ms
          ? names.type(ms.getExpression()) : Optional.empty();
      String ownerName = owner.map(t -> t.getQualifiedName().toString()).orElse("");
      List<? extends ExpressionTree> args = call.getArguments();
      if (ownerName.equals("java.lang.System") && callee.endsWith("arraycopy")
          && args.size() == 5) {
        Expr source = expression(args.get(0));
        Var target = localArrayArgument(args.get(2));
        if (!source.type().equals(target.type()) || target.type().dims() != 1) {
          throw mismatch(call, "System.arraycopy needs two one-dimensional arrays of one type");
        }
        emit(new Function.CopyRange(source, index(args.get(1)), target, index(args.get(3)),
            index(args.get(4)), line(s), text(s)));
        return;
      }
      if (ownerName.equals("java.util.Arrays") && callee.endsWith("fill")
          && (args.size() == 2 || args.size() == 4)) {
        Var target = localArrayArgument(args.get(0));
        if (target.type().dims() != 1) {
          throw mismatch(call, "Arrays.fill needs a one-dimensional array");
        }
        Expr from = args.size() == 4 ? index(args.get(1)) : null;
        Expr to = args.size() == 4 ? index(args.get(2)) : null;
        ExpressionTree valueTree = args.get(args.size() - 1);
        Expr value = expression(valueTree);
        checkAssignable(value, target.type().elementType(), valueTree, target.sourceName());
        emit(new Function.Fill(target, from, to, value, line(s), text(s)));
        return;
      }
      // Anything else: report it like any call in an expression.
      expression(call);
      throw reporter.abort(call, unit, Message.UNSUPPORTED_STATEMENT, methodName,
          "a call as a statement", "only System.arraycopy and Arrays.fill can be statements");
    }

    private Var localArrayArgument(ExpressionTree tree) {
      Var array = tree instanceof IdentifierTree id ? lookupLocal(id.getName().toString()) : null;
      if (array == null || array.kind() == Var.Kind.PARAMETER || !array.type().isArray()) {
        throw reporter.abort(tree, unit, Message.WRITE_TO_ARRAY, methodName, tree.toString());
      }
      return array;
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
      emit(new Function.Assign(target, value, line(statement), text(statement)));
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
            Expr left = expression(b.getLeftOperand());
            boolean shortCircuit = op == Expr.BinaryOp.CONDITIONAL_AND
                || op == Expr.BinaryOp.CONDITIONAL_OR;
            conditional += shortCircuit ? 1 : 0;
            Expr right = expression(b.getRightOperand());
            conditional -= shortCircuit ? 1 : 0;
            return binary(op, left, right, b);
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
        case SWITCH_EXPRESSION -> "use a switch expression only as the whole right-hand side of a"
            + " declaration, assignment or return";
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
      if (self != null && isThis(target)) {
        Optional<VariableElement> field = names.field(self, member);
        if (field.isPresent()) {
          return constant(field.get(), select);
        }
        throw reporter.abort(select, unit, Message.UNKNOWN_NAME, methodName, select.toString());
      }
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
      if (!mods.contains(Modifier.STATIC) && self != null && isOwnField(field)) {
        // An instance method reads the receiver's fields, as constants.
        Type type = typeOf(field.asType());
        if (type.prim() == Type.Prim.OBJECT) {
          throw reporter.abort(where, unit, Message.FIELD_TYPE, methodName, display,
              field.asType());
        }
        if (!names.accessibleFromPackage(field)) {
          throw reporter.abort(where, unit, Message.FIELD_INACCESSIBLE, methodName, display);
        }
        return new Expr.Constant(type, CodeBlock.of("$N.$N", GeneratedMethod.SELF,
            field.getSimpleName()));
      }
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

    private boolean isOwnField(VariableElement field) {
      return ElementFilter.fieldsIn(elements.getAllMembers(self)).contains(field);
    }

    private boolean isThis(ExpressionTree e) {
      return e instanceof IdentifierTree id && id.getName().contentEquals("this");
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
      boolean onSelf = false;
      if (select instanceof MemberSelectTree ms && self != null && isThis(ms.getExpression())) {
        name = ms.getIdentifier().toString();
        owner = Optional.of(self);
        receiver = "this";
        onSelf = true;
      } else if (select instanceof MemberSelectTree ms) {
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
        onSelf = self != null && owner.isPresent() && owner.get().equals(self);
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
        String display = (receiver == null ? "" : receiver + ".") + name + "("
            + argTypes.stream().map(Type::javaName).collect(Collectors.joining(", ")) + ")";
        return invoke(call, owner, name, args, display, onSelf);
      }
      Type result = function.get().resultType(argTypes).orElseThrow(() -> mismatch(call,
          "no overload of " + receiver + "." + name + " takes (" + argTypes.stream()
              .map(Type::javaName).collect(Collectors.joining(", ")) + ")"));
      return new Expr.Call(function.get(), ClassName.get(owner.get()), args, result);
    }

    /**
     * A call of another method: one with {@code @Differentiable} (its companion's pullback), one
     * with a {@code @DerivativeOf} rule, or one whose result carries no derivative ({@code int},
     * {@code boolean}, ...; assumed free of side effects, as it may run again in the reverse sweep).
     */
    private Expr invoke(MethodInvocationTree call, Optional<TypeElement> owner, String name,
        List<Expr> args, String display, boolean onSelf) {
      ExecutableElement target = owner.map(t -> resolve(t, name, args)).orElse(null);
      if (target == null) {
        throw reporter.abort(call, unit, Message.NO_DERIVATIVE, methodName, display);
      }
      TypeElement declaring = (TypeElement) target.getEnclosingElement();
      String shown = declaring.getSimpleName() + "." + name + "(" + target.getParameters().stream()
          .map(p -> types.erasure(p.asType()).toString().replaceAll("^.*\\.", ""))
          .collect(Collectors.joining(", ")) + ")";
      Expr receiver = null;
      if (!target.getModifiers().contains(Modifier.STATIC)) {
        if (!onSelf) {
          throw reporter.abort(call, unit, Message.CALLEE_NOT_STATIC, methodName, shown,
              "another object");
        }
        receiver = new Expr.Constant(Type.OBJECT, CodeBlock.of("$N", GeneratedMethod.SELF));
      }
      if (!names.accessibleFromPackage(target)) {
        throw reporter.abort(call, unit, Message.CALLEE_INACCESSIBLE, methodName, shown);
      }
      List<Type> parameters = new ArrayList<>();
      for (VariableElement p : target.getParameters()) {
        parameters.add(typeOf(p.asType()));
      }
      Type result = typeOf(target.getReturnType());
      List<Expr> converted = new ArrayList<>();
      for (int i = 0; i < args.size(); i++) {
        converted.add(narrowTo(parameters.get(i), args.get(i)));
      }
      Optional<CustomRules.Rule> rule = rules.find(target);
      List<Boolean> accumulators = new ArrayList<>();
      ClassName pullbackOwner;
      String pullback;
      if (rule.isPresent()) {
        pullbackOwner = rule.get().owner();
        pullback = rule.get().method();
        if (!ruleAccessible(rule.get())) {
          throw reporter.abort(call, unit, Message.RULE_INACCESSIBLE, methodName, shown,
              pullbackOwner.simpleName() + "." + pullback);
        }
        parameters.forEach(p -> accumulators.add(p.isDifferentiableParameter()));
      } else if (isDifferentiable(target)) {
        if (!result.equals(Type.DOUBLE)) {
          throw reporter.abort(call, unit, Message.NO_DERIVATIVE, methodName, shown);
        }
        Optional<Expr> inlined = inline(target, converted, receiver != null, shown);
        if (inlined.isPresent()) {
          return inlined.get();
        }
        pullbackOwner = CompanionNames.companion(declaring);
        pullback = CompanionNames.stem(target, differentiable, types) + "Pullback";
        accumulators.addAll(WrtNames.positions(target, differentiable, elements,
            pullbackOwner.canonicalName(), pullback));
      } else if (result.isScalar() && !result.isReal() && result.prim() != Type.Prim.OBJECT) {
        pullbackOwner = null;
        pullback = null;
        parameters.forEach(p -> accumulators.add(false));
      } else {
        throw reporter.abort(call, unit, Message.NO_DERIVATIVE, methodName, shown);
      }
      List<String> parameterNames = target.getParameters().stream()
          .map(p -> p.getSimpleName().toString()).toList();
      Callee callee = new Callee(ClassName.get(declaring), name, parameters, receiver,
          pullbackOwner, pullback, accumulators, shown,
          new Callee.Site(argumentTrees(call), parameterNames));
      return new Expr.Invoke(callee, converted, result);
    }

    /** Whether the generated class, in this package, can call the rule's method. */
    private boolean ruleAccessible(CustomRules.Rule rule) {
      TypeElement owner = elements.getTypeElement(rule.owner().canonicalName());
      return owner != null && ElementFilter.methodsIn(owner.getEnclosedElements()).stream()
          .filter(m -> m.getSimpleName().contentEquals(rule.method()))
          .anyMatch(names::accessibleFromPackage);
    }

    /**
     * Inlines a call of a {@code @Differentiable} method whose source is in this compilation: its
     * body, parsed with its parameters bound to the arguments, becomes a block before the current
     * statement, and its returns assign a fresh variable and leave the block. The sweeps then see
     * one method, as a hand-written adjoint would be. Not for recursive, long or array-allocating
     * callees, rows passed as arrays, or calls that may not run once per statement (see {@link
     * #conditional}); those are called, with their pullback in the reverse sweep.
     */
    private Optional<Expr> inline(ExecutableElement target, List<Expr> args, boolean onSelf,
        String shown) {
      MethodTree tree = trees.getTree(target);
      if (conditional > 0 || tree == null || tree.getBody() == null
          || inlining.contains(target) || inlining.size() > MAX_INLINE_DEPTH
          || tree.getBody().getStatements().size() > MAX_INLINE_STATEMENTS) {
        return Optional.empty();
      }
      for (Expr a : args) {
        if (a.type().isArray() && !(a instanceof Expr.Ref)) {
          return Optional.empty();
        }
      }
      if (onSelf && !target.getEnclosingElement().equals(self)) {
        return Optional.empty();
      }
      Session callee = new Session(target, Set.of(), reporter.muted());
      callee.textPrefix = "[" + shown.substring(0, shown.indexOf('(')) + "] ";
      Var result = new Var(target.getSimpleName() + "Result", Type.DOUBLE, Var.Kind.LOCAL);
      String label = "$inline" + ++inlineLabels;
      List<Function.Statement> body = new ArrayList<>();
      inlining.push(target);
      try {
        List<? extends VariableElement> params = target.getParameters();
        for (int i = 0; i < params.size(); i++) {
          String name = params.get(i).getSimpleName().toString();
          Expr a = args.get(i);
          if (a.type().isArray()) {
            Var bound = ((Expr.Ref) a).var();
            callee.parameters.put(name, bound);
            callee.readOnly.add(bound);
          } else {
            Var local = new Var(name, typeOf(params.get(i).asType()), Var.Kind.LOCAL);
            callee.parameters.put(name, local);
            callee.assigned.add(local);
            body.add(new Function.Assign(local, a, line(tree), callee.textPrefix + name + " = "
                + "argument " + (i + 1)));
          }
          callee.declaredTypes.put(callee.parameters.get(name), params.get(i).asType());
        }
        callee.inlineResult = result;
        callee.inlineLabel = label;
        callee.targets = new JumpTargets(label + "L");
        List<Function.Statement> statements = callee.block(tree.getBody().getStatements(), true);
        if (declaresArrays(statements)) {
          return Optional.empty();
        }
        int last = statements.size() - 1;
        if (last >= 0 && statements.get(last) instanceof Function.Break b
            && b.label().equals(label)) {
          // The final return needs no jump out of the block.
          statements = statements.subList(0, last);
        }
        body.addAll(statements);
      } catch (AbortMethod unsupported) {
        return Optional.empty();
      } finally {
        inlining.pop();
      }
      assigned.add(result);
      emit(new Function.Block(label, body, line(tree), callee.textPrefix + "inlined"));
      return Optional.of(new Expr.Ref(result));
    }

    private boolean declaresArrays(List<Function.Statement> statements) {
      for (Function.Statement st : statements) {
        if (st instanceof Function.NewArray
            || st instanceof Function.If i && (declaresArrays(i.whenTrue())
                || declaresArrays(i.whenFalse()))
            || st instanceof Function.Loop l && (declaresArrays(l.body())
                || declaresArrays(l.update()))
            || st instanceof Function.Block b && declaresArrays(b.body())) {
          return true;
        }
      }
      return false;
    }

    private List<Object> argumentTrees(MethodInvocationTree call) {
      return new ArrayList<>(call.getArguments());
    }

    private boolean isDifferentiable(ExecutableElement m) {
      return m.getAnnotationMirrors().stream()
          .anyMatch(a -> a.getAnnotationType().asElement().equals(differentiable));
    }

    /**
     * The method {@code owner.name} that these arguments select: the one whose parameter types
     * equal the argument types, else the only one they convert to (widening), else null.
     */
    private ExecutableElement resolve(TypeElement owner, String name, List<Expr> args) {
      List<ExecutableElement> applicable = new ArrayList<>();
      for (ExecutableElement m : ElementFilter.methodsIn(elements.getAllMembers(owner))) {
        if (!m.getSimpleName().contentEquals(name) || m.getParameters().size() != args.size()
            || m.isVarArgs()) {
          continue;
        }
        boolean exact = true;
        boolean fits = true;
        for (int i = 0; i < args.size(); i++) {
          Type p = typeOf(m.getParameters().get(i).asType());
          Type a = args.get(i).type();
          exact &= p.equals(a);
          fits &= p.equals(a) || !p.isArray() && !a.isArray() && assignable(a, p);
        }
        if (exact) {
          return m;
        }
        if (fits) {
          applicable.add(m);
        }
      }
      return applicable.size() == 1 ? applicable.get(0) : null;
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
        boolean logical = op.precedence == 9 && (l.isBoolean() && r.isBoolean()
            || l.prim() == Type.Prim.OBJECT && r.prim() == Type.Prim.OBJECT && l.dims() == 0
                && r.dims() == 0);
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
      conditional++;
      Expr t = expression(c.getTrueExpression());
      Expr f = expression(c.getFalseExpression());
      conditional--;
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

    /** The head of a compound statement (up to its body), for comments. */
    private String header(Tree tree) {
      String full = text(tree);
      int brace = full.indexOf('{');
      return brace > 0 ? full.substring(0, brace).trim() : full;
    }

    /** The statement's source text on one line, for the comments of generated code. */
    private String text(Tree tree) {
      long start = positions.getStartPosition(unit, tree);
      long end = positions.getEndPosition(unit, tree);
      String raw = source != null && start >= 0 && end <= source.length() && start < end
          ? source.subSequence((int) start, (int) end).toString()
          : tree.toString();
      String oneLine = textPrefix
          + raw.replaceAll("\\s+", " ").trim().replace("\\u", "\\\\u");
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
