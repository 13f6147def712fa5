package dev.adjoint.runtime;

/**
 * Array helpers that generated code calls: adjoint accumulators have the shape of the parameter
 * they belong to.
 */
public final class ArrayShapes {
  private ArrayShapes() {}

  /** A zero matrix with the same (possibly jagged) shape as {@code shape}. */
  public static double[][] zerosLike(double[][] shape) {
    double[][] zeros = new double[shape.length][];
    for (int i = 0; i < shape.length; i++) {
      zeros[i] = new double[shape[i].length];
    }
    return zeros;
  }
}
