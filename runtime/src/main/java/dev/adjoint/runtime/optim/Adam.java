package dev.adjoint.runtime.optim;

/**
 * Adam and AdamW, as {@code torch.optim.Adam} and {@code torch.optim.AdamW} (without
 * amsgrad). With {@code g} the (clipped) gradient, {@code t} the 1-based step, {@code γ} the
 * learning rate and {@code λ} the weight decay, each step does
 *
 * <pre>
 * Adam:   g ← g + λ·θ                         AdamW:  θ ← θ·(1 − γ·λ)
 * m ← β₁·m + (1 − β₁)·g
 * v ← β₂·v + (1 − β₂)·g²
 * θ ← θ − (γ / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε)
 * </pre>
 *
 * <p>Defaults (PyTorch's): learning rate 1e-3, β₁ = 0.9, β₂ = 0.999, ε = 1e-8; weight decay 0
 * for {@link #builder() Adam} and 1e-2 for {@link #adamWBuilder() AdamW}.
 */
public final class Adam extends Optimizer {
  private final double beta1;
  private final double beta2;
  private final double epsilon;
  private final double weightDecay;
  private final boolean decoupled;
  private final double[] m;
  private final double[] v;

  private Adam(Builder b, int dimension) {
    super(dimension, b.schedule, b.maxGradientNorm);
    this.beta1 = b.beta1;
    this.beta2 = b.beta2;
    this.epsilon = b.epsilon;
    this.weightDecay = b.weightDecay;
    this.decoupled = b.decoupled;
    this.m = new double[dimension];
    this.v = new double[dimension];
  }

  /** A builder for Adam (L2 weight decay added to the gradient) with PyTorch's defaults. */
  public static Builder builder() {
    return new Builder(false);
  }

  /** A builder for AdamW (decoupled weight decay, default 1e-2) with PyTorch's defaults. */
  public static Builder adamWBuilder() {
    return new Builder(true).weightDecay(1e-2);
  }

  @Override
  void update(double[] params, double[] gradient, double scale, double rate, long step) {
    // Bias corrections folded into the step size and the denominator, as PyTorch's
    // single-tensor implementation does: one division per element, no m̂/v̂ arrays.
    double biasCorrection1 = 1 - Math.pow(beta1, step);
    double biasCorrection2Sqrt = Math.sqrt(1 - Math.pow(beta2, step));
    double stepSize = rate / biasCorrection1;
    double decay = 1 - rate * weightDecay;
    for (int i = 0; i < params.length; i++) {
      double g = gradient[i] * scale;
      if (weightDecay != 0) {
        if (decoupled) {
          params[i] *= decay;
        } else {
          g += weightDecay * params[i];
        }
      }
      double mi = beta1 * m[i] + (1 - beta1) * g;
      double vi = beta2 * v[i] + (1 - beta2) * g * g;
      m[i] = mi;
      v[i] = vi;
      params[i] -= stepSize * (mi / (Math.sqrt(vi) / biasCorrection2Sqrt + epsilon));
    }
  }

  @Override
  public OptimizerKind kind() {
    return decoupled ? OptimizerKind.ADAMW : OptimizerKind.ADAM;
  }

  /** β₁. */
  public double beta1() {
    return beta1;
  }

  /** β₂. */
  public double beta2() {
    return beta2;
  }

  /** ε. */
  public double epsilon() {
    return epsilon;
  }

  /** The weight decay λ (decoupled for AdamW, L2 for Adam). */
  public double weightDecay() {
    return weightDecay;
  }

  @Override
  double[] hyperParameters() {
    return new double[] {beta1, beta2, epsilon, weightDecay};
  }

  @Override
  double[][] stateArrays() {
    return new double[][] {m, v};
  }

  static Adam fromCheckpoint(
      boolean decoupled, int dimension, LearningRateSchedule schedule, double maxNorm, double[] h) {
    Builder b = new Builder(decoupled).schedule(schedule).betas(h[0], h[1]).epsilon(h[2]);
    b.weightDecay(h[3]).maxGradientNorm = Builder.clipFromCheckpoint(maxNorm);
    return b.build(dimension);
  }

  /** Builder for {@link Adam}; see the class documentation for the defaults. */
  public static final class Builder extends Optimizer.Builder<Builder> {
    private final boolean decoupled;
    private double beta1 = 0.9;
    private double beta2 = 0.999;
    private double epsilon = 1e-8;

    private Builder(boolean decoupled) {
      super(1e-3);
      this.decoupled = decoupled;
    }

    @Override
    Builder self() {
      return this;
    }

    /** β₁ and β₂, each in [0, 1). */
    public Builder betas(double beta1, double beta2) {
      this.beta1 = Arguments.unitInterval("beta1", beta1);
      this.beta2 = Arguments.unitInterval("beta2", beta2);
      return this;
    }

    /** ε, finite and &gt; 0. */
    public Builder epsilon(double epsilon) {
      this.epsilon = Arguments.positive("epsilon", epsilon);
      return this;
    }

    /** Builds an optimizer for parameter vectors of length {@code dimension}. */
    public Adam build(int dimension) {
      return new Adam(this, dimension);
    }
  }
}
