package dev.adjoint.runtime;

import java.util.Arrays;

/**
 * Primitive stacks (one of doubles; one of ints, which also holds longs and booleans) on which
 * generated reverse sweeps keep what the forward sweep overwrites:
 * values of variables and array elements, branch decisions and trip counts. No boxing, no
 * per-element objects; the arrays grow geometrically and are kept for the next call.
 *
 * <p>Each thread has its own tape ({@link #acquire()}); a generated method records its stack
 * heights on entry and restores them on exit, so nested and recursive calls share one tape and an
 * exception never leaves garbage behind. A tape is never shared between threads.
 */
public final class Tape {
  private static final ThreadLocal<Tape> CURRENT = ThreadLocal.withInitial(Tape::new);

  private double[] doubles = new double[64];
  private int doubleTop;
  private int[] ints = new int[64];
  private int intTop;
  /** Accumulator cells lent to pullback calls: double[1] cells and scratch arrays, reused. */
  private Object[] slots = new Object[16];
  private int slotTop;

  private Tape() {}

  /** A new, unshared tape (generated code uses {@link #acquire()}). */
  public static Tape fresh() {
    return new Tape();
  }

  /** The calling thread's tape. */
  public static Tape acquire() {
    return CURRENT.get();
  }

  /** The current heights of the stacks, packed for {@link #reset(long)}. */
  public long mark() {
    return ((long) doubleTop << 32) | intTop;
  }

  /** Pops everything pushed since {@code mark}. */
  public void reset(long mark) {
    doubleTop = (int) (mark >>> 32);
    intTop = (int) mark;
  }

  public void pushDouble(double v) {
    if (doubleTop == doubles.length) {
      doubles = Arrays.copyOf(doubles, doubles.length * 2);
    }
    doubles[doubleTop++] = v;
  }

  public double popDouble() {
    return doubles[--doubleTop];
  }

  public void pushInt(int v) {
    if (intTop == ints.length) {
      ints = Arrays.copyOf(ints, ints.length * 2);
    }
    ints[intTop++] = v;
  }

  public int popInt() {
    return ints[--intTop];
  }

  public void pushLong(long v) {
    pushInt((int) (v >>> 32));
    pushInt((int) v);
  }

  public long popLong() {
    int low = popInt();
    return ((long) popInt() << 32) | (low & 0xFFFFFFFFL);
  }

  /** Branch decisions share the int stack (one stack fewer to bound-check and mark). */
  public void pushBoolean(boolean v) {
    pushInt(v ? 1 : 0);
  }

  public boolean popBoolean() {
    return popInt() != 0;
  }

  /**
   * Saves {@code a[from, from + length)} before an operation overwrites it; a length of zero or
   * less (a loop over an empty range) saves nothing.
   */
  public void pushRange(double[] a, int from, int length) {
    if (length <= 0) {
      return;
    }
    while (doubleTop + length > doubles.length) {
      doubles = Arrays.copyOf(doubles, doubles.length * 2);
    }
    System.arraycopy(a, from, doubles, doubleTop, length);
    doubleTop += length;
  }

  /** Restores what {@link #pushRange} saved (nothing for a length of zero or less). */
  public void popRange(double[] a, int from, int length) {
    if (length <= 0) {
      return;
    }
    doubleTop -= length;
    System.arraycopy(doubles, doubleTop, a, from, length);
  }

  /** Saves {@code a[from, from + length)} of an int array before it is overwritten. */
  public void pushRange(int[] a, int from, int length) {
    for (int k = 0; k < length; k++) {
      pushInt(a[from + k]);
    }
  }

  /** Restores what {@link #pushRange(int[], int, int)} saved. */
  public void popRange(int[] a, int from, int length) {
    for (int k = length - 1; k >= 0; k--) {
      a[from + k] = popInt();
    }
  }

  /**
   * The height of the accumulator-cell stack, for {@link #releaseCells}. Generated code that calls
   * other pullbacks takes cells after this mark and releases them in {@code finally}.
   */
  public int cellMark() {
    return slotTop;
  }

  /** Returns every cell taken since {@code mark} to the pool. */
  public void releaseCells(int mark) {
    slotTop = mark;
  }

  /**
   * A zeroed {@code double[1]}: the accumulator a pullback call adds a scalar argument's adjoint
   * into. Valid until released; allocates only the first time this depth is reached.
   */
  public double[] cell() {
    return scratch(1);
  }

  /**
   * A zeroed {@code double[length]}: a throw-away accumulator for an array argument whose adjoint
   * the caller does not need. Reused across calls of the same shape.
   */
  public double[] scratch(int length) {
    Object slot = take();
    double[] a;
    if (slot instanceof double[] d && d.length == length) {
      a = d;
      Arrays.fill(a, 0.0);
    } else {
      a = new double[length];
      slots[slotTop - 1] = a;
    }
    return a;
  }

  /** A zeroed array shaped like {@code like} (rows of its rows' lengths), reused likewise. */
  public double[][] scratch(double[][] like) {
    Object slot = take();
    double[][] a = slot instanceof double[][] d && d.length == like.length ? d : null;
    if (a != null) {
      for (int i = 0; i < like.length && a != null; i++) {
        if (a[i] == null || like[i] == null || a[i].length != like[i].length) {
          a = null;
        }
      }
    }
    if (a == null) {
      a = ArrayShapes.zerosLike(like);
      slots[slotTop - 1] = a;
    } else {
      for (double[] row : a) {
        Arrays.fill(row, 0.0);
      }
    }
    return a;
  }

  private Object take() {
    if (slotTop == slots.length) {
      slots = Arrays.copyOf(slots, slots.length * 2);
    }
    return slots[slotTop++];
  }

  /** Stack heights, for tests and diagnostics. */
  public int size() {
    return doubleTop + intTop;
  }
}
