package dev.adjoint.it.ops;

import dev.adjoint.Differentiable;

/** One tiny method per operator, assignment form, cast and piece of integer/boolean logic. */
final class Arithmetic {
  private Arithmetic() {}

  @Differentiable
  static double add(double x, double y) {
    return x + y;
  }

  @Differentiable
  static double subtract(double x, double y) {
    return x - y;
  }

  @Differentiable
  static double multiply(double x, double y) {
    return x * y;
  }

  @Differentiable
  static double divide(double x, double y) {
    return x / y;
  }

  @Differentiable
  static double remainder(double x, double y) {
    return x % y;
  }

  @Differentiable
  static double negate(double x) {
    return -x;
  }

  @Differentiable
  static double negateProduct(double x, double y) {
    return -(x * y) + -x;
  }

  @Differentiable
  static double plusAssign(double x, double y) {
    double r = x;
    r += y * x;
    return r;
  }

  @Differentiable
  static double minusAssign(double x, double y) {
    double r = x * x;
    r -= y;
    return r;
  }

  @Differentiable
  static double timesAssign(double x, double y) {
    double r = x + 1;
    r *= y;
    r *= r;
    return r;
  }

  @Differentiable
  static double divideAssign(double x, double y) {
    double r = x;
    r /= y;
    r /= x + 3;
    return r;
  }

  @Differentiable
  static double remainderAssign(double x, double y) {
    double r = x * 3;
    r %= y;
    return r;
  }

  @Differentiable
  static double incrementDecrement(double x) {
    double r = x;
    r++;
    r++;
    r--;
    ++r;
    --r;
    return r * x;
  }

  /** Reassigns a local from its own previous value, twice. */
  @Differentiable
  static double reassign(double x, double y) {
    double r = x;
    r = r * r + 1;
    r = r * y - x;
    return r;
  }

  @Differentiable
  static double varLocals(double x, double y) {
    var product = x * y;
    var k = 3;
    var scaled = product * k + y;
    return scaled;
  }

  /** The cast rounds to float; its derivative is the identity's. */
  @Differentiable
  static double castToFloat(double x) {
    return (float) x;
  }

  /** Float arithmetic in between: the value is rounded to float precision. */
  @Differentiable
  static double floatLocal(double x, double y) {
    float f = (float) x;
    float g = f * f;
    return g + y;
  }

  /** {@code (int)} is piecewise constant: k contributes no derivative. */
  @Differentiable
  static double castToInt(double x) {
    int k = (int) x;
    return k * x;
  }

  @Differentiable
  static double castToLong(double x) {
    long m = (long) (x * 10);
    return m + x;
  }

  @Differentiable
  static double castIntToDouble(double x, int n) {
    double d = (double) n / 3;
    return d * x;
  }

  /** Integer arithmetic (including integer division and remainder) carries no derivative. */
  @Differentiable
  static double integerArithmetic(double x, int n) {
    int k = n * 3 + n / 2 - n % 5;
    k += 2;
    k *= 2;
    k++;
    k--;
    int j = k % 7;
    j -= 1;
    return x * k + j;
  }

  @Differentiable
  static double longParameter(double x, long n) {
    long m = n * n - 3L;
    return x * m;
  }

  @Differentiable
  static double ternary(double x, double y) {
    return x > y ? x * y : x - y;
  }

  @Differentiable
  static double ternaryLocal(double x, double y) {
    double big = x * x > y ? Math.sin(x) : y / 2;
    double r = big > 0 ? big * x : big - x;
    return r;
  }

  @Differentiable
  static double booleanLogic(double x, double y) {
    boolean inBox = x > -1 && x < 1 || !(y >= 0.5);
    boolean flip = !inBox && y != 0.25;
    return inBox ? x * y : flip ? x + y : y;
  }

  @Differentiable
  static double booleanParameter(double x, boolean useSine) {
    return useSine ? Math.sin(x) : Math.cos(x);
  }

  /** Comparisons of all kinds, consumed by ternaries. */
  @Differentiable
  static double comparisons(double x, double y) {
    double a = x < y ? x : y;
    double b = x <= y ? y : x;
    double c = x == y ? 0 : x * y;
    double d = x >= 0 ? x : -x;
    return a * b + c + d;
  }

  /** The same parameter used several times: adjoints must accumulate, not overwrite. */
  @Differentiable
  static double fanOut(double x) {
    return x * x * x + x / (x * x + 1) - x;
  }

  /** Parameter names a generator might also want for its own variables. */
  /**
   * Squares scaled by a constant on either side, which the reverse sweep folds into 2·c·a, and
   * one under a ?: whose other side is a constant (not a square).
   */
  @Differentiable
  static double scaledSquares(double x, double y) {
    return 100.0 * x * x + y * 0.5 * y + x * (3.0 * x) + x * 2.0 * x * y + x * (y * -1.5)
        + (y > 0 ? 2.0 * x : -0.75) * x;
  }

  @Differentiable
  static double collidingNames(double seed, double dSeed, double adjoint, double tmp0) {
    double t0 = seed * dSeed;
    double d = adjoint - tmp0;
    return t0 * d + seed;
  }
}
