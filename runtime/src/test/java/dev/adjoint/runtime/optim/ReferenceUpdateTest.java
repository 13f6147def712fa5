package dev.adjoint.runtime.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each optimizer against a plain re-implementation of the update rule as PyTorch documents it
 * (the pseudo-code on the torch.optim pages), on random parameters, gradients and
 * hyper-parameters drawn from a seeded {@link SplittableRandom}. The references use the
 * textbook form (e.g. bias-corrected m̂ and v̂ for Adam), not the code's arrangement, so they
 * agree to rounding, not bit for bit.
 */
class ReferenceUpdateTest {
  private static final int STEPS = 12;

  static LongStream seeds() {
    return LongStream.range(0, 40).map(i -> 0x5EED_0000L + i);
  }

  /** Random problem data: dimension, start, a gradient per step. */
  private static final class Data {
    final int n;
    final double[] start;
    final double[][] gradients;
    final double rate;
    final double clip;

    Data(SplittableRandom random) {
      n = 1 + random.nextInt(7);
      start = new double[n];
      for (int i = 0; i < n; i++) {
        start[i] = random.nextDouble(-3, 3);
      }
      gradients = new double[STEPS][n];
      for (double[] g : gradients) {
        for (int i = 0; i < n; i++) {
          g[i] = random.nextDouble(-2, 2);
        }
      }
      rate = random.nextDouble(1e-3, 0.3);
      // Half of the cases clip, with a bound below the typical gradient norm.
      clip = random.nextBoolean() ? random.nextDouble(0.2, 2) : Double.POSITIVE_INFINITY;
    }

    /** The gradient of step t, clipped as clip_grad_norm_ documents. */
    double[] clipped(int t) {
      double[] g = gradients[t].clone();
      double norm = 0;
      for (double v : g) {
        norm += v * v;
      }
      norm = Math.sqrt(norm);
      if (norm > clip) {
        for (int i = 0; i < n; i++) {
          g[i] *= clip / (norm + 1e-6);
        }
      }
      return g;
    }
  }

  private static <B extends Optimizer.Builder<B>> B common(B builder, Data d) {
    builder.learningRate(d.rate);
    if (d.clip != Double.POSITIVE_INFINITY) {
      builder.clipGradientNorm(d.clip);
    }
    return builder;
  }

  private static double[] run(Optimizer optimizer, Data d) {
    double[] params = d.start.clone();
    for (int t = 0; t < STEPS; t++) {
      optimizer.step(params, d.gradients[t].clone());
    }
    assertEquals(STEPS, optimizer.stepCount());
    return params;
  }

