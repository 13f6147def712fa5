package dev.adjoint.bench;

import dev.adjoint.Differentiable;
import org.hipparchus.analysis.differentiation.Gradient;

/**
 * Workload 2: a straight-line function of 20 parameters, a sum of 20 terms that mix sin, exp, log,
 * cos and products of neighbouring parameters (cyclically: x[19] pairs with x[0]), unrolled by
 * hand because loops are not supported yet. Three forms of the same function: the {@code
 * @Differentiable} primal, a hand-written adjoint and a Hipparchus forward-mode version.
 */
public final class Straight20 {
  private Straight20() {}

  /** Number of differentiated inputs; read by {@link Report}. */
  public static final int ACTIVE_INPUTS = 20;

  /** The function; {@code x} has length 20. */
  @Differentiable
  public static double f(double[] x) {
    double s = Math.sin(x[0]) * x[1];
    s += Math.exp(0.1 * x[1] * x[2]);
    s += Math.log(1.0 + x[2] * x[2]) * x[3];
    s += Math.cos(x[3] - x[4]) * x[3];
    s += Math.sin(x[4]) * x[5];
    s += Math.exp(0.1 * x[5] * x[6]);
    s += Math.log(1.0 + x[6] * x[6]) * x[7];
    s += Math.cos(x[7] - x[8]) * x[7];
    s += Math.sin(x[8]) * x[9];
    s += Math.exp(0.1 * x[9] * x[10]);
    s += Math.log(1.0 + x[10] * x[10]) * x[11];
    s += Math.cos(x[11] - x[12]) * x[11];
    s += Math.sin(x[12]) * x[13];
    s += Math.exp(0.1 * x[13] * x[14]);
    s += Math.log(1.0 + x[14] * x[14]) * x[15];
    s += Math.cos(x[15] - x[16]) * x[15];
    s += Math.sin(x[16]) * x[17];
    s += Math.exp(0.1 * x[17] * x[18]);
    s += Math.log(1.0 + x[18] * x[18]) * x[19];
    s += Math.cos(x[19] - x[0]) * x[19];
    return s;
  }

