package dev.adjoint.it.support;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.hipparchus.analysis.differentiation.Gradient;

/**
 * Checks one evaluation point of a generated companion against a Hipparchus oracle.
 *
 * <p>Typical use, the oracle being the function written a second time in Hipparchus form:
 *
 * <pre>{@code
 * var expect = Expect.oracle(FOracle.f(x, a), F.f(x, a), a);   // snapshots the array a
 * var g = FDerivatives.fGradient(x, a);
 * expect.gradient(g.value(), g.x(), g.a())
 *     .pullback(pb -> FDerivatives.fPullback(x, a, pb.seed(), pb.vec(0), pb.vec(1)));
 * }</pre>
 *
 * <p>What is checked:
 *
 * <ul>
 *   <li>the oracle's value agrees with the plain Java method (guards the oracle transcription);
 *   <li>the generated value is exactly the plain method's value ("the result of f");
 *   <li>each gradient component agrees with the oracle's partial derivative;
 *   <li>{@code fPullback}, called with prefilled accumulators, first with seed 2.5 then again on
 *       the same accumulators with seed -0.75, adds exactly {@code seed * ∂f/∂p} each time and
 *       returns f;
 *   <li>no array argument is modified by either call (bit for bit).
 * </ul>
 */
public final class Expect {
  private static final double[] SEEDS = {2.5, -0.75};

  private final Gradient oracle;
  private final double primal;
  private final Object[] inputs;
  private final Object[] snapshots;
  private double tolerance = Tolerance.TIGHT;
  private Object[] shapes;

  private Expect(Gradient oracle, double primal, Object[] inputs) {
    this.oracle = oracle;
    this.primal = primal;
    this.inputs = inputs;
    this.snapshots = new Object[inputs.length];
    for (int i = 0; i < inputs.length; i++) {
      snapshots[i] = deepCopy(inputs[i]);
    }
  }

  /**
   * @param oracle the function and its gradient over the wrt parameters, from Hipparchus
   * @param primal the value of the plain {@code @Differentiable} method at the same point
   * @param arrayInputs the array arguments ({@code double[]}, {@code double[][]}) to watch
   */
  public static Expect oracle(Gradient oracle, double primal, Object... arrayInputs) {
    return new Expect(oracle, primal, arrayInputs);
  }

  /** Replaces the default {@link Tolerance#TIGHT}; callers justify it in a comment. */
  public Expect tolerance(double tol) {
    this.tolerance = tol;
    return this;
  }

  /**
   * Checks {@code fGradient}'s record: {@code value} then the components in record order ({@code
   * Double}, {@code double[]} or {@code double[][]}).
   */
  public Expect gradient(double value, Object... components) {
    Tolerance.assertClose(
        primal, oracle.getValue(), tolerance, "oracle value vs the plain method (test bug?)");
    assertSameValue(value, "fGradient(...).value()");
    shapes = components;
    double[] actual = flatten(components);
    double[] expected = oracle.getGradient();
    assertEquals(
        expected.length,
        actual.length,
        "number of active scalars in the record vs variables in the oracle");
    for (int i = 0; i < expected.length; i++) {
      Tolerance.assertClose(expected[i], actual[i], tolerance, "∂f/∂" + describe(components, i));
    }
    assertInputsUnchanged("fGradient");
    return this;
  }

  /**
   * Checks {@code fPullback}. Must follow {@link #gradient}, which fixes the accumulator shapes.
   *
   * @param call invokes {@code fPullback} with {@link Accumulators#seed()} and the accumulators
   */
  public Expect pullback(ToDoubleFunction<Accumulators> call) {
    if (shapes == null) {
      throw new IllegalStateException("call gradient(...) first: it fixes the accumulator shapes");
    }
    Object[] acc = new Object[shapes.length];
    for (int i = 0; i < shapes.length; i++) {
      acc[i] = prefilledLike(shapes[i], i);
    }
    double[] before = flatten(acc);
    double[] partials = oracle.getGradient();
    double seedSum = 0;
    for (double seed : SEEDS) {
      seedSum += seed;
      double returned = call.applyAsDouble(new Accumulators(seed, acc));
      assertSameValue(returned, "fPullback(...) return value (seed " + seed + ")");
      double[] after = flatten(acc);
      assertEquals(before.length, after.length, "accumulator sizes changed");
      for (int i = 0; i < before.length; i++) {
        Tolerance.assertClose(
            before[i] + seedSum * partials[i],
            after[i],
            tolerance,
            "accumulator for " + describe(shapes, i) + " after seeds up to " + seed);
      }
      assertInputsUnchanged("fPullback");
    }
    return this;
  }

