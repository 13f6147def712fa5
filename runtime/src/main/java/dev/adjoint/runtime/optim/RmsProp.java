package dev.adjoint.runtime.optim;

/**
 * RMSProp, as {@code torch.optim.RMSprop}. With {@code g} the (clipped) gradient, {@code γ} the
 * learning rate, {@code α} the smoothing constant, {@code λ} the weight decay and {@code μ} the
 * momentum, each step does
 *
 * <pre>
 * g ← g + λ·θ
 * v ← α·v + (1 − α)·g²
 * centered:  ḡ ← α·ḡ + (1 − α)·g;  d ← √max(v − ḡ², 0) + ε      otherwise  d ← √v + ε
 * μ ≠ 0:  b ← μ·b + g / d;  θ ← θ − γ·b                            otherwise  θ ← θ − γ·g / d
 * </pre>
 *
 * <p>(The {@code max(·, 0)} guards against rounding making the centered variance slightly
 * negative; PyTorch has no such guard.) Defaults (PyTorch's): learning rate 1e-2, α = 0.99, ε =
 * 1e-8, weight decay 0, momentum 0, not centered.
 */
public final class RmsProp extends Optimizer {
  private final double alpha;
  private final double epsilon;
  private final double weightDecay;
  private final double momentum;
  private final boolean centered;
  private final double[] squareAverage;
  private final double[] gradientAverage;
  private final double[] momentumBuffer;

  private RmsProp(Builder b, int dimension) {
    super(dimension, b.schedule, b.maxGradientNorm);
    this.alpha = b.alpha;
    this.epsilon = b.epsilon;
    this.weightDecay = b.weightDecay;
    this.momentum = b.momentum;
    this.centered = b.centered;
    this.squareAverage = new double[dimension];
    this.gradientAverage = centered ? new double[dimension] : new double[0];
    this.momentumBuffer = momentum != 0 ? new double[dimension] : new double[0];
  }

  /** A builder with PyTorch's defaults. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  void update(double[] params, double[] gradient, double scale, double rate, long step) {
    for (int i = 0; i < params.length; i++) {
      double g = gradient[i] * scale;
      if (weightDecay != 0) {
        g += weightDecay * params[i];
      }
      double v = alpha * squareAverage[i] + (1 - alpha) * g * g;
      squareAverage[i] = v;
      double denominator;
      if (centered) {
        double mean = alpha * gradientAverage[i] + (1 - alpha) * g;
        gradientAverage[i] = mean;
        denominator = Math.sqrt(Math.max(v - mean * mean, 0)) + epsilon;
      } else {
        denominator = Math.sqrt(v) + epsilon;
      }
      if (momentum != 0) {
        double b = momentum * momentumBuffer[i] + g / denominator;
        momentumBuffer[i] = b;
        params[i] -= rate * b;
      } else {
        params[i] -= rate * (g / denominator);
      }
    }
  }

  @Override
  public OptimizerKind kind() {
    return OptimizerKind.RMSPROP;
  }

  /** The smoothing constant α. */
  public double alpha() {
    return alpha;
  }

  /** ε. */
  public double epsilon() {
    return epsilon;
  }

  /** The L2 weight decay λ. */
  public double weightDecay() {
    return weightDecay;
  }

  /** The momentum μ. */
  public double momentum() {
    return momentum;
  }

  /** Whether the gradient is centered by its running mean. */
  public boolean centered() {
    return centered;
  }

  @Override
  double[] hyperParameters() {
    return new double[] {alpha, epsilon, weightDecay, momentum, centered ? 1 : 0};
  }

  @Override
  double[][] stateArrays() {
    return new double[][] {squareAverage, gradientAverage, momentumBuffer};
  }

  static RmsProp fromCheckpoint(
      int dimension, LearningRateSchedule schedule, double maxNorm, double[] h) {
    Builder b = builder().schedule(schedule).alpha(h[0]).epsilon(h[1]).weightDecay(h[2]);
    b.momentum(h[3]).centered(TrainingCheckpoint.flag("centered", h[4]));
    b.maxGradientNorm = Builder.clipFromCheckpoint(maxNorm);
    return b.build(dimension);
  }

  /** Builder for {@link RmsProp}; see the class documentation for the defaults. */
  public static final class Builder extends Optimizer.Builder<Builder> {
    private double alpha = 0.99;
    private double epsilon = 1e-8;
    private double momentum;
    private boolean centered;

    private Builder() {
      super(1e-2);
    }

    @Override
    Builder self() {
      return this;
    }

    /** The smoothing constant α in [0, 1). */
    public Builder alpha(double alpha) {
      this.alpha = Arguments.unitInterval("alpha", alpha);
      return this;
    }

    /** ε, finite and &gt; 0. */
    public Builder epsilon(double epsilon) {
      this.epsilon = Arguments.positive("epsilon", epsilon);
      return this;
    }

    /** Momentum μ in [0, 1). */
    public Builder momentum(double momentum) {
      this.momentum = Arguments.unitInterval("momentum", momentum);
      return this;
    }

    /** Centered RMSProp (normalises by an estimate of the gradient's variance). */
    public Builder centered(boolean centered) {
      this.centered = centered;
      return this;
    }

    /** Builds an optimizer for parameter vectors of length {@code dimension}. */
    public RmsProp build(int dimension) {
      return new RmsProp(this, dimension);
    }
  }
}
