package dev.adjoint.runtime.optim;

/**
 * Stochastic gradient descent with optional momentum, dampening, Nesterov momentum and L2
 * weight decay, exactly as {@code torch.optim.SGD}. With {@code g} the (clipped) gradient,
 * {@code λ} the weight decay, {@code μ} the momentum, {@code τ} the dampening and {@code γ} the
 * learning rate, each step does
 *
 * <pre>
 * g ← g + λ·θ
 * if μ ≠ 0:  b ← g (first step) or μ·b + (1 − τ)·g;   g ← g + μ·b (Nesterov) or b
 * θ ← θ − γ·g
 * </pre>
 *
 * <p>Defaults (PyTorch's): learning rate 1e-3, momentum 0, dampening 0, weight decay 0, no
 * Nesterov.
 */
public final class Sgd extends Optimizer {
  private final double momentum;
  private final double dampening;
  private final double weightDecay;
  private final boolean nesterov;
  private final double[] momentumBuffer;

  private Sgd(Builder b, int dimension) {
    super(dimension, b.schedule, b.maxGradientNorm);
    this.momentum = b.momentum;
    this.dampening = b.dampening;
    this.weightDecay = b.weightDecay;
    this.nesterov = b.nesterov;
    this.momentumBuffer = momentum != 0 ? new double[dimension] : new double[0];
  }

  /** A builder with PyTorch's defaults. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  void update(double[] params, double[] gradient, double scale, double rate, long step) {
    double[] buf = momentumBuffer;
    for (int i = 0; i < params.length; i++) {
      double g = gradient[i] * scale;
      if (weightDecay != 0) {
        g += weightDecay * params[i];
      }
      if (momentum != 0) {
        double b = step == 1 ? g : momentum * buf[i] + (1 - dampening) * g;
        buf[i] = b;
        g = nesterov ? g + momentum * b : b;
      }
      params[i] -= rate * g;
    }
  }

  @Override
  public OptimizerKind kind() {
    return OptimizerKind.SGD;
  }

  /** The momentum factor μ. */
  public double momentum() {
    return momentum;
  }

  /** The dampening τ. */
  public double dampening() {
    return dampening;
  }

  /** The L2 weight decay λ. */
  public double weightDecay() {
    return weightDecay;
  }

  /** Whether Nesterov momentum is used. */
  public boolean nesterov() {
    return nesterov;
  }

  @Override
  double[] hyperParameters() {
    return new double[] {momentum, dampening, weightDecay, nesterov ? 1 : 0};
  }

  @Override
  double[][] stateArrays() {
    return new double[][] {momentumBuffer};
  }

  static Sgd fromCheckpoint(
      int dimension, LearningRateSchedule schedule, double maxNorm, double[] h) {
    Builder b = builder().schedule(schedule).momentum(h[0]).dampening(h[1]).weightDecay(h[2]);
    b.maxGradientNorm = Builder.clipFromCheckpoint(maxNorm);
    return b.nesterov(TrainingCheckpoint.flag("nesterov", h[3])).build(dimension);
  }

  /** Builder for {@link Sgd}; see the class documentation for the defaults. */
  public static final class Builder extends Optimizer.Builder<Builder> {
    private double momentum;
    private double dampening;
    private boolean nesterov;

    private Builder() {
      super(1e-3);
    }

    @Override
    Builder self() {
      return this;
    }

    /** Momentum factor μ in [0, 1). */
    public Builder momentum(double momentum) {
      this.momentum = Arguments.unitInterval("momentum", momentum);
      return this;
    }

    /** Dampening τ in [0, 1). */
    public Builder dampening(double dampening) {
      this.dampening = Arguments.unitInterval("dampening", dampening);
      return this;
    }

    /** Nesterov momentum; requires momentum &gt; 0 and dampening 0 (checked by {@link #build}). */
    public Builder nesterov(boolean nesterov) {
      this.nesterov = nesterov;
      return this;
    }

    /** Builds an optimizer for parameter vectors of length {@code dimension}. */
    public Sgd build(int dimension) {
      if (nesterov && (momentum == 0 || dampening != 0)) {
        throw new IllegalArgumentException(
            "nesterov requires momentum > 0 and dampening = 0, got momentum "
                + momentum
                + " and dampening "
                + dampening);
      }
      return new Sgd(this, dimension);
    }
  }
}
