package dev.adjoint.it.support;

import org.hipparchus.analysis.differentiation.Gradient;

/**
 * Hands out Hipparchus forward-mode variables in order, so that an oracle's gradient lists the
 * partial derivatives in the same order as the generated record: parameter order, arrays flattened
 * row by row.
 */
public final class Vars {
  private final int count;
  private int next;

  /** Prepares {@code count} independent variables (the number of active scalars). */
  public Vars(int count) {
    this.count = count;
  }

  /** A single independent variable: {@code x} as a function of itself. */
  public static Gradient single(double x) {
    return Gradient.variable(1, 0, x);
  }

  public Gradient var(double value) {
    if (next >= count) {
      throw new IllegalStateException("more variables requested than the " + count + " declared");
    }
    return Gradient.variable(count, next++, value);
  }

  public Gradient[] var(double[] values) {
    Gradient[] vars = new Gradient[values.length];
    for (int i = 0; i < values.length; i++) {
      vars[i] = var(values[i]);
    }
    return vars;
  }

  public Gradient[][] var(double[][] values) {
    Gradient[][] vars = new Gradient[values.length][];
    for (int i = 0; i < values.length; i++) {
      vars[i] = var(values[i]);
    }
    return vars;
  }

  /** A constant (an inactive value) in this oracle's variable space. */
  public Gradient constant(double value) {
    return Gradient.constant(count, value);
  }

  public Gradient[] constant(double[] values) {
    Gradient[] constants = new Gradient[values.length];
    for (int i = 0; i < values.length; i++) {
      constants[i] = constant(values[i]);
    }
    return constants;
  }
}
