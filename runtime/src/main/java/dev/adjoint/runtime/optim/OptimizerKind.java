package dev.adjoint.runtime.optim;

/** The update rule of an {@link Optimizer}; the code is what checkpoints store. */
public enum OptimizerKind {
  /** {@link Sgd}: stochastic gradient descent, optionally with (Nesterov) momentum. */
  SGD(1),
  /** {@link Adam} with L2 weight decay added to the gradient. */
  ADAM(2),
  /** {@link Adam} with decoupled weight decay (AdamW). */
  ADAMW(3),
  /** {@link RmsProp}. */
  RMSPROP(4),
  /** {@link AdaGrad}. */
  ADAGRAD(5);

  private final int code;

  OptimizerKind(int code) {
    this.code = code;
  }

  /** The stable code written into checkpoints (never reused for another kind). */
  public int code() {
    return code;
  }

  static OptimizerKind ofCode(int code) {
    for (OptimizerKind kind : values()) {
      if (kind.code == code) {
        return kind;
      }
    }
    return null;
  }
}
