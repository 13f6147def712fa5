package dev.adjoint.processor.parse;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.util.TreeScanner;
import java.util.Set;

/**
 * Finds assignments to named local variables, and writes to array elements, inside a tree (to
 * recognise counted loops).
 */
final class Assignments {
  private Assignments() {}

  /**
   * Whether the tree writes an array element: an assignment, compound assignment or increment of
   * {@code a[i]}, or a call of {@code System.arraycopy} or {@code Arrays.fill}.
   */
  static boolean writesElements(Tree tree) {
    Boolean found = new TreeScanner<Boolean, Void>() {
      @Override
      public Boolean visitAssignment(AssignmentTree node, Void p) {
        return node.getVariable() instanceof ArrayAccessTree
            || Boolean.TRUE.equals(super.visitAssignment(node, p));
      }

      @Override
      public Boolean visitCompoundAssignment(CompoundAssignmentTree node, Void p) {
        return node.getVariable() instanceof ArrayAccessTree
            || Boolean.TRUE.equals(super.visitCompoundAssignment(node, p));
      }

      @Override
      public Boolean visitUnary(UnaryTree node, Void p) {
        return node.getExpression() instanceof ArrayAccessTree && isStep(node)
            || Boolean.TRUE.equals(super.visitUnary(node, p));
      }

      @Override
      public Boolean visitMethodInvocation(MethodInvocationTree node, Void p) {
        String name = node.getMethodSelect() instanceof MemberSelectTree m
            ? m.getIdentifier().toString()
            : node.getMethodSelect() instanceof IdentifierTree id ? id.getName().toString() : "";
        return name.equals("arraycopy") || name.equals("fill")
            || Boolean.TRUE.equals(super.visitMethodInvocation(node, p));
      }

      @Override
      public Boolean reduce(Boolean a, Boolean b) {
        return Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b);
      }
    }.scan(tree, null);
    return Boolean.TRUE.equals(found);
  }

  /** Whether the expression reads an array element. */
  static boolean readsElements(Tree tree) {
    Boolean found = new TreeScanner<Boolean, Void>() {
      @Override
      public Boolean visitArrayAccess(ArrayAccessTree node, Void p) {
        return true;
      }

      @Override
      public Boolean reduce(Boolean a, Boolean b) {
        return Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b);
      }
    }.scan(tree, null);
    return Boolean.TRUE.equals(found);
  }

  private static boolean isStep(UnaryTree node) {
    return switch (node.getKind()) {
      case PREFIX_INCREMENT, POSTFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_DECREMENT -> true;
      default -> false;
    };
  }

  static boolean assignsAny(Tree tree, Set<String> names) {
    Boolean found = new TreeScanner<Boolean, Void>() {
      @Override
      public Boolean visitAssignment(AssignmentTree node, Void p) {
        return targets(node.getVariable()) || Boolean.TRUE.equals(super.visitAssignment(node, p));
      }

      @Override
      public Boolean visitCompoundAssignment(CompoundAssignmentTree node, Void p) {
        return targets(node.getVariable())
            || Boolean.TRUE.equals(super.visitCompoundAssignment(node, p));
      }

      @Override
      public Boolean visitUnary(UnaryTree node, Void p) {
        return isStep(node) && targets(node.getExpression())
            || Boolean.TRUE.equals(super.visitUnary(node, p));
      }

      private boolean targets(ExpressionTree variable) {
        return variable instanceof IdentifierTree id && names.contains(id.getName().toString());
      }

      @Override
      public Boolean reduce(Boolean a, Boolean b) {
        return Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b);
      }
    }.scan(tree, null);
    return Boolean.TRUE.equals(found);
  }
}
