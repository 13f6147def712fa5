package dev.adjoint.runtime.optim;

import dev.adjoint.runtime.Objective;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Limited-memory BFGS for deterministic, full-batch minimisation of an {@link Objective}
 * (Nocedal &amp; Wright, <i>Numerical Optimization</i>, 2nd ed., Algorithm 7.5), with a line
 * search that enforces the strong Wolfe conditions (Algorithms 3.5 and 3.6: bracketing, then
 * "zoom" with safeguarded cubic interpolation). Where the change in f is below rounding noise
 * (relative 1e-12), the Armijo test is replaced by Hager and Zhang's approximate form, so the
 * search keeps making progress on the gradient near a minimum.
 *
 * <p>Stopping rules, checked in this order after every iteration: the Euclidean norm of the
 * gradient is at most {@code gradientTolerance}; the relative decrease {@code (f_k − f_{k+1}) /
 * max(|f_k|, |f_{k+1}|, 1)} is at most {@code functionTolerance} (0 disables this test); {@code maxIterations}
 * iterations have been done; {@code maxEvaluations} evaluations of the objective have been
 * spent (the objective is never called more often); or the line search cannot find an
 * acceptable step even along steepest descent. The {@link Result} says which rule stopped it.
 *
 * <p>Points where the objective returns a NaN or infinite value or gradient are treated as
 * "too far" by the line search, which then shortens the step. The starting point, however,
 * must have a finite value and gradient.
 *
 * <p>Defaults: memory 10, gradient tolerance 1e-8, function tolerance 1e-12 (close to machine
 * precision: rely on the gradient tolerance), 1,000 iterations, 10,000 evaluations, Wolfe
 * constants c₁ = 1e-4 and c₂ = 0.9. Instances are immutable and thread-safe; each {@link
 * #minimize} call allocates its own O(memory · n) work space.
 */
public final class Lbfgs {
  /** Why {@link #minimize} returned. */
  public enum StopReason {
    /** The gradient norm fell to {@code gradientTolerance} or below (converged). */
    GRADIENT_TOLERANCE,
    /** The relative decrease of the function fell to {@code functionTolerance} or below (converged). */
    FUNCTION_TOLERANCE,
    /** {@code maxIterations} iterations were done. */
    MAX_ITERATIONS,
    /** The next evaluation would have exceeded {@code maxEvaluations}. */
    MAX_EVALUATIONS,
    /** No step satisfying the Wolfe conditions was found, even along steepest descent (usually: at the limit of floating-point precision, or a gradient that does not match the function). */
    LINE_SEARCH_FAILED;

    /** Whether this reason means a tolerance was met. */
    public boolean converged() {
      return this == GRADIENT_TOLERANCE || this == FUNCTION_TOLERANCE;
    }
  }

  /**
   * The outcome of {@link #minimize}: the best point found (the last accepted iterate).
   *
   * @param reason why the run stopped
   * @param solution the last accepted point (a fresh array)
   * @param value the objective at {@code solution}
   * @param gradientNorm the Euclidean norm of the gradient at {@code solution}
   * @param iterations completed iterations (accepted line-search steps)
   * @param evaluations calls of {@link Objective#valueAndGradient}
   */
  public record Result(
      StopReason reason,
      double[] solution,
      double value,
      double gradientNorm,
      int iterations,
      int evaluations) {}

  private final int memory;
  private final double gradientTolerance;
  private final double functionTolerance;
  private final int maxIterations;
  private final int maxEvaluations;
  private final double c1;
  private final double c2;

  private Lbfgs(Builder b) {
    this.memory = b.memory;
    this.gradientTolerance = b.gradientTolerance;
    this.functionTolerance = b.functionTolerance;
    this.maxIterations = b.maxIterations;
    this.maxEvaluations = b.maxEvaluations;
    this.c1 = b.c1;
    this.c2 = b.c2;
  }

  /** A builder with the defaults listed in the class documentation. */
  public static Builder builder() {
    return new Builder();
  }

  /** An L-BFGS minimizer with the defaults. */
  public static Lbfgs withDefaults() {
    return builder().build();
  }

  /**
   * Minimises {@code objective} starting from {@code start} (which is not modified).
   *
   * @throws IllegalArgumentException if {@code objective} is null, {@code start} is null, empty
   *     or holds a non-finite value, or the objective's value or gradient at {@code start} is not
   *     finite
   */
  public Result minimize(Objective objective, double[] start) {
    Arguments.notNull("objective", objective);
    Arguments.notNull("start", start);
    if (start.length == 0) {
      throw new IllegalArgumentException("start must have at least one element");
    }
    Arguments.finiteVector("start", start, start.length);
    try {
      return new Run(objective, start).run(null, 0);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e); // unreachable: no checkpoint is written
    }
  }

  /** "ADJL": the magic number of L-BFGS checkpoints. */
  static final int CHECKPOINT_MAGIC = 0x41444A4C;
  static final int CHECKPOINT_VERSION = 1;

  /**
   * As {@link #minimize(Objective, double[])}, but resumable: after every {@code every}
   * iterations the run's whole state (point, value, gradient, curvature pairs, counters) is
   * written atomically to {@code checkpoint}. If {@code checkpoint} exists when this is called,
   * the run continues from it instead of from {@code start}, and ends exactly, bit for bit, as
   * the run that wrote it would have. A checkpoint from an L-BFGS with other settings or another
   * dimension, or a damaged one, is rejected with an exception that names the file.
   *
   * @throws IllegalArgumentException on bad arguments (as {@code minimize}), or {@code every <= 0}
   * @throws CheckpointException if the existing checkpoint is damaged or does not match
   * @throws IOException if writing a checkpoint fails (the previous one is then unchanged)
   */
  public Result minimize(Objective objective, double[] start, Path checkpoint, int every)
      throws IOException {
    Arguments.notNull("objective", objective);
    Arguments.notNull("start", start);
    Arguments.notNull("checkpoint", checkpoint);
    if (every <= 0) {
      throw new IllegalArgumentException("every must be > 0, got " + every);
    }
    if (start.length == 0) {
      throw new IllegalArgumentException("start must have at least one element");
    }
    Arguments.finiteVector("start", start, start.length);
    Run run = new Run(objective, start);
    if (Files.exists(checkpoint)) {
      run.restore(checkpoint);
    }
    return run.run(checkpoint, every);
  }

  /** The work space and state of one minimisation. */
  private final class Run {
    private final Objective objective;
    private final int n;
    private double[] x;
    private double[] g;
    private double[] xTrial;
    private double[] gTrial;
    private final double[] gLow;
    private final double[] direction;
    private final double[][] s;
    private final double[][] y;
    private final double[] rho;
    private final double[] alpha;
    private int history;
    private int newest = -1;
    private int evaluations;
    private int iterations;
    private boolean resumed;
    private double f;
    private double fTrial;

    Run(Objective objective, double[] start) {
      this.objective = objective;
      this.n = start.length;
      this.x = start.clone();
      this.g = new double[n];
      this.xTrial = new double[n];
      this.gTrial = new double[n];
      this.gLow = new double[n];
      this.direction = new double[n];
      this.s = new double[memory][n];
      this.y = new double[memory][n];
      this.rho = new double[memory];
      this.alpha = new double[memory];
    }

    Result run(Path checkpoint, int every) throws IOException {
      if (!resumed) {
        f = objective.valueAndGradient(x, g);
        evaluations = 1;
        if (!Double.isFinite(f)) {
          throw new IllegalArgumentException(
              "objective value at start is " + f + "; it must be finite");
        }
      }
      double gNorm = GradientClipping.checkedNorm("objective gradient at start", g);
      while (true) {
        if (gNorm <= gradientTolerance) {
          return result(StopReason.GRADIENT_TOLERANCE, gNorm, iterations);
        }
        if (iterations >= maxIterations) {
          return result(StopReason.MAX_ITERATIONS, gNorm, iterations);
        }
        if (evaluations >= maxEvaluations) {
          return result(StopReason.MAX_EVALUATIONS, gNorm, iterations);
        }
        computeDirection();
        double slope = dot(direction, g);
        if (!(slope < 0)) {
          // Rounding made the quasi-Newton direction useless: restart from steepest descent.
          history = 0;
          computeDirection();
          slope = dot(direction, g);
        }
        // Without curvature information, make the first trial step at most unit length.
        double initialStep = history == 0 ? Math.min(1.0, 1.0 / gNorm) : 1.0;
        Search outcome = lineSearch(slope, initialStep);
        if (outcome == Search.OUT_OF_EVALUATIONS) {
          return result(StopReason.MAX_EVALUATIONS, gNorm, iterations);
        }
        if (outcome == Search.FAILED) {
          if (history > 0) {
            history = 0; // retry once along steepest descent
            continue;
          }
          return result(StopReason.LINE_SEARCH_FAILED, gNorm, iterations);
        }
        iterations++;
        updateHistory();
        double fPrevious = f;
        double[] swap = x;
        x = xTrial;
        xTrial = swap;
        swap = g;
        g = gTrial;
        gTrial = swap;
        f = fTrial;
        gNorm = GradientClipping.checkedNorm("gradient", g);
        if (gNorm <= gradientTolerance) {
          return result(StopReason.GRADIENT_TOLERANCE, gNorm, iterations);
        }
        double scale = Math.max(Math.max(Math.abs(fPrevious), Math.abs(f)), 1.0);
        if (functionTolerance > 0 && fPrevious - f <= functionTolerance * scale) {
          return result(StopReason.FUNCTION_TOLERANCE, gNorm, iterations);
        }
        if (checkpoint != null && iterations % every == 0) {
          save(checkpoint);
        }
      }
    }

    // ---- checkpoints: the state at the top of an iteration ----

    private long payloadLength() {
      return 4L * 4 + 8L * 4 + 4L * 6 + 8 + 8L * n * 2 + 8L * memory * n * 2 + 8L * memory;
    }

    private void save(Path checkpoint) throws IOException {
      CheckpointFile.write(checkpoint, CHECKPOINT_MAGIC, CHECKPOINT_VERSION, payloadLength(),
          out -> {
            out.writeInt(n);
            out.writeInt(memory);
            out.writeInt(maxIterations);
            out.writeInt(maxEvaluations);
            out.writeDouble(gradientTolerance);
            out.writeDouble(functionTolerance);
            out.writeDouble(c1);
            out.writeDouble(c2);
            out.writeInt(iterations);
            out.writeInt(evaluations);
            out.writeInt(history);
            out.writeInt(newest);
            out.writeInt(0); // reserved
            out.writeInt(0); // reserved
            out.writeDouble(f);
            writeAll(out, x);
            writeAll(out, g);
            for (int k = 0; k < memory; k++) {
              writeAll(out, s[k]);
              writeAll(out, y[k]);
            }
            writeAll(out, rho);
          }, java.util.function.UnaryOperator.identity());
    }

    private void restore(Path checkpoint) throws IOException {
      long length = CheckpointFile.check(checkpoint, CHECKPOINT_MAGIC, CHECKPOINT_VERSION,
          "an Adjoint L-BFGS checkpoint", "L-BFGS checkpoint");
      if (length != payloadLength()) {
        throw new CheckpointException(checkpoint, "L-BFGS checkpoint", "holds " + length
            + " payload bytes; a run of dimension " + n + " with memory " + memory + " needs "
            + payloadLength() + " (another problem or other settings?)");
      }
      try (DataInputStream in = new DataInputStream(
          new java.io.BufferedInputStream(Files.newInputStream(checkpoint), 1 << 16))) {
        in.skipNBytes(CheckpointFile.HEADER_BYTES);
        expect(checkpoint, "dimension", in.readInt(), n);
        expect(checkpoint, "memory", in.readInt(), memory);
        expect(checkpoint, "maxIterations", in.readInt(), maxIterations);
        expect(checkpoint, "maxEvaluations", in.readInt(), maxEvaluations);
        expect(checkpoint, "gradientTolerance", in.readDouble(), gradientTolerance);
        expect(checkpoint, "functionTolerance", in.readDouble(), functionTolerance);
        expect(checkpoint, "c1", in.readDouble(), c1);
        expect(checkpoint, "c2", in.readDouble(), c2);
        iterations = in.readInt();
        evaluations = in.readInt();
        history = in.readInt();
        newest = in.readInt();
        in.readInt();
        in.readInt();
        f = in.readDouble();
        readAll(in, x);
        readAll(in, g);
        for (int k = 0; k < memory; k++) {
          readAll(in, s[k]);
          readAll(in, y[k]);
        }
        readAll(in, rho);
      }
      if (iterations < 0 || evaluations < 1 || history < 0 || history > memory
          || newest < -1 || newest >= memory || !Double.isFinite(f)) {
        throw new CheckpointException(checkpoint, "L-BFGS checkpoint",
            "invalid content: counters iterations " + iterations + ", evaluations "
                + evaluations + ", history " + history + ", newest " + newest + ", value " + f);
      }
      resumed = true;
    }

    private static void expect(Path file, String what, double found, double expected)
        throws CheckpointException {
      if (Double.doubleToLongBits(found) != Double.doubleToLongBits(expected)) {
        throw new CheckpointException(file, "L-BFGS checkpoint", "was written with " + what + " "
            + found + ", this L-BFGS has " + expected);
      }
    }

    private Result result(StopReason reason, double gNorm, int iterations) {
      return new Result(reason, x.clone(), f, gNorm, iterations, evaluations);
    }

    /** direction = −H·g by the two-loop recursion (Algorithm 7.4), H₀ = (sᵀy / yᵀy)·I. */
    private void computeDirection() {
      double[] q = direction;
      for (int i = 0; i < n; i++) {
        q[i] = -g[i];
      }
      if (history == 0) {
        return;
      }
      int k = newest;
      for (int j = 0; j < history; j++) {
        alpha[k] = rho[k] * dot(s[k], q);
        axpy(-alpha[k], y[k], q);
        k = k == 0 ? memory - 1 : k - 1;
      }
      double gamma = dot(s[newest], y[newest]) / dot(y[newest], y[newest]);
      for (int i = 0; i < n; i++) {
        q[i] *= gamma;
      }
      k = (newest - history + 1 + memory) % memory;
      for (int j = 0; j < history; j++) {
        double beta = rho[k] * dot(y[k], q);
        axpy(alpha[k] - beta, s[k], q);
        k = k == memory - 1 ? 0 : k + 1;
      }
    }

    private void updateHistory() {
      int k = newest == memory - 1 ? 0 : newest + 1;
      double[] sk = s[k];
      double[] yk = y[k];
      for (int i = 0; i < n; i++) {
        sk[i] = xTrial[i] - x[i];
        yk[i] = gTrial[i] - g[i];
      }
      double sy = dot(sk, yk);
      double yy = dot(yk, yk);
      // Keep the inverse-Hessian approximation positive definite: skip pairs without curvature.
      if (sy > 1e-10 * yy && yy > 0 && Double.isFinite(sy)) {
        rho[k] = 1 / sy;
        newest = k;
        history = Math.min(history + 1, memory);
      }
    }

    // ---- strong-Wolfe line search (Nocedal & Wright, Algorithms 3.5 and 3.6) ----

    private static final int MAX_BRACKET_STEPS = 50;
    private static final int MAX_ZOOM_STEPS = 50;
    /** Relative size of the function differences treated as rounding noise. */
    private static final double NOISE = 1e-12;

    private double fLow;
    private double dLow;
    private double aLow;

    /** Evaluates φ(a) = f(x + a·d) into xTrial/gTrial/fTrial; returns φ'(a), NaN if not finite. */
    private double evaluate(double a) {
      for (int i = 0; i < n; i++) {
        xTrial[i] = x[i] + a * direction[i];
      }
      evaluations++;
      fTrial = objective.valueAndGradient(xTrial, gTrial);
      double slope = dot(gTrial, direction);
      if (!Double.isFinite(fTrial) || !Double.isFinite(slope)) {
        fTrial = Double.POSITIVE_INFINITY; // reads as "step too long" below
        return Double.NaN;
      }
      return slope;
    }

    /**
     * The Armijo condition φ(a) ≤ φ(0) + c₁·a·φ'(0), or, when φ(a) is within rounding noise of
     * φ(0), Hager and Zhang's approximate form φ'(a) ≤ (1 − 2c₁)·|φ'(0)|: near a minimum the
     * decrease falls below the precision of f while the slope is still informative, and the
     * exact test would reject every step.
     */
    private boolean sufficientDecrease(double f0, double slope0, double a, double fa, double da) {
      if (fa <= f0 + c1 * a * slope0) {
        return true;
      }
      double noise = NOISE * Math.abs(f0);
      return fa <= f0 + noise && da <= (2 * c1 - 1) * slope0;
    }

    private boolean outOfEvaluations() {
      return evaluations >= maxEvaluations;
    }

    /** Makes the remembered low point the trial point (no evaluation needed). */
    private Search acceptLow() {
      for (int i = 0; i < n; i++) {
        xTrial[i] = x[i] + aLow * direction[i];
      }
      System.arraycopy(gLow, 0, gTrial, 0, n);
      fTrial = fLow;
      return Search.ACCEPTED;
    }

    private void rememberLow(double a, double fa, double da) {
      aLow = a;
      fLow = fa;
      dLow = da;
      System.arraycopy(gTrial, 0, gLow, 0, n);
    }

    private Search lineSearch(double slope0, double initialStep) {
      double f0 = f;
      double aPrevious = 0;
      double fPrevious = f0;
      double dPrevious = slope0;
      aLow = 0;
      double a = initialStep;
      for (int i = 0; i < MAX_BRACKET_STEPS; i++) {
        if (outOfEvaluations()) {
          return aLow > 0 ? acceptLow() : Search.OUT_OF_EVALUATIONS;
        }
        double da = evaluate(a);
        double fa = fTrial;
        if (!sufficientDecrease(f0, slope0, a, fa, da) || (i > 0 && fa >= fPrevious)) {
          return zoom(f0, slope0, aPrevious, fPrevious, dPrevious, a, fa, da);
        }
        if (Math.abs(da) <= -c2 * slope0) {
          return Search.ACCEPTED;
        }
        if (da >= 0) {
          rememberLow(a, fa, da);
          return zoom(f0, slope0, a, fa, da, aPrevious, fPrevious, dPrevious);
        }
        // Sufficient decrease holds but the slope is still steep: remember, then extrapolate.
        rememberLow(a, fa, da);
        aPrevious = a;
        fPrevious = fa;
        dPrevious = da;
        a *= 4;
      }
      return aLow > 0 ? acceptLow() : Search.FAILED;
    }

    /**
     * Algorithm 3.6. Invariants: the low end satisfies sufficient decrease and has the lowest
     * value seen in the bracket; the bracket contains a strong-Wolfe point. The low end's
     * gradient is kept in {@code gLow}, so it can be accepted without re-evaluating.
     */
    private Search zoom(
        double f0, double slope0, double lo, double fLo, double dLo, double hi, double fHi, double dHi) {
      for (int j = 0; j < MAX_ZOOM_STEPS; j++) {
        double width = Math.abs(hi - lo);
        if (width <= 1e-16 * Math.max(Math.abs(lo), Math.abs(hi))) {
          break;
        }
        double a = cubicMinimizer(lo, fLo, dLo, hi, fHi, dHi);
        double lower = Math.min(lo, hi) + 0.1 * width;
        double upper = Math.max(lo, hi) - 0.1 * width;
        if (!(a >= lower && a <= upper)) {
          a = 0.5 * (lo + hi); // safeguard: bisect when the cubic is unreliable or too close to an end
        }
        if (outOfEvaluations()) {
          return aLow > 0 ? acceptLow() : Search.OUT_OF_EVALUATIONS;
        }
        double da = evaluate(a);
        double fa = fTrial;
        if (!sufficientDecrease(f0, slope0, a, fa, da) || fa >= fLo) {
          hi = a;
          fHi = fa;
          dHi = da;
        } else {
          if (Math.abs(da) <= -c2 * slope0) {
            return Search.ACCEPTED;
          }
          if (da * (hi - lo) >= 0) {
            hi = lo;
            fHi = fLo;
            dHi = dLo;
          }
          lo = a;
          fLo = fa;
          dLo = da;
          rememberLow(a, fa, da);
        }
      }
      // No curvature condition within the budget; a point with sufficient decrease is still progress.
      return aLow > 0 ? acceptLow() : Search.FAILED;
    }
  }

  private enum Search {
    ACCEPTED,
    FAILED,
    OUT_OF_EVALUATIONS
  }

  /**
   * Minimiser of the cubic interpolating φ and φ' at a and b (Nocedal &amp; Wright, eq. 3.59);
   * NaN when it does not exist, which callers replace by bisection.
   */
  static double cubicMinimizer(double a, double fa, double da, double b, double fb, double db) {
    double d1 = da + db - 3 * (fa - fb) / (a - b);
    double discriminant = d1 * d1 - da * db;
    if (!(discriminant >= 0) || !Double.isFinite(discriminant)) {
      return Double.NaN;
    }
    double d2 = Math.copySign(Math.sqrt(discriminant), b - a);
    return b - (b - a) * (db + d2 - d1) / (db - da + 2 * d2);
  }

  private static void writeAll(DataOutputStream out, double[] values) throws IOException {
    for (double v : values) {
      out.writeDouble(v);
    }
  }

  private static void readAll(DataInputStream in, double[] into) throws IOException {
    for (int i = 0; i < into.length; i++) {
      into[i] = in.readDouble();
    }
  }

  private static double dot(double[] a, double[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  private static void axpy(double factor, double[] a, double[] target) {
    for (int i = 0; i < a.length; i++) {
      target[i] += factor * a[i];
    }
  }

  /** Builder for {@link Lbfgs}; see the class documentation for the defaults. */
  public static final class Builder {
    private int memory = 10;
    private double gradientTolerance = 1e-8;
    private double functionTolerance = 1e-12;
    private int maxIterations = 1_000;
    private int maxEvaluations = 10_000;
    private double c1 = 1e-4;
    private double c2 = 0.9;

    private Builder() {}

    /** Number of correction pairs kept (&gt; 0). */
    public Builder memory(int memory) {
      this.memory = Arguments.positive("memory", memory);
      return this;
    }

    /** Stop when the gradient's Euclidean norm is at most this (finite, &ge; 0). */
    public Builder gradientTolerance(double tolerance) {
      this.gradientTolerance = Arguments.nonNegative("gradientTolerance", tolerance);
      return this;
    }

    /** Stop when the relative decrease of f in one iteration is at most this (finite, &ge; 0; 0 disables the test). */
    public Builder functionTolerance(double tolerance) {
      this.functionTolerance = Arguments.nonNegative("functionTolerance", tolerance);
      return this;
    }

    /** Maximum number of iterations (&gt; 0). */
    public Builder maxIterations(int maxIterations) {
      this.maxIterations = Arguments.positive("maxIterations", maxIterations);
      return this;
    }

    /** Maximum number of objective evaluations, the first one included (&gt; 0). */
    public Builder maxEvaluations(int maxEvaluations) {
      this.maxEvaluations = Arguments.positive("maxEvaluations", maxEvaluations);
      return this;
    }

    /** The Wolfe constants, {@code 0 < c1 < c2 < 1}. */
    public Builder wolfeConstants(double c1, double c2) {
      if (!(c1 > 0 && c1 < c2 && c2 < 1)) {
        throw new IllegalArgumentException(
            "wolfeConstants must satisfy 0 < c1 < c2 < 1, got c1 = " + c1 + ", c2 = " + c2);
      }
      this.c1 = c1;
      this.c2 = c2;
      return this;
    }

    /** Builds the minimizer. */
    public Lbfgs build() {
      return new Lbfgs(this);
    }
  }
}