  private static void assertClose(double[] expected, double[] actual) {
    for (int i = 0; i < expected.length; i++) {
      double tolerance = 1e-12 * Math.max(1, Math.abs(expected[i]));
      if (!(Math.abs(expected[i] - actual[i]) <= tolerance)) {
        fail("element " + i + ": expected " + expected[i] + " but was " + actual[i]);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void sgdMatchesTheDocumentedRule(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Data d = new Data(random);
    double momentum = random.nextBoolean() ? 0 : random.nextDouble(0.1, 0.95);
    boolean nesterov = momentum > 0 && random.nextBoolean();
    double dampening = nesterov || random.nextBoolean() ? 0 : random.nextDouble(0, 0.5);
    double decay = random.nextBoolean() ? 0 : random.nextDouble(0, 0.1);

    double[] theta = d.start.clone();
    double[] b = new double[d.n];
    for (int t = 1; t <= STEPS; t++) {
      double[] g = d.clipped(t - 1);
      for (int i = 0; i < d.n; i++) {
        if (decay != 0) {
          g[i] = g[i] + decay * theta[i];
        }
        if (momentum != 0) {
          b[i] = t > 1 ? momentum * b[i] + (1 - dampening) * g[i] : g[i];
          g[i] = nesterov ? g[i] + momentum * b[i] : b[i];
        }
        theta[i] = theta[i] - d.rate * g[i];
      }
    }

    Sgd sgd =
        common(Sgd.builder(), d)
            .momentum(momentum)
            .dampening(dampening)
            .nesterov(nesterov)
            .weightDecay(decay)
            .build(d.n);
    assertClose(theta, run(sgd, d));
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void adamAndAdamWMatchTheDocumentedRule(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Data d = new Data(random);
    double beta1 = random.nextDouble(0, 0.99);
    double beta2 = random.nextDouble(0.5, 0.9999);
    double eps = random.nextBoolean() ? 1e-8 : random.nextDouble(1e-6, 1e-2);
    double decay = random.nextBoolean() ? 0 : random.nextDouble(0, 0.2);
    boolean decoupled = random.nextBoolean();

    double[] theta = d.start.clone();
    double[] m = new double[d.n];
    double[] v = new double[d.n];
    for (int t = 1; t <= STEPS; t++) {
      double[] g = d.clipped(t - 1);
      for (int i = 0; i < d.n; i++) {
        if (decoupled) {
          theta[i] = theta[i] - d.rate * decay * theta[i];
        } else {
          g[i] = g[i] + decay * theta[i];
        }
        m[i] = beta1 * m[i] + (1 - beta1) * g[i];
        v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
        double mHat = m[i] / (1 - Math.pow(beta1, t));
        double vHat = v[i] / (1 - Math.pow(beta2, t));
        theta[i] = theta[i] - d.rate * mHat / (Math.sqrt(vHat) + eps);
      }
    }

    Adam.Builder builder = decoupled ? Adam.adamWBuilder() : Adam.builder();
    Adam adam =
        common(builder, d).betas(beta1, beta2).epsilon(eps).weightDecay(decay).build(d.n);
    assertEquals(decoupled ? OptimizerKind.ADAMW : OptimizerKind.ADAM, adam.kind());
    assertClose(theta, run(adam, d));
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void rmsPropMatchesTheDocumentedRule(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Data d = new Data(random);
    double alpha = random.nextDouble(0.5, 0.999);
    double eps = random.nextBoolean() ? 1e-8 : random.nextDouble(1e-6, 1e-2);
    double decay = random.nextBoolean() ? 0 : random.nextDouble(0, 0.1);
    double momentum = random.nextBoolean() ? 0 : random.nextDouble(0.1, 0.9);
    boolean centered = random.nextBoolean();

    double[] theta = d.start.clone();
    double[] v = new double[d.n];
    double[] gAve = new double[d.n];
    double[] b = new double[d.n];
    for (int t = 1; t <= STEPS; t++) {
      double[] g = d.clipped(t - 1);
      for (int i = 0; i < d.n; i++) {
        g[i] = g[i] + decay * theta[i];
        v[i] = alpha * v[i] + (1 - alpha) * g[i] * g[i];
        double vTilde = v[i];
        if (centered) {
          gAve[i] = alpha * gAve[i] + (1 - alpha) * g[i];
          vTilde = vTilde - gAve[i] * gAve[i];
        }
        if (momentum > 0) {
          b[i] = momentum * b[i] + g[i] / (Math.sqrt(vTilde) + eps);
          theta[i] = theta[i] - d.rate * b[i];
        } else {
          theta[i] = theta[i] - d.rate * g[i] / (Math.sqrt(vTilde) + eps);
        }
      }
    }

    RmsProp rms =
        common(RmsProp.builder(), d)
            .alpha(alpha)
            .epsilon(eps)
            .weightDecay(decay)
            .momentum(momentum)
            .centered(centered)
            .build(d.n);
    assertClose(theta, run(rms, d));
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void adaGradMatchesTheDocumentedRule(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Data d = new Data(random);
    double eps = random.nextBoolean() ? 1e-10 : random.nextDouble(1e-6, 1e-2);
    double decay = random.nextBoolean() ? 0 : random.nextDouble(0, 0.1);
    double initial = random.nextBoolean() ? 0 : random.nextDouble(0, 1);

    double[] theta = d.start.clone();
    double[] sum = new double[d.n];
    java.util.Arrays.fill(sum, initial);
    for (int t = 1; t <= STEPS; t++) {
      double[] g = d.clipped(t - 1);
      for (int i = 0; i < d.n; i++) {
        g[i] = g[i] + decay * theta[i];
        sum[i] = sum[i] + g[i] * g[i];
        theta[i] = theta[i] - d.rate * g[i] / (Math.sqrt(sum[i]) + eps);
      }
    }

    AdaGrad adaGrad =
        common(AdaGrad.builder(), d)
            .epsilon(eps)
            .weightDecay(decay)
            .initialAccumulatorValue(initial)
            .build(d.n);
    assertClose(theta, run(adaGrad, d));
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void aScheduleSetsTheRateOfEachStep(long seed) {
    // Plain SGD makes the rate directly visible: θ_t = θ_{t-1} − γ_t·g_t.
    SplittableRandom random = new SplittableRandom(seed);
    Data d = new Data(random);
    double initial = random.nextDouble(0.01, 1);
    long warmup = 1 + random.nextInt(4);
    long period = 1 + random.nextInt(10);
    double minimum = initial * random.nextDouble(0, 1);
    LearningRateSchedule schedule =
        LearningRateSchedule.linearWarmup(
            warmup, 0.25, LearningRateSchedule.cosineAnnealing(initial, minimum, period));
    Sgd sgd = Sgd.builder().schedule(schedule).build(d.n);
    double[] params = d.start.clone();
    double[] expected = d.start.clone();
    for (int t = 0; t < STEPS; t++) {
      double rate;
      if (t < warmup) {
        rate = initial * (0.25 + 0.75 * t / warmup);
      } else {
        long k = Math.min(t - warmup, period);
        rate = minimum + (initial - minimum) * (1 + Math.cos(Math.PI * k / period)) / 2;
      }
      assertEquals(rate, sgd.currentLearningRate(), 1e-15 * initial, "rate of step " + t);
      for (int i = 0; i < d.n; i++) {
        expected[i] -= rate * d.gradients[t][i];
      }
      sgd.step(params, d.gradients[t]);
    }
    assertClose(expected, params);
  }

  @Test
  void defaultsAreTorchDefaults() {
    Adam adam = Adam.builder().build(1);
    assertEquals(1e-3, adam.currentLearningRate());
    assertEquals(0.9, adam.beta1());
    assertEquals(0.999, adam.beta2());
    assertEquals(1e-8, adam.epsilon());
    assertEquals(0.0, adam.weightDecay());
    assertEquals(1e-2, Adam.adamWBuilder().build(1).weightDecay());
    RmsProp rms = RmsProp.builder().build(1);
    assertEquals(1e-2, rms.currentLearningRate());
    assertEquals(0.99, rms.alpha());
    assertEquals(1e-8, rms.epsilon());
    AdaGrad adaGrad = AdaGrad.builder().build(1);
    assertEquals(1e-2, adaGrad.currentLearningRate());
    assertEquals(1e-10, adaGrad.epsilon());
    Sgd sgd = Sgd.builder().build(1);
    assertEquals(1e-3, sgd.currentLearningRate());
    assertEquals(0.0, sgd.momentum());
    assertEquals(Double.POSITIVE_INFINITY, sgd.maxGradientNorm());
  }

  @Test
  void clipByGlobalNormScalesLikeClipGradNorm() {
    double[] g = {3, 4};
    assertEquals(5.0, GradientClipping.clipByGlobalNorm(g, 1.0));
    assertEquals(3 / 5.000001, g[0], 1e-15);
    assertEquals(4 / 5.000001, g[1], 1e-15);
    double[] small = {0.3, 0.4};
    assertEquals(0.5, GradientClipping.clipByGlobalNorm(small, 1.0), 1e-16);
    assertEquals(0.3, small[0]);
    double[] huge = {3e200, 4e200};
    assertEquals(5e200, GradientClipping.clipByGlobalNorm(huge, 1.0), 1e186);
    assertEquals(0.6, huge[0], 1e-12);
  }

  @Test
  void stepReportsTheGradientNormBeforeClipping() {
    Sgd sgd = Sgd.builder().clipGradientNorm(1).learningRate(1).build(2);
    double[] params = {0, 0};
    double[] gradient = {6, 8};
    sgd.step(params, gradient);
    assertEquals(10.0, sgd.lastGradientNorm());
    assertEquals(6.0, gradient[0], "the caller's gradient is not modified");
    assertEquals(-6 / 10.000001, params[0], 1e-15);
    assertEquals(-8 / 10.000001, params[1], 1e-15);
  }
}
