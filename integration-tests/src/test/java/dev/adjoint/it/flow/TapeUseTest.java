package dev.adjoint.it.flow;

import static dev.adjoint.it.flow.TapeUseDerivatives.*;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.adjoint.it.support.Expect;
import dev.adjoint.it.support.Points;
import dev.adjoint.it.support.Vars;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.hipparchus.analysis.differentiation.Gradient;
import org.junit.jupiter.api.Test;

/**
 * The per-thread tape of loop code: reused across calls of very different lengths, left clean by an
 * exception, never shared between threads, and able to grow to a million iterations.
 */
class TapeUseTest {

  @Test
  void longThenShortThenLongCalls() {
    SplittableRandom r = new SplittableRandom(801);
    double[] a = Points.uniform(r, 600, -1, 1);
    for (int n : new int[] {600, 3, 0, 1, 599, 2, 600, 17}) {
      checkDecaySum(a, r.nextDouble(-1.5, 1.5), n);
    }
  }

  @Test
  void exceptionInTheForwardSweepLeavesNoGarbage() {
    SplittableRandom r = new SplittableRandom(802);
    double[] a = Points.uniform(r, 40, -1, 1);
    double[] dA = new double[a.length];
    double[] dX = new double[1];
    checkDecaySum(a, 0.8, 40);
    for (int attempt = 0; attempt < 3; attempt++) {
      assertThrows(ArrayIndexOutOfBoundsException.class, () -> decaySumGradient(a, 0.8, 41));
      assertThrows(
          ArrayIndexOutOfBoundsException.class, () -> decaySumPullback(a, 0.8, 60, 1.0, dA, dX));
    }
    checkDecaySum(a, 0.8, 40);
    checkDecaySum(a, -0.3, 7);
  }

  /** Eight threads started together, each checking 100 points of its own. */
  @Test
  void threadsDoNotShareTapes() throws InterruptedException {
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> results = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      long seed = 810 + t;
      results.add(
          pool.submit(
              () -> {
                start.await();
                SplittableRandom r = new SplittableRandom(seed);
                for (int i = 0; i < 100; i++) {
                  double[] a = Points.uniform(r, r.nextInt(1, 60), -1, 1);
                  checkDecaySum(a, r.nextDouble(-1.5, 1.5), r.nextInt(a.length + 1));
                }
                return null;
              }));
    }
    start.countDown();
    try {
      for (Future<?> result : results) {
        result.get();
      }
    } catch (ExecutionException e) {
      throw new AssertionError("a thread failed", e.getCause());
    } finally {
      pool.shutdown();
      pool.awaitTermination(1, TimeUnit.MINUTES);
    }
  }

  /**
   * 10^6 iterations. The recurrence contracts (its derivative in s lies in [0.998, 1]), so neither
   * the value nor the tangent amplifies rounding; reverse and forward mode still round in different
   * orders, once or twice per iteration. The roundings have random signs: measured differences are
   * about 1e-13 (the linear worst case, 10^6 ε ≈ 2e-10, is not approached), so 1e-11. Decisions are
   * taken from the plain doubles, as in the other replays. (For x < 0 the iterate would chatter
   * around 0, changing branch on almost every iteration: a pathwise derivative exists but says
   * little, so such points are not used.)
   */
  @Test
  void millionIterations() {
    for (double x : new double[] {0.7, 2.5}) {
      int n = 1_000_000;
      Gradient gx = Vars.single(x);
      Gradient gs = gx.negate();
      double s = -x;
      for (int i = 0; i < n; i++) {
        boolean positive = s > 0;
        s = 0.999 * s + 1e-3 * (positive ? Math.sin(s + x) : Math.cos(x * s));
        Gradient step = positive ? gs.add(gx).sin() : gx.multiply(gs).cos();
        gs = gs.multiply(0.999).add(step.multiply(1e-3));
      }
      var expect = Expect.oracle(gs, TapeUse.longLoop(x, n)).tolerance(1e-11);
      var g = longLoopGradient(x, n);
      expect
          .gradient(g.value(), g.x())
          .pullback(pb -> longLoopPullback(x, n, pb.seed(), pb.vec(0)));
    }
  }

  private static void checkDecaySum(double[] a, double x, int n) {
    var v = new Vars(a.length + 1);
    Gradient[] ga = v.var(a);
    Gradient gx = v.var(x);
    Gradient s = v.constant(0);
    for (int i = 0; i < n; i++) {
      Gradient t = ga[i].multiply(gx);
      s = a[i] * x > 0 ? s.multiply(0.5).add(t) : s.multiply(0.25).subtract(t.square());
    }
    var expect = Expect.oracle(s, TapeUse.decaySum(a, x, n), a);
    var g = decaySumGradient(a, x, n);
    expect
        .gradient(g.value(), g.a(), g.x())
        .pullback(pb -> decaySumPullback(a, x, n, pb.seed(), pb.vec(0), pb.vec(1)));
  }
}