  /**
   * Hand-written adjoint of {@link #f}: the speed target for the generated pullback. Every term
   * is a sum of two-argument pieces, so each term's local partials are formed as soon as its value
   * is (no tape, no second pass over the terms) and summed per parameter. Adds {@code seed} times
   * the gradient into {@code dx}, allocates nothing and returns {@code f(x)}.
   */
  public static double fAdjoint(double[] x, double seed, double[] dx) {
    double x0 = x[0];
    double x1 = x[1];
    double x2 = x[2];
    double x3 = x[3];
    double x4 = x[4];
    double x5 = x[5];
    double x6 = x[6];
    double x7 = x[7];
    double x8 = x[8];
    double x9 = x[9];
    double x10 = x[10];
    double x11 = x[11];
    double x12 = x[12];
    double x13 = x[13];
    double x14 = x[14];
    double x15 = x[15];
    double x16 = x[16];
    double x17 = x[17];
    double x18 = x[18];
    double x19 = x[19];
    double s = 0.0;
    double sin0 = Math.sin(x0);
    s += sin0 * x1;
    double exp1 = Math.exp(0.1 * x1 * x2);
    s += exp1;
    double sq2 = 1.0 + x2 * x2;
    double log2 = Math.log(sq2);
    s += log2 * x3;
    double cos3 = Math.cos(x3 - x4);
    double sinDiff3 = Math.sin(x3 - x4);
    s += cos3 * x3;
    double sin4 = Math.sin(x4);
    s += sin4 * x5;
    double exp5 = Math.exp(0.1 * x5 * x6);
    s += exp5;
    double sq6 = 1.0 + x6 * x6;
    double log6 = Math.log(sq6);
    s += log6 * x7;
    double cos7 = Math.cos(x7 - x8);
    double sinDiff7 = Math.sin(x7 - x8);
    s += cos7 * x7;
    double sin8 = Math.sin(x8);
    s += sin8 * x9;
    double exp9 = Math.exp(0.1 * x9 * x10);
    s += exp9;
    double sq10 = 1.0 + x10 * x10;
    double log10 = Math.log(sq10);
    s += log10 * x11;
    double cos11 = Math.cos(x11 - x12);
    double sinDiff11 = Math.sin(x11 - x12);
    s += cos11 * x11;
    double sin12 = Math.sin(x12);
    s += sin12 * x13;
    double exp13 = Math.exp(0.1 * x13 * x14);
    s += exp13;
    double sq14 = 1.0 + x14 * x14;
    double log14 = Math.log(sq14);
    s += log14 * x15;
    double cos15 = Math.cos(x15 - x16);
    double sinDiff15 = Math.sin(x15 - x16);
    s += cos15 * x15;
    double sin16 = Math.sin(x16);
    s += sin16 * x17;
    double exp17 = Math.exp(0.1 * x17 * x18);
    s += exp17;
    double sq18 = 1.0 + x18 * x18;
    double log18 = Math.log(sq18);
    s += log18 * x19;
    double cos19 = Math.cos(x19 - x0);
    double sinDiff19 = Math.sin(x19 - x0);
    s += cos19 * x19;
    dx[0] += seed * ((Math.cos(x0) * x1) + (x19 * sinDiff19));
    dx[1] += seed * ((sin0) + (0.1 * x2 * exp1));
    dx[2] += seed * ((0.1 * x1 * exp1) + (2.0 * x2 / sq2 * x3));
    dx[3] += seed * ((log2) + (cos3 - x3 * sinDiff3));
    dx[4] += seed * ((x3 * sinDiff3) + (Math.cos(x4) * x5));
    dx[5] += seed * ((sin4) + (0.1 * x6 * exp5));
    dx[6] += seed * ((0.1 * x5 * exp5) + (2.0 * x6 / sq6 * x7));
    dx[7] += seed * ((log6) + (cos7 - x7 * sinDiff7));
    dx[8] += seed * ((x7 * sinDiff7) + (Math.cos(x8) * x9));
    dx[9] += seed * ((sin8) + (0.1 * x10 * exp9));
    dx[10] += seed * ((0.1 * x9 * exp9) + (2.0 * x10 / sq10 * x11));
    dx[11] += seed * ((log10) + (cos11 - x11 * sinDiff11));
    dx[12] += seed * ((x11 * sinDiff11) + (Math.cos(x12) * x13));
    dx[13] += seed * ((sin12) + (0.1 * x14 * exp13));
    dx[14] += seed * ((0.1 * x13 * exp13) + (2.0 * x14 / sq14 * x15));
    dx[15] += seed * ((log14) + (cos15 - x15 * sinDiff15));
    dx[16] += seed * ((x15 * sinDiff15) + (Math.cos(x16) * x17));
    dx[17] += seed * ((sin16) + (0.1 * x18 * exp17));
    dx[18] += seed * ((0.1 * x17 * exp17) + (2.0 * x18 / sq18 * x19));
    dx[19] += seed * ((log18) + (cos19 - x19 * sinDiff19));
    return s;
  }

  /** {@link #f} in Hipparchus forward mode: value and the full 20-component gradient. */
  public static Gradient fHipparchus(double[] x) {
    Gradient[] g = new Gradient[20];
    for (int i = 0; i < 20; i++) {
      g[i] = Gradient.variable(20, i, x[i]);
    }
    Gradient s = g[0].sin().multiply(g[1]);
    s = s.add(g[1].multiply(g[2]).multiply(0.1).exp());
    s = s.add(g[2].multiply(g[2]).add(1.0).log().multiply(g[3]));
    s = s.add(g[3].subtract(g[4]).cos().multiply(g[3]));
    s = s.add(g[4].sin().multiply(g[5]));
    s = s.add(g[5].multiply(g[6]).multiply(0.1).exp());
    s = s.add(g[6].multiply(g[6]).add(1.0).log().multiply(g[7]));
    s = s.add(g[7].subtract(g[8]).cos().multiply(g[7]));
    s = s.add(g[8].sin().multiply(g[9]));
    s = s.add(g[9].multiply(g[10]).multiply(0.1).exp());
    s = s.add(g[10].multiply(g[10]).add(1.0).log().multiply(g[11]));
    s = s.add(g[11].subtract(g[12]).cos().multiply(g[11]));
    s = s.add(g[12].sin().multiply(g[13]));
    s = s.add(g[13].multiply(g[14]).multiply(0.1).exp());
    s = s.add(g[14].multiply(g[14]).add(1.0).log().multiply(g[15]));
    s = s.add(g[15].subtract(g[16]).cos().multiply(g[15]));
    s = s.add(g[16].sin().multiply(g[17]));
    s = s.add(g[17].multiply(g[18]).multiply(0.1).exp());
    s = s.add(g[18].multiply(g[18]).add(1.0).log().multiply(g[19]));
    s = s.add(g[19].subtract(g[0]).cos().multiply(g[19]));
    return s;
  }
}
