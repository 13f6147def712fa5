package dev.adjoint.it.ops;

import dev.adjoint.Differentiable;

/**
 * Corners of the supported subset: declarations without initialiser, several declarators, final and
 * reassigned locals, self-referencing compound assignments, mixed int/double typing, unused and
 * inactive parameters, and local names that look like the generator's own.
 */
final class EdgeCases {
  private EdgeCases() {}

  @Differentiable
  static double declareThenAssign(double x) {
    double r;
    r = x * 2;
    return r * x;
  }

  @Differentiable
  static double multipleDeclarators(double x) {
    double a = x, b = a * 2;
    return a * b;
  }

  @Differentiable
  static double finalLocal(double x) {
    final double k = x * 2;
    return k * k;
  }

  /** The right-hand side reads the variable being assigned: r += r; r *= r. */
  @Differentiable
  static double selfCompound(double x) {
    double r = x;
    r += r;
    r *= r;
    r -= r * x;
    return r;
  }

  /** Compound assignments with int right-hand sides on a double. */
  @Differentiable
  static double compoundIntRhs(double x) {
    double r = x;
    r *= 2;
    r += 1;
    r /= 4;
    return r;
  }

  @Differentiable
  static double intTernary(double x) {
    int k = x > 0 ? 1 : 2;
    return k * x;
  }

  /** double % int, Math.max/min/pow with int literal arguments. */
  @Differentiable
  static double intLiterals(double x) {
    return x % 2 + Math.max(x, 0) + Math.min(x, 1) + Math.pow(x, 2);
  }

  @Differentiable
  static double hypotOfSameArgument(double x) {
    return Math.hypot(x, x);
  }

  @Differentiable
  static double divideByInt(double x, int n) {
    return x / n - n / 2 * x;
  }

  @Differentiable
  static double longLocal(double x, int n) {
    long m = n;
    m += 2;
    m *= 3;
    return x * m;
  }

  @Differentiable
  static double booleanReassign(double x) {
    boolean b = x > 0;
    b = !b;
    return b ? x : -x;
  }

  /** The result does not depend on x at all. */
  @Differentiable
  static double returnsIntExpression(double x, int n) {
    return n * 2;
  }

  @Differentiable
  static double returnsConstant(double x) {
    return 1.0;
  }

  /** No active parameter: the record holds only the value, the pullback only the seed. */
  @Differentiable
  static double noActiveParameter(int n) {
    return n * 0.5;
  }

  @Differentiable
  static double unusedParameters(double x, double y, double[] a) {
    return x * 3;
  }

  @Differentiable
  static double compareIntAndDouble(double x, int n) {
    return x > n ? x * n : n - x;
  }

  /** Binary numeric promotion: the int branch 1 becomes 1.0. */
  @Differentiable
  static double ternaryMixedTypes(double x) {
    return x > 0 ? 1 : x * x;
  }

  @Differentiable
  static double doubleOfFloat(double x) {
    return (double) (float) x * x;
  }

  @Differentiable
  static double negatedInts(double x, int n) {
    return -n * x * -x;
  }

  @Differentiable
  static double repeatedCall(double x) {
    return Math.sin(x) * Math.sin(x);
  }

  /** Parameters of other types are constants: float, String. */
  @Differentiable
  static double otherParameterTypes(double x, float scale, String unit) {
    return x * scale;
  }

  @Differentiable
  static double absOfIntLiterals(double x) {
    return Math.abs(-3) * x + Math.abs(-3L);
  }

  /** An active value truncated to an index. */
  @Differentiable
  static double activeValueAsIndex(double[] a, double x) {
    return a[(int) x] * x;
  }

  @Differentiable
  static double matrixDimensions(double[][] m) {
    return m.length * m[0].length * m[0][0];
  }

  @Differentiable(wrt = {"y"})
  static double wrtSecondOnly(double x, double y) {
    return x * y + Math.sin(x);
  }

  /** An empty wrt list means every active parameter. */
  @Differentiable(wrt = {})
  static double wrtEmpty(double x, double y) {
    return x * y;
  }

  /** NaN check through x != x. */
  @Differentiable
  static double selfComparison(double x) {
    return x != x ? 0 : x * 2;
  }

  /** Locals and parameters named like generated temporaries and adjoints. */
  @Differentiable
  static double generatorLikeNames(double x, double xBar, double dX) {
    double t1 = x * xBar;
    double t1Bar = t1 + dX;
    double r = t1Bar;
    double r2 = r * r;
    r += r2;
    double seedBar = r * x;
    return seedBar + t1;
  }

  @Differentiable
  static double ternaryInsideCall(double x) {
    return Math.exp(x > 0 ? -x : x);
  }

  @Differentiable
  static double nestedTernary(double x, double y) {
    double r = x > 0 ? (y > 0 ? x * y : x) : (y > 0 ? y : -x * y);
    return r;
  }

  /** A ternary choosing the index; a reassignment whose right side reads the old value. */
  @Differentiable
  static double ternaryIndexAndReassign(double[] a, double x) {
    double r = a[x > 0 ? 0 : 1] * x;
    r = r > a[2] ? r - a[2] : a[2] - r;
    return r;
  }

  @Differentiable
  static double mixedIntArguments(double x, int n) {
    return Math.pow(x, n) + Math.max(n, x) + Math.min(x, n);
  }

  @Differentiable
  static double accumulateElements(double[] a) {
    double r = 0;
    r += a[0];
    r += a[1];
    r *= a[2];
    r -= a[0] * a[0];
    return r;
  }

  @Differentiable
  static double castChain(double x) {
    int i = (int) (long) (float) x;
    return i + x;
  }

  /** r / r * x: both operands are the same variable. */
  @Differentiable
  static double sameVariableBothOperands(double x) {
    double r = x * x;
    r = r / r * x;
    return r;
  }

  @Differentiable
  static double negatedRemainder(double x, double y) {
    return -x % y;
  }

  @Differentiable
  static double literalForms(double x) {
    return x * 1e-3 + 0x10 * x + 1_000.0 * x + 0b11 + 010 + 2.5f * x;
  }

  @Differentiable
  static double floatCompound(double x, double y) {
    float f = (float) x;
    f *= (float) y;
    return f;
  }

  @Differentiable
  static double varBooleanAndLong(double x) {
    var b = x > 1;
    var k = b ? 2L : 3L;
    return k * x;
  }

  /** Parameters may be reassigned; the original value keeps its own adjoint. */
  @Differentiable
  static double reassignedParameters(double x, double y, int n) {
    x = x * x + 1;
    x++;
    y += x;
    n += 1;
    return x * y * n;
  }

  /** int constants narrowed to byte, short and char where they fit (JLS 5.2). */
  @Differentiable
  static double narrowedConstants(double x) {
    short s = 3;
    byte b = -4;
    char c = 65;
    return x * s + b * x * x + c;
  }
}
