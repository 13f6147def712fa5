package dev.adjoint.runtime.parallel;

import dev.adjoint.runtime.Objective;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sums per-example pullbacks over a dataset, split across cores.
 *
 * <p>A range of examples is cut into a fixed number of contiguous chunks (chunk {@code c} of
 * {@code k} over {@code [from, to)} is {@code [from + c·(to−from)/k, from + (c+1)·(to−from)/k)});
 * each chunk runs its examples in increasing order into its own accumulator, and the chunk
 * results are then added in chunk order. The floating-point operations therefore depend only on
 * the data and the number of chunks, never on thread timing: for a fixed chunk count the result
 * is bit-identical from run to run and from machine to machine, and with one chunk it is exactly
 * the sequential sum. With more chunks it equals the sequential sum up to rounding.
 *
 * <p>The chunk accumulators ({@code chunks × dimension} doubles) are allocated once, at
 * construction; a call allocates only O(chunks) task handles, nothing proportional to the
 * dataset. Chunk 0 runs on the calling thread, the others on the executor. Calls on one instance
 * are serialised (the accumulators are shared); use one instance per concurrent caller. Do not
 * call it from inside a pullback running on the same executor.
 *
 * <p>As an {@link Objective}, {@link #valueAndGradient} is the sum over all examples with seed 1.
 */
public final class DataParallelGradient implements Objective {
  private final ExamplePullback pullback;
  private final int examples;
  private final int dimension;
  private final double[][] accumulators;
  private final double[] chunkValues;
  private final Chunk[] tasks;
  private final Future<?>[] futures;
  private final ExecutorService executor;

  /**
   * Creates a summation over examples {@code 0 … examples−1}.
   *
   * @param pullback the per-example pullback
   * @param examples the number of examples (&ge; 0)
   * @param dimension the length of the parameter and gradient vectors (&gt; 0)
   * @param chunks the number of chunks (&gt; 0); fixes the order of additions
   * @param executor runs chunks 1 … chunks−1; the caller keeps ownership (it is never shut down
   *     here)
   * @throws IllegalArgumentException if an argument is null or out of range
   */
  public DataParallelGradient(
      ExamplePullback pullback, int examples, int dimension, int chunks, ExecutorService executor) {
    if (pullback == null) {
      throw new IllegalArgumentException("pullback must not be null");
    }
    if (executor == null) {
      throw new IllegalArgumentException("executor must not be null");
    }
    if (examples < 0) {
      throw new IllegalArgumentException("examples must be >= 0, got " + examples);
    }
    if (dimension <= 0) {
      throw new IllegalArgumentException("dimension must be > 0, got " + dimension);
    }
    if (chunks <= 0) {
      throw new IllegalArgumentException("chunks must be > 0, got " + chunks);
    }
    this.pullback = pullback;
    this.examples = examples;
    this.dimension = dimension;
    this.executor = executor;
    this.accumulators = new double[chunks][dimension];
    this.chunkValues = new double[chunks];
    this.tasks = new Chunk[chunks];
    for (int c = 0; c < chunks; c++) {
      tasks[c] = new Chunk(c);
    }
    this.futures = new Future<?>[chunks];
  }

  /**
   * As the full constructor with {@code chunks} = the number of available processors and the
   * {@linkplain #sharedExecutor() shared daemon pool}. Results are bit-reproducible on one
   * machine; pass an explicit chunk count for results that do not depend on the machine.
   */
  public DataParallelGradient(ExamplePullback pullback, int examples, int dimension) {
    this(pullback, examples, dimension, Runtime.getRuntime().availableProcessors(), sharedExecutor());
  }

  /**
   * A process-wide pool of daemon threads, one per available processor, created on first use
   * and never shut down (its threads do not keep the JVM alive).
   */
  public static ExecutorService sharedExecutor() {
    return SharedPool.POOL;
  }

  private static final class SharedPool {
    static final ExecutorService POOL =
        Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), daemonThreads());

    private static ThreadFactory daemonThreads() {
      AtomicInteger counter = new AtomicInteger();
      return runnable -> {
        Thread thread = new Thread(runnable, "adjoint-data-parallel-" + counter.incrementAndGet());
        thread.setDaemon(true);
        return thread;
      };
    }
  }

  /** The sum over all examples with seed 1: returns Σ f_e and overwrites {@code gradient} with Σ ∇f_e. */
  @Override
  public double valueAndGradient(double[] params, double[] gradient) {
    return sum(0, examples, params, 1.0, gradient);
  }

  /**
   * Overwrites {@code gradient} with {@code seed · Σ_{e ∈ [from, to)} ∇f_e(params)} and returns
   * {@code Σ_{e ∈ [from, to)} f_e(params)} (the values are not multiplied by the seed). Use
   * {@code seed = 1.0 / (to − from)} for the gradient of the mean, and a range for a minibatch.
   *
   * @throws IllegalArgumentException if {@code params} or {@code gradient} is null or has a length
   *     other than {@link #dimension()}, {@code params} holds a non-finite value, {@code seed} is
   *     not finite, or {@code 0 ≤ from ≤ to ≤ examples()} does not hold
   */
  public synchronized double sum(int from, int to, double[] params, double seed, double[] gradient) {
    checkVector("params", params, true);
    checkVector("gradient", gradient, false);
    if (params == gradient) {
      throw new IllegalArgumentException("params and gradient must be different arrays");
    }
    if (!Double.isFinite(seed)) {
      throw new IllegalArgumentException("seed must be finite, got " + seed);
    }
    if (from < 0 || from > to || to > examples) {
      throw new IllegalArgumentException(
          "range [" + from + ", " + to + ") must lie within [0, " + examples + ")");
    }
    int chunks = tasks.length;
    long count = to - from;
    for (int c = 0; c < chunks; c++) {
      tasks[c].prepare(
          from + (int) (c * count / chunks), from + (int) ((c + 1) * count / chunks), params, seed);
    }
    Throwable failure = null;
    try {
      for (int c = 1; c < chunks; c++) {
        if (tasks[c].isEmpty()) {
          tasks[c].run(); // just clears its accumulator; not worth a thread hop
        } else {
          futures[c] = executor.submit(tasks[c]);
        }
      }
      tasks[0].run();
    } catch (RuntimeException | Error e) {
      failure = e; // e.g. a rejected submission or a failing pullback
    }
    // Always wait for every chunk: they write into accumulators that the next call reuses.
    for (int c = 1; c < chunks; c++) {
      failure = await(futures[c], failure);
      futures[c] = null;
    }
    for (Chunk task : tasks) {
      task.params = null; // do not keep the caller's array reachable
    }
    if (failure instanceof RuntimeException e) {
      throw e;
    } else if (failure instanceof Error e) {
      throw e;
    } else if (failure != null) {
      throw new IllegalStateException("a data-parallel chunk failed", failure);
    }
    Arrays.fill(gradient, 0.0);
    double value = 0;
    for (int c = 0; c < chunks; c++) {
      double[] accumulator = accumulators[c];
      for (int i = 0; i < dimension; i++) {
        gradient[i] += accumulator[i];
      }
      value += chunkValues[c];
    }
    return value;
  }

  /** As {@link #sum(int, int, double[], double, double[])} over all examples. */
  public double sum(double[] params, double seed, double[] gradient) {
    return sum(0, examples, params, seed, gradient);
  }

  private static Throwable await(Future<?> future, Throwable failure) {
    if (future == null) {
      return failure;
    }
    boolean interrupted = false;
    try {
      while (true) {
        try {
          future.get();
          return failure;
        } catch (InterruptedException e) {
          interrupted = true; // keep waiting: the chunk is still writing its accumulator
        } catch (ExecutionException e) {
          Throwable cause = e.getCause() != null ? e.getCause() : e;
          if (failure == null) {
            return cause;
          }
          failure.addSuppressed(cause);
          return failure;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void checkVector(String name, double[] values, boolean finite) {
    if (values == null) {
      throw new IllegalArgumentException(name + " must not be null");
    }
    if (values.length != dimension) {
      throw new IllegalArgumentException(
          name + " has length " + values.length + ", expected " + dimension);
    }
    if (finite) {
      for (int i = 0; i < values.length; i++) {
        if (!Double.isFinite(values[i])) {
          throw new IllegalArgumentException(
              name + "[" + i + "] is " + values[i] + "; every element must be finite");
        }
      }
    }
  }

  /** The number of examples. */
  public int examples() {
    return examples;
  }

  /** The length of parameter and gradient vectors. */
  public int dimension() {
    return dimension;
  }

  /** The number of chunks the examples are split into. */
  public int chunks() {
    return tasks.length;
  }

  /** One chunk's work; reused across calls so a call allocates no task objects. */
  private final class Chunk implements Runnable {
    private final int index;
    private int from;
    private int to;
    private double seed;
    private double[] params;

    Chunk(int index) {
      this.index = index;
    }

    void prepare(int from, int to, double[] params, double seed) {
      this.from = from;
      this.to = to;
      this.params = params;
      this.seed = seed;
    }

    boolean isEmpty() {
      return from == to;
    }

    @Override
    public void run() {
      double[] accumulator = accumulators[index];
      Arrays.fill(accumulator, 0.0);
      double value = 0;
      for (int e = from; e < to; e++) {
        value += pullback.pullback(e, params, seed, accumulator);
      }
      chunkValues[index] = value;
    }
  }
}
