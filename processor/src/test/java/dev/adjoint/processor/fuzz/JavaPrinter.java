package dev.adjoint.processor.fuzz;

import dev.adjoint.processor.fuzz.Expr.Call1;
import dev.adjoint.processor.fuzz.Expr.Call2;
import dev.adjoint.processor.fuzz.Expr.DBin;
import dev.adjoint.processor.fuzz.Expr.DCmp;
import dev.adjoint.processor.fuzz.Expr.DCond;
import dev.adjoint.processor.fuzz.Expr.DConst;
import dev.adjoint.processor.fuzz.Expr.DVar;
import dev.adjoint.processor.fuzz.Expr.Elem;
import dev.adjoint.processor.fuzz.Expr.Fma;
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
import java.util.List;

/**
 * Prints a {@link Program} as a Java compilation unit. Every compound expression is fully
 * parenthesised, so Java's evaluation (precedence, int division before widening, …) is
 * exactly the tree's.
 */
public final class JavaPrinter {
  private final StringBuilder out = new StringBuilder();

  private JavaPrinter() {}

  public static String print(Program program) {
    JavaPrinter p = new JavaPrinter();
    p.out.append("package ").append(Program.PACKAGE).append(";\n\n")
        .append("import dev.adjoint.Differentiable;\n\n")
        .append("final class ").append(program.className()).append(" {\n")
        .append("  @Differentiable\n")
        .append("  static double f(double x0, double x1, double x2, double[] a, int n) {\n");
    p.block(program.body(), 2);
    p.out.append("  }\n}\n");
    return p.out.toString();
  }

  private void block(List<Stmt> stmts, int indent) {
    for (Stmt s : stmts) {
      statement(s, indent);
    }
  }

  private void line(int indent, String text) {
    out.append("  ".repeat(indent)).append(text).append('\n');
  }

  private void statement(Stmt s, int indent) {
    if (s instanceof Stmt.DeclDouble d) {
      line(indent, "double " + d.name() + " = " + expr(d.init()) + ";");
    } else if (s instanceof Stmt.DeclInt d) {
      line(indent, "int " + d.name() + " = " + expr(d.init()) + ";");
    } else if (s instanceof Stmt.DeclArray d) {
      line(indent, "double[] " + d.name() + " = new double[" + d.length() + "];");
    } else if (s instanceof Stmt.Assign a) {
      line(indent, a.name() + " " + a.op().symbol + " " + expr(a.value()) + ";");
    } else if (s instanceof Stmt.AssignInt a) {
      line(indent, a.name() + " " + a.op().symbol + " " + expr(a.value()) + ";");
    } else if (s instanceof Stmt.Increment i) {
      line(indent, i.name() + (i.up() ? "++;" : "--;"));
    } else if (s instanceof Stmt.Store st) {
      line(indent, st.array() + "[" + expr(st.index()) + "] " + st.op().symbol + " "
          + expr(st.value()) + ";");
    } else if (s instanceof Stmt.If i) {
      line(indent, "if " + paren(expr(i.cond())) + " {");
      block(i.then(), indent + 1);
      if (!i.otherwise().isEmpty()) {
        line(indent, "} else {");
        block(i.otherwise(), indent + 1);
      }
      line(indent, "}");
    } else if (s instanceof Stmt.For f) {
      String c = f.counter();
      line(indent, "for (int " + c + " = 0; " + c + " < " + expr(f.bound()) + "; " + c
          + "++) {");
      block(f.body(), indent + 1);
      line(indent, "}");
    } else if (s instanceof Stmt.While w) {
      String c = w.counter();
      line(indent, "int " + c + " = 0;");
      line(indent, "while (" + c + " < " + w.cap() + " && " + expr(w.cond()) + ") {");
      line(indent + 1, c + "++;");
      block(w.body(), indent + 1);
      line(indent, "}");
    } else if (s instanceof Stmt.Break) {
      line(indent, "break;");
    } else if (s instanceof Stmt.Continue) {
      line(indent, "continue;");
    } else if (s instanceof Stmt.Return r) {
      line(indent, "return " + expr(r.value()) + ";");
    } else {
      throw new IllegalArgumentException(s.toString());
    }
  }

  /** Java source of an expression; compound expressions come parenthesised. */
  public static String expr(Expr e) {
    if (e instanceof DConst c) {
      return Double.toString(c.value());
    } else if (e instanceof DVar v) {
      return v.name();
    } else if (e instanceof Elem el) {
      return el.array() + "[" + expr(el.index()) + "]";
    } else if (e instanceof Widen w) {
      return expr(w.value());
    } else if (e instanceof Neg n) {
      return "(-" + expr(n.operand()) + ")";
    } else if (e instanceof DBin b) {
      return "(" + expr(b.left()) + " " + b.op().symbol + " " + expr(b.right()) + ")";
    } else if (e instanceof Call1 c) {
      return "Math." + c.fn().javaName + "(" + expr(c.arg()) + ")";
    } else if (e instanceof Call2 c) {
      return "Math." + c.fn().javaName + "(" + expr(c.first()) + ", " + expr(c.second()) + ")";
    } else if (e instanceof Fma f) {
      return "Math.fma(" + expr(f.a()) + ", " + expr(f.b()) + ", " + expr(f.c()) + ")";
    } else if (e instanceof DCond c) {
      return "(" + expr(c.cond()) + " ? " + expr(c.then()) + " : " + expr(c.otherwise()) + ")";
    } else if (e instanceof IConst c) {
      return Integer.toString(c.value());
    } else if (e instanceof IVar v) {
      return v.name();
    } else if (e instanceof Length l) {
      return l.array() + ".length";
    } else if (e instanceof IBin b) {
      return "(" + expr(b.left()) + " " + b.op().symbol + " " + expr(b.right()) + ")";
    } else if (e instanceof ICond c) {
      return "(" + expr(c.cond()) + " ? " + expr(c.then()) + " : " + expr(c.otherwise()) + ")";
    } else if (e instanceof DCmp c) {
      return "(" + expr(c.left()) + " " + c.op().symbol + " " + expr(c.right()) + ")";
    } else if (e instanceof ICmp c) {
      return "(" + expr(c.left()) + " " + c.op().symbol + " " + expr(c.right()) + ")";
    } else if (e instanceof Not n) {
      return "(!" + expr(n.operand()) + ")";
    } else if (e instanceof Logic l) {
      return "(" + expr(l.left()) + (l.and() ? " && " : " || ") + expr(l.right()) + ")";
    }
    throw new IllegalArgumentException(e.toString());
  }

  private static String paren(String s) {
    return s.startsWith("(") && s.endsWith(")") && balancedOuter(s) ? s : "(" + s + ")";
  }

  /** Whether the first parenthesis of {@code s} closes at its very end. */
  private static boolean balancedOuter(String s) {
    int depth = 0;
    for (int k = 0; k < s.length(); k++) {
      char ch = s.charAt(k);
      if (ch == '(') {
        depth++;
      } else if (ch == ')') {
        depth--;
        if (depth == 0 && k < s.length() - 1) {
          return false;
        }
      }
    }
    return true;
  }
}
