package dev.adjoint.runtime.optim;

/**
 * The learning rate as a function of the number of optimizer steps already taken.
 *
 * <p>Schedules are immutable values (records), so an optimizer's schedule is part of its
 * checkpoint and a resumed run sees exactly the same rates. The formulas follow PyTorch's
 * {@code torch.optim.lr_scheduler} classes of the same names, evaluated in closed form.
 */
public sealed interface LearningRateSchedule {

  /**
   * The learning rate of the step that follows {@code step} completed steps (the first
   * update uses {@code learningRate(0)}).
   *
   * @throws IllegalArgumentException if {@code step} is negative
   */
  double learningRate(long step);

  /** A constant rate: {@code rate} at every step. */
  static LearningRateSchedule constant(double rate) {
    return new Constant(rate);
  }

  /**
   * Step decay ({@code StepLR}): {@code initialRate · gamma^⌊step / stepSize⌋}.
   */
  static LearningRateSchedule stepDecay(double initialRate, long stepSize, double gamma) {
    return new StepDecay(initialRate, stepSize, gamma);
  }

  /**
   * Cosine annealing ({@code CosineAnnealingLR}, without restarts): {@code minimumRate +
   * (initialRate − minimumRate) · (1 + cos(π · step / period)) / 2} for {@code step ≤
   * period}, then {@code minimumRate}.
   */
  static LearningRateSchedule cosineAnnealing(double initialRate, double minimumRate, long period) {
    return new CosineAnnealing(initialRate, minimumRate, period);
  }

  /**
   * Linear warm-up followed by another schedule ({@code LinearLR} then {@code SequentialLR}):
   * for {@code step < warmupSteps} the rate is {@code then.learningRate(0) · (startFactor + (1
   * − startFactor) · step / warmupSteps)}; afterwards it is {@code then.learningRate(step −
   * warmupSteps)}, so the following schedule starts from its own step 0.
   */
  static LearningRateSchedule linearWarmup(
      long warmupSteps, double startFactor, LearningRateSchedule then) {
    return new LinearWarmup(warmupSteps, startFactor, then);
  }

  /** See {@link LearningRateSchedule#constant}. */
  record Constant(double rate) implements LearningRateSchedule {
    /** Validates the rate. */
    public Constant {
      Arguments.positive("rate", rate);
    }

    @Override
    public double learningRate(long step) {
      requireStep(step);
      return rate;
    }
  }

  /** See {@link LearningRateSchedule#stepDecay}. */
  record StepDecay(double initialRate, long stepSize, double gamma)
      implements LearningRateSchedule {
    /** Validates the arguments; {@code gamma} must be in (0, 1]. */
    public StepDecay {
      Arguments.positive("initialRate", initialRate);
      Arguments.positive("stepSize", stepSize);
      if (!(gamma > 0 && gamma <= 1)) {
        throw new IllegalArgumentException("gamma must be in (0, 1], got " + gamma);
      }
    }

    @Override
    public double learningRate(long step) {
      requireStep(step);
      return initialRate * Math.pow(gamma, (double) (step / stepSize));
    }
  }

  /** See {@link LearningRateSchedule#cosineAnnealing}. */
  record CosineAnnealing(double initialRate, double minimumRate, long period)
      implements LearningRateSchedule {
    /** Validates the arguments; {@code 0 ≤ minimumRate ≤ initialRate}. */
    public CosineAnnealing {
      Arguments.positive("initialRate", initialRate);
      Arguments.nonNegative("minimumRate", minimumRate);
      if (minimumRate > initialRate) {
        throw new IllegalArgumentException(
            "minimumRate must be <= initialRate, got " + minimumRate + " > " + initialRate);
      }
      Arguments.positive("period", period);
    }

    @Override
    public double learningRate(long step) {
      requireStep(step);
      if (step >= period) {
        return minimumRate;
      }
      return minimumRate
          + (initialRate - minimumRate) * (1 + Math.cos(Math.PI * step / period)) / 2;
    }
  }

  /** See {@link LearningRateSchedule#linearWarmup}. */
  record LinearWarmup(long warmupSteps, double startFactor, LearningRateSchedule then)
      implements LearningRateSchedule {
    /** Validates the arguments; {@code startFactor} must be in (0, 1]. */
    public LinearWarmup {
      Arguments.positive("warmupSteps", warmupSteps);
      if (!(startFactor > 0 && startFactor <= 1)) {
        throw new IllegalArgumentException("startFactor must be in (0, 1], got " + startFactor);
      }
      Arguments.notNull("then", then);
    }

    @Override
    public double learningRate(long step) {
      requireStep(step);
      if (step < warmupSteps) {
        double factor = startFactor + (1 - startFactor) * step / warmupSteps;
        return then.learningRate(0) * factor;
      }
      return then.learningRate(step - warmupSteps);
    }
  }

  private static void requireStep(long step) {
    if (step < 0) {
      throw new IllegalArgumentException("step must be >= 0, got " + step);
    }
  }
}
