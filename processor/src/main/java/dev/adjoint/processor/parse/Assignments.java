package dev.adjoint.processor.parse;

import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.util.TreeScanner;
import java.util.Set;

/** Finds assignments to named local variables inside a tree (to recognise counted loops). */
final class Assignments {
  private Assignments() {}

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
        boolean step = switch (node.getKind()) {
          case PREFIX_INCREMENT, POSTFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_DECREMENT -> true;
          default -> false;
        };
        return step && targets(node.getExpression())
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