  /** The accumulators handed to one {@code fPullback} call. */
  public static final class Accumulators {
    private final double seed;
    private final Object[] acc;

    private Accumulators(double seed, Object[] acc) {
      this.seed = seed;
      this.acc = acc;
    }

    public double seed() {
      return seed;
    }

    /**
     * The accumulator of the {@code k}-th wrt parameter, a {@code double} or a {@code double[]}.
     */
    public double[] vec(int k) {
      return (double[]) acc[k];
    }

    /** The accumulator of the {@code k}-th wrt parameter, a {@code double[][]}. */
    public double[][] mat(int k) {
      return (double[][]) acc[k];
    }
  }

  private void assertSameValue(double actual, String what) {
    if (!(actual == primal || (Double.isNaN(actual) && Double.isNaN(primal)))) {
      fail(what + " is " + actual + " but the plain method returns " + primal);
    }
  }

  private void assertInputsUnchanged(String after) {
    for (int i = 0; i < inputs.length; i++) {
      if (inputs[i] instanceof double[] vector) {
        assertArrayEquals((double[]) snapshots[i], vector, after + " modified array argument " + i);
      } else {
        assertArrayEquals(
            (Object[]) snapshots[i], (Object[]) inputs[i], after + " modified array argument " + i);
      }
    }
  }

  /** Fresh accumulator shaped like a record component, filled with distinct nonzero values. */
  private static Object prefilledLike(Object component, int salt) {
    if (component instanceof Double) {
      return new double[] {0.5 - 0.3 * salt};
    }
    if (component instanceof double[] vector) {
      double[] acc = new double[vector.length];
      for (int i = 0; i < acc.length; i++) {
        acc[i] = 0.75 - 0.3 * (i + salt);
      }
      return acc;
    }
    double[][] matrix = (double[][]) component;
    double[][] acc = new double[matrix.length][];
    for (int i = 0; i < acc.length; i++) {
      acc[i] = (double[]) prefilledLike(matrix[i], salt + 7 * i);
    }
    return acc;
  }

  /** Row-major concatenation of scalars ({@code Double}), vectors and matrices. */
  static double[] flatten(Object[] parts) {
    List<Double> flat = new ArrayList<>();
    for (Object part : parts) {
      addFlat(part, flat);
    }
    double[] result = new double[flat.size()];
    for (int i = 0; i < result.length; i++) {
      result[i] = flat.get(i);
    }
    return result;
  }

  private static void addFlat(Object part, List<Double> flat) {
    if (part instanceof Double scalar) {
      flat.add(scalar);
    } else if (part instanceof double[] vector) {
      for (double v : vector) {
        flat.add(v);
      }
    } else if (part instanceof double[][] matrix) {
      for (double[] row : matrix) {
        addFlat(row, flat);
      }
    } else {
      throw new IllegalArgumentException("not an active value: " + part);
    }
  }

  /** Names flat index {@code index} as "component k[i][j]" for failure messages. */
  private static String describe(Object[] parts, int index) {
    int remaining = index;
    for (int k = 0; k < parts.length; k++) {
      int size = flatten(new Object[] {parts[k]}).length;
      if (remaining < size) {
        return "component " + (k + 1) + position(parts[k], remaining);
      }
      remaining -= size;
    }
    return "index " + index + " beyond the record";
  }

  private static String position(Object part, int offset) {
    if (part instanceof double[][] matrix) {
      int remaining = offset;
      for (int i = 0; i < matrix.length; i++) {
        if (remaining < matrix[i].length) {
          return "[" + i + "][" + remaining + "]";
        }
        remaining -= matrix[i].length;
      }
    }
    return part instanceof double[] ? "[" + offset + "]" : "";
  }

  private static Object deepCopy(Object array) {
    if (array instanceof double[] vector) {
      return vector.clone();
    }
    if (array instanceof double[][] matrix) {
      double[][] copy = new double[matrix.length][];
      for (int i = 0; i < matrix.length; i++) {
        copy[i] = matrix[i].clone();
      }
      return copy;
    }
    throw new IllegalArgumentException("only double[] and double[][] arguments are watched");
  }
}
