package dev.adjoint.runtime.optim;

/**
 * Argument checks shared by the optimizers. Every message names the argument, so a bad
 * hyper-parameter or a NaN gradient is reported where it enters rather than as a NaN run.
 */
final class Arguments {
  private Arguments() {}

  static double positive(String name, double value) {
    if (!(value > 0) || !Double.isFinite(value)) {
      throw new IllegalArgumentException(name + " must be finite and > 0, got " + value);
    }
    return value;
  }

  static double nonNegative(String name, double value) {
    if (!(value >= 0) || !Double.isFinite(value)) {
      throw new IllegalArgumentException(name + " must be finite and >= 0, got " + value);
    }
    return value;
  }

  /** A decay factor such as Adam's betas or RMSProp's alpha: in [0, 1). */
  static double unitInterval(String name, double value) {
    if (!(value >= 0 && value < 1)) {
      throw new IllegalArgumentException(name + " must be in [0, 1), got " + value);
    }
    return value;
  }

  static long positive(String name, long value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be > 0, got " + value);
    }
    return value;
  }

  static int positive(String name, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be > 0, got " + value);
    }
    return value;
  }

  static <T> T notNull(String name, T value) {
    if (value == null) {
      throw new IllegalArgumentException(name + " must not be null");
    }
    return value;
  }

  /** Checks length and finiteness of a vector; names the first bad element. */
  static void finiteVector(String name, double[] values, int expectedLength) {
    notNull(name, values);
    if (values.length != expectedLength) {
      throw new IllegalArgumentException(
          name + " has length " + values.length + ", expected " + expectedLength);
    }
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        throw nonFinite(name, i, values[i]);
      }
    }
  }

  static IllegalArgumentException nonFinite(String name, int index, double value) {
    return new IllegalArgumentException(
        name + "[" + index + "] is " + value + "; every element must be finite");
  }
}
