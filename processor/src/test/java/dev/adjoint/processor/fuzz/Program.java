package dev.adjoint.processor.fuzz;

import java.util.List;

/**
 * One generated method
 * {@code @Differentiable static double f(double x0, double x1, double x2, double[] a, int n)},
 * the only member of class {@code fuzz.<className>}. The body always ends with a
 * {@link Stmt.Return}.
 *
 * @param className simple name of the enclosing class, in package {@link #PACKAGE}
 * @param seed the generator seed that produced it (for reproduction)
 * @param body the statements of {@code f}
 */
public record Program(String className, long seed, List<Stmt> body) {
  public static final String PACKAGE = "fuzz";
  /** Length of the array parameter {@code a}. */
  public static final int ARRAY_LENGTH = 4;
  /** {@code n} is drawn from {@code 1..MAX_N}. */
  public static final int MAX_N = 4;

  public String qualifiedName() {
    return PACKAGE + "." + className;
  }

  public String companionName() {
    return qualifiedName() + "Derivatives";
  }

  public String source() {
    return JavaPrinter.print(this);
  }
}
