package dev.adjoint.runtime.optim;

import java.util.Arrays;

/**
 * AdaGrad, as {@code torch.optim.Adagrad} (learning-rate decay is expressed with a {@link
 * LearningRateSchedule} instead). With {@code g} the (clipped) gradient, {@code γ} the learning
 * rate and {@code λ} the weight decay, each step does
 *
 * <pre>
 * g ← g + λ·θ
 * s ← s + g²
 * θ ← θ − γ·g / (√s + ε)
 * </pre>
 *
 * <p>Defaults (PyTorch's): learning rate 1e-2, ε = 1e-10, weight decay 0, initial accumulator
 * value 0.
 */
public final class AdaGrad extends Optimizer {
  private final double epsilon;
  private final double weightDecay;
  private final double initialAccumulatorValue;
  private final double[] sum;

  private AdaGrad(Builder b, int dimension) {
    super(dimension, b.schedule, b.maxGradientNorm);
    this.epsilon = b.epsilon;
    this.weightDecay = b.weightDecay;
    this.initialAccumulatorValue = b.initialAccumulatorValue;
    this.sum = new double[dimension];
    Arrays.fill(sum, initialAccumulatorValue);
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
      double s = sum[i] + g * g;
      sum[i] = s;
      params[i] -= rate * (g / (Math.sqrt(s) + epsilon));
    }
  }

  @Override
  public OptimizerKind kind() {
    return OptimizerKind.ADAGRAD;
  }

  /** ε. */
  public double epsilon() {
    return epsilon;
  }

  /** The L2 weight decay λ. */
  public double weightDecay() {
    return weightDecay;
  }

  /** The value every squared-gradient accumulator started from. */
  public double initialAccumulatorValue() {
    return initialAccumulatorValue;
  }

  @Override
  double[] hyperParameters() {
    return new double[] {epsilon, weightDecay, initialAccumulatorValue};
  }

  @Override
  double[][] stateArrays() {
    return new double[][] {sum};
  }

  static AdaGrad fromCheckpoint(
      int dimension, LearningRateSchedule schedule, double maxNorm, double[] h) {
    Builder b = builder().schedule(schedule).epsilon(h[0]).weightDecay(h[1]);
    b.initialAccumulatorValue(h[2]).maxGradientNorm = Builder.clipFromCheckpoint(maxNorm);
    return b.build(dimension);
  }

  /** Builder for {@link AdaGrad}; see the class documentation for the defaults. */
  public static final class Builder extends Optimizer.Builder<Builder> {
    private double epsilon = 1e-10;
    private double initialAccumulatorValue;

    private Builder() {
      super(1e-2);
    }

    @Override
    Builder self() {
      return this;
    }

    /** ε, finite and &gt; 0. */
    public Builder epsilon(double epsilon) {
      this.epsilon = Arguments.positive("epsilon", epsilon);
      return this;
    }

    /** Starting value of the squared-gradient accumulators, finite and &ge; 0. */
    public Builder initialAccumulatorValue(double value) {
      this.initialAccumulatorValue = Arguments.nonNegative("initialAccumulatorValue", value);
      return this;
    }

    /** Builds an optimizer for parameter vectors of length {@code dimension}. */
    public AdaGrad build(int dimension) {
      return new AdaGrad(this, dimension);
    }
  }
}
