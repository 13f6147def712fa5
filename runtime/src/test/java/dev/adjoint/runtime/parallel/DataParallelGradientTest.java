package dev.adjoint.runtime.parallel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DataParallelGradientTest {
  private static ExecutorService one;
  private static ExecutorService four;

  @BeforeAll
  static void pools() {
    one = Executors.newSingleThreadExecutor();
    four = Executors.newFixedThreadPool(4);
  }

  @AfterAll
  static void shutdown() {
    one.shutdownNow();
    four.shutdownNow();
  }

  /** Logistic-regression examples: loss_e = log(1 + exp(−y_e·w·x_e)). */
  private static final class Dataset {
    final double[][] features;
    final double[] labels;

    Dataset(SplittableRandom random, int examples, int dimension) {
      features = new double[examples][dimension];
      labels = new double[examples];
      for (int e = 0; e < examples; e++) {
        for (int i = 0; i < dimension; i++) {
          features[e][i] = random.nextDouble(-1, 1);
        }
        labels[e] = random.nextBoolean() ? 1 : -1;
      }
    }

    double pullback(int e, double[] w, double seed, double[] acc) {
      double[] x = features[e];
      double margin = 0;
      for (int i = 0; i < w.length; i++) {
        margin += w[i] * x[i];
      }
      double z = -labels[e] * margin;
      double loss = Math.log1p(Math.exp(z));
      double dz = seed / (1 + Math.exp(-z)); // seed · σ(z)
      for (int i = 0; i < w.length; i++) {
        acc[i] += dz * -labels[e] * x[i];
      }
      return loss;
    }

    /** The plain sequential sum, written independently of the class under test. */
    double sequential(int from, int to, double[] w, double seed, double[] gradient) {
      java.util.Arrays.fill(gradient, 0);
      double value = 0;
      for (int e = from; e < to; e++) {
        value += pullback(e, w, seed, gradient);
      }
      return value;
    }
  }

  static LongStream seeds() {
    return LongStream.range(0, 20).map(i -> 999 + 7 * i);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void equalsTheSequentialSumUpToRoundingAndIsBitReproducible(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int examples = random.nextInt(2000);
    int dimension = 1 + random.nextInt(20);
    int chunks = 1 + random.nextInt(9);
    Dataset data = new Dataset(random, examples, dimension);
    double[] w = new double[dimension];
    for (int i = 0; i < dimension; i++) {
      w[i] = random.nextDouble(-2, 2);
    }
    double seedValue = random.nextDouble(0.1, 2);

    double[] expected = new double[dimension];
    double expectedValue = data.sequential(0, examples, w, seedValue, expected);

    DataParallelGradient onFour = new DataParallelGradient(data::pullback, examples, dimension, chunks, four);
    double[] g = new double[dimension];
    java.util.Arrays.fill(g, 123); // overwritten, not accumulated into
    double value = onFour.sum(w, seedValue, g);
    assertEquals(expectedValue, value, 1e-12 * Math.max(1, Math.abs(expectedValue)));
    for (int i = 0; i < dimension; i++) {
      assertEquals(expected[i], g[i], 1e-12 * Math.max(1, Math.abs(expected[i])), "component " + i);
    }

    // Same chunks → the same bits, whatever the pool, call after call.
    DataParallelGradient onOne = new DataParallelGradient(data::pullback, examples, dimension, chunks, one);
    for (int repeat = 0; repeat < 3; repeat++) {
      double[] again = new double[dimension];
      assertEquals(value, onFour.sum(w, seedValue, again));
      assertArrayEquals(g, again);
      double[] other = new double[dimension];
      assertEquals(value, onOne.sum(w, seedValue, other));
      assertArrayEquals(g, other);
    }
    // And it is exactly the sequential sum of its chunks, in chunk order.
    double[] byChunks = new double[dimension];
    double[] chunk = new double[dimension];
    double byChunksValue = 0;
    for (int c = 0; c < chunks; c++) {
      int from = (int) ((long) c * examples / chunks);
      int to = (int) ((long) (c + 1) * examples / chunks);
      byChunksValue += data.sequential(from, to, w, seedValue, chunk);
      for (int i = 0; i < dimension; i++) {
        byChunks[i] += chunk[i];
      }
    }
    assertEquals(byChunksValue, value);
    assertArrayEquals(byChunks, g);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void oneChunkIsExactlySequentialAndRangesSelectMinibatches(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int examples = 1 + random.nextInt(500);
    int dimension = 1 + random.nextInt(8);
    Dataset data = new Dataset(random, examples, dimension);
    double[] w = new double[dimension];
    for (int i = 0; i < dimension; i++) {
      w[i] = random.nextDouble(-1, 1);
    }
    int from = random.nextInt(examples);
    int to = from + random.nextInt(examples - from + 1);
    double meanSeed = to > from ? 1.0 / (to - from) : 1.0;
    double[] expected = new double[dimension];
    double expectedValue = data.sequential(from, to, w, meanSeed, expected);
    DataParallelGradient single = new DataParallelGradient(data::pullback, examples, dimension, 1, four);
    double[] g = new double[dimension];
    assertEquals(expectedValue, single.sum(from, to, w, meanSeed, g));
    assertArrayEquals(expected, g);
    // As an Objective: all examples, seed 1.
    double[] all = new double[dimension];
    assertEquals(data.sequential(0, examples, w, 1.0, all), single.valueAndGradient(w, g));
    assertArrayEquals(all, g);
  }

  @Test
  void chunksRunOnSeveralThreadsAndMoreChunksThanExamplesIsFine() {
    Set<String> threads = ConcurrentHashMap.newKeySet();
    ExamplePullback slow =
        (e, p, s, acc) -> {
          threads.add(Thread.currentThread().getName());
          acc[0] += s * p[0];
          return e;
        };
    DataParallelGradient sum = new DataParallelGradient(slow, 3, 1, 8, four);
    double[] g = new double[1];
    assertEquals(0 + 1 + 2, sum.sum(new double[] {2}, 1, g));
    assertEquals(6.0, g[0]);
    // Chunks that were non-empty last time are cleared when they become empty.
    assertEquals(0.0, sum.sum(0, 0, new double[] {2}, 1, g));
    assertEquals(0.0, g[0]);
    DataParallelGradient wide = new DataParallelGradient(slow, 4000, 1, 4, four);
    threads.clear();
    wide.sum(new double[] {1}, 1, g);
    assertTrue(threads.size() > 1, "used threads " + threads);
    assertEquals(8, sum.chunks());
    assertEquals(3, sum.examples());
    assertEquals(1, sum.dimension());
  }

  @Test
  void noAllocationProportionalToTheDataset() {
    Dataset data = new Dataset(new SplittableRandom(5), 200_000, 4);
    DataParallelGradient sum = new DataParallelGradient(data::pullback, 200_000, 4, 4, four);
    double[] w = {0.1, -0.2, 0.3, 0.4};
    double[] g = new double[4];
    sum.sum(w, 1, g); // warm-up
    long before = dev.adjoint.runtime.optim.AllocationTest.allocatedBytes();
    sum.sum(w, 1, g);
    long bytes = dev.adjoint.runtime.optim.AllocationTest.allocatedBytes() - before;
    // The caller's thread runs 50,000 examples itself; only the task handles are allocated.
    assertTrue(bytes < 8_192, "allocated " + bytes + " bytes for 200,000 examples");
  }

  @Test
  void theDefaultConstructorUsesTheSharedDaemonPool() {
    DataParallelGradient sum = new DataParallelGradient((e, p, s, acc) -> 1, 10, 2);
    assertEquals(Runtime.getRuntime().availableProcessors(), sum.chunks());
    assertEquals(10.0, sum.valueAndGradient(new double[2], new double[2]));
    assertSame(DataParallelGradient.sharedExecutor(), DataParallelGradient.sharedExecutor());
  }

  @Test
  void aFailingExampleFailsTheCallAfterEveryChunkFinished() {
    IllegalStateException boom = new IllegalStateException("example 77 is broken");
    ExamplePullback failing =
        (e, p, s, acc) -> {
          if (e == 77) {
            throw boom;
          }
          acc[0] += 1;
          return 0;
        };
    DataParallelGradient sum = new DataParallelGradient(failing, 100, 1, 4, four);
    assertSame(boom, assertThrows(IllegalStateException.class, () -> sum.sum(new double[1], 1, new double[1])));
    // The instance stays usable for a range without the bad example.
    double[] g = new double[1];
    sum.sum(0, 50, new double[1], 1, g);
    assertEquals(50.0, g[0]);
  }

  @Test
  void badArgumentsAreNamed() {
    ExamplePullback p = (e, w, s, acc) -> 0;
    assertMessage("pullback", () -> new DataParallelGradient(null, 1, 1, 1, four));
    assertMessage("executor", () -> new DataParallelGradient(p, 1, 1, 1, null));
    assertMessage("examples", () -> new DataParallelGradient(p, -1, 1, 1, four));
    assertMessage("dimension", () -> new DataParallelGradient(p, 1, 0, 1, four));
    assertMessage("chunks", () -> new DataParallelGradient(p, 1, 1, 0, four));
    DataParallelGradient sum = new DataParallelGradient(p, 10, 2, 2, four);
    assertMessage("params[1] is NaN", () -> sum.sum(new double[] {0, Double.NaN}, 1, new double[2]));
    assertMessage("params[0] is Infinity", () -> sum.sum(new double[] {Double.POSITIVE_INFINITY, 0}, 1, new double[2]));
    assertMessage("params has length 3, expected 2", () -> sum.sum(new double[3], 1, new double[2]));
    assertMessage("gradient has length 1, expected 2", () -> sum.sum(new double[2], 1, new double[1]));
    assertMessage("gradient must not be null", () -> sum.sum(new double[2], 1, null));
    assertMessage("seed", () -> sum.sum(new double[2], Double.NaN, new double[2]));
    assertMessage("range [5, 11)", () -> sum.sum(5, 11, new double[2], 1, new double[2]));
    assertMessage("range [3, 2)", () -> sum.sum(3, 2, new double[2], 1, new double[2]));
    double[] same = new double[2];
    assertMessage("params and gradient", () -> sum.sum(same, 1, same));
  }

  private static void assertMessage(String prefix, org.junit.jupiter.api.function.Executable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertTrue(e.getMessage().startsWith(prefix), e.getMessage());
  }
}
