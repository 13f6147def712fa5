package dev.adjoint.runtime.optim;

/**
 * Gradient clipping by global L2 norm, for callers that want to clip outside an {@link
 * Optimizer} (optimizers clip internally when built with {@code clipGradientNorm}).
 */
public final class GradientClipping {
  private GradientClipping() {}

  /**
   * Scales {@code gradient} in place so that its L2 norm is at most {@code maxNorm}, exactly as
   * {@code torch.nn.utils.clip_grad_norm_}: if the norm exceeds {@code maxNorm}, every element
   * is multiplied by {@code maxNorm / (norm + 1e-6)}.
   *
   * @return the L2 norm before clipping
   * @throws IllegalArgumentException if {@code maxNorm} is not finite and positive, or the
   *     gradient is null or holds a NaN or infinite element (it is then left unchanged)
   */
  public static double clipByGlobalNorm(double[] gradient, double maxNorm) {
    Arguments.positive("maxNorm", maxNorm);
    Arguments.notNull("gradient", gradient);
    double norm = checkedNorm("gradient", gradient);
    if (norm > maxNorm) {
      double scale = maxNorm / (norm + Optimizer.CLIP_EPSILON);
      for (int i = 0; i < gradient.length; i++) {
        gradient[i] *= scale;
      }
    }
    return norm;
  }

  /**
   * The Euclidean norm; throws, naming the element, if one is NaN or infinite. Falls back to a
   * scaled sum only when the plain sum of squares overflows, so the common case is one pass.
   */
  static double checkedNorm(String name, double[] values) {
    double sum = 0;
    for (int i = 0; i < values.length; i++) {
      double v = values[i];
      if (!Double.isFinite(v)) {
        throw Arguments.nonFinite(name, i, v);
      }
      sum += v * v;
    }
    if (Double.isFinite(sum)) {
      return Math.sqrt(sum);
    }
    double max = 0;
    for (double v : values) {
      max = Math.max(max, Math.abs(v));
    }
    double scaled = 0;
    for (double v : values) {
      double r = v / max;
      scaled += r * r;
    }
    return max * Math.sqrt(scaled);
  }
}
