package dev.adjoint.runtime.optim;

/**
 * A first-order optimizer that updates a {@code double[]} parameter vector in place from its
 * gradient.
 *
 * <p>All buffers (moments, momentum) are allocated when the optimizer is built, for a fixed
 * {@linkplain #dimension() dimension}; {@link #step} allocates nothing. Every step first checks
 * its arguments (lengths, finite values) and throws {@link IllegalArgumentException} naming the
 * offending array and index before anything is modified, so a NaN never propagates silently
 * into the parameters or the optimizer state.
 *
 * <p>Each step: (1) the gradient is scaled down if its global L2 norm exceeds {@link
 * #maxGradientNorm()} (as {@code torch.nn.utils.clip_grad_norm_}: factor {@code max / (norm +
 * 1e-6)}), without modifying the caller's array; (2) the learning rate is {@code
 * schedule().learningRate(stepCount())}; (3) the subclass applies its update rule; (4) the step
 * count increases by one. The update rules and defaults follow PyTorch's {@code torch.optim}.
 *
 * <p>The complete state, hyper-parameters included, can be saved and restored with {@link
 * TrainingCheckpoint}; a restored optimizer continues bit-identically. Instances are not
 * thread-safe.
 */
public abstract sealed class Optimizer permits Sgd, Adam, RmsProp, AdaGrad {
  /** Added to the norm in the clipping factor, as PyTorch does, so the clipped norm stays below the bound. */
  static final double CLIP_EPSILON = 1e-6;

  private final int dimension;
  private final LearningRateSchedule schedule;
  private final double maxGradientNorm;
  private long stepCount;
  private double lastGradientNorm = Double.NaN;

  Optimizer(int dimension, LearningRateSchedule schedule, double maxGradientNorm) {
    this.dimension = Arguments.positive("dimension", dimension);
    this.schedule = Arguments.notNull("schedule", schedule);
    this.maxGradientNorm = maxGradientNorm;
  }

  /**
   * Performs one update of {@code params} (in place) from {@code gradient}, which is read but
   * not modified.
   *
   * @throws IllegalArgumentException if either array is null, has a length other than {@link
   *     #dimension()}, or holds a NaN or infinite element (nothing is modified then)
   */
  public final void step(double[] params, double[] gradient) {
    Arguments.finiteVector("params", params, dimension);
    Arguments.notNull("gradient", gradient);
    if (gradient.length != dimension) {
      throw new IllegalArgumentException(
          "gradient has length " + gradient.length + ", expected " + dimension);
    }
    if (params == gradient) {
      throw new IllegalArgumentException("params and gradient must be different arrays");
    }
    double norm = GradientClipping.checkedNorm("gradient", gradient);
    double scale = 1.0;
    if (norm > maxGradientNorm) {
      scale = maxGradientNorm / (norm + CLIP_EPSILON);
    }
    double rate = schedule.learningRate(stepCount);
    update(params, gradient, scale, rate, stepCount + 1);
    stepCount++;
    lastGradientNorm = norm;
  }

  /**
   * Applies the update rule.
   *
   * @param scale clipping factor to multiply every gradient element by (exactly 1 when not
   *     clipping, so the unclipped rule is reproduced bit for bit)
   * @param step the 1-based number of this step (bias corrections use it)
   */
  abstract void update(double[] params, double[] gradient, double scale, double rate, long step);

  /** Which update rule this is; recorded in checkpoints. */
  public abstract OptimizerKind kind();

  /** The length of the parameter vectors this optimizer accepts. */
  public final int dimension() {
    return dimension;
  }

  /** Number of completed {@link #step} calls (restored from a checkpoint). */
  public final long stepCount() {
    return stepCount;
  }

  /** The learning-rate schedule. */
  public final LearningRateSchedule schedule() {
    return schedule;
  }

  /** The learning rate the next step will use. */
  public final double currentLearningRate() {
    return schedule.learningRate(stepCount);
  }

  /** The global L2 norm above which gradients are clipped; {@code +∞} means no clipping. */
  public final double maxGradientNorm() {
    return maxGradientNorm;
  }

  /** The global L2 norm of the last gradient passed to {@link #step}, before clipping; NaN before the first step. */
  public final double lastGradientNorm() {
    return lastGradientNorm;
  }

  // ---- checkpoint support (package-private; see TrainingCheckpoint) ----

  /** The kind-specific hyper-parameters in a fixed order, as stored in checkpoints. */
  abstract double[] hyperParameters();

  /** The live state arrays in a fixed order (empty arrays for unused buffers). */
  abstract double[][] stateArrays();

  void restoreStepCount(long steps) {
    this.stepCount = steps;
  }

  /**
   * Common settings of all optimizer builders.
   *
   * @param <B> the concrete builder type, returned by the setters
   */
  public abstract static sealed class Builder<B extends Builder<B>>
      permits Sgd.Builder, Adam.Builder, RmsProp.Builder, AdaGrad.Builder {
    LearningRateSchedule schedule;
    double maxGradientNorm = Double.POSITIVE_INFINITY;
    double weightDecay;

    Builder(double defaultRate) {
      this.schedule = LearningRateSchedule.constant(defaultRate);
    }

    abstract B self();

    /** Sets a constant learning rate (finite, &gt; 0). */
    public final B learningRate(double rate) {
      this.schedule = LearningRateSchedule.constant(Arguments.positive("learningRate", rate));
      return self();
    }

    /** Sets a learning-rate schedule (replaces any constant rate). */
    public final B schedule(LearningRateSchedule schedule) {
      this.schedule = Arguments.notNull("schedule", schedule);
      return self();
    }

    /** Clips gradients whose global L2 norm exceeds {@code maxNorm} (finite, &gt; 0). Default: no clipping. */
    public final B clipGradientNorm(double maxNorm) {
      this.maxGradientNorm = Arguments.positive("maxGradientNorm", maxNorm);
      return self();
    }

    /** Sets the weight decay (finite, &ge; 0); its meaning is documented by each optimizer. */
    public final B weightDecay(double weightDecay) {
      this.weightDecay = Arguments.nonNegative("weightDecay", weightDecay);
      return self();
    }

    static double clipFromCheckpoint(double maxNorm) {
      return maxNorm == Double.POSITIVE_INFINITY ? maxNorm : Arguments.positive("maxGradientNorm", maxNorm);
    }
  }
}
