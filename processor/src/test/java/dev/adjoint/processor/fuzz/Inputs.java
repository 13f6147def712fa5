package dev.adjoint.processor.fuzz;

import java.util.Arrays;
import java.util.SplittableRandom;

/** One argument tuple for {@code f(x0, x1, x2, a, n)}. */
public record Inputs(double x0, double x1, double x2, double[] a, int n) {
  public Inputs {
    a = a.clone();
  }

  /**
   * A random point: coordinates uniform in [-{@link ProgramGenerator#INPUT_BOUND},
   * +INPUT_BOUND], sometimes exactly 0 or equal to another coordinate (ties of
   * {@code max}/{@code min}, {@code abs} at 0, branch boundaries), {@code n} in
   * {@code 1..}{@link Program#MAX_N}.
   */
  public static Inputs random(SplittableRandom rnd) {
    double[] v = new double[3 + Program.ARRAY_LENGTH];
    for (int k = 0; k < v.length; k++) {
      int special = rnd.nextInt(20);
      if (special == 0) {
        v[k] = 0.0;
      } else if (special == 1 && k > 0) {
        v[k] = v[rnd.nextInt(k)];
      } else {
        v[k] = rnd.nextDouble(-ProgramGenerator.INPUT_BOUND, ProgramGenerator.INPUT_BOUND);
      }
    }
    return new Inputs(v[0], v[1], v[2], Arrays.copyOfRange(v, 3, v.length),
        1 + rnd.nextInt(Program.MAX_N));
  }

  @Override
  public double[] a() {
    return a.clone();
  }

  @Override
  public String toString() {
    return "x0=" + x0 + ", x1=" + x1 + ", x2=" + x2 + ", a=" + Arrays.toString(a) + ", n=" + n;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Inputs i && Double.compare(x0, i.x0) == 0
        && Double.compare(x1, i.x1) == 0 && Double.compare(x2, i.x2) == 0
        && Arrays.equals(a, i.a) && n == i.n;
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(a) + Double.hashCode(x0 + 3 * x1 + 7 * x2) + n;
  }
}
