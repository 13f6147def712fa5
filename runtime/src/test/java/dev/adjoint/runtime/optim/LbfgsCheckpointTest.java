package dev.adjoint.runtime.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.runtime.Objective;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Resumable L-BFGS: a run killed mid-way and resumed from its checkpoint ends bit for bit alike. */
class LbfgsCheckpointTest {
  @TempDir Path dir;

  private static final class Crash extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }

  /** Counts evaluations and throws at the given one, as a killed process would stop. */
  private static Objective crashingAt(Objective inner, int crashAt) {
    int[] count = {0};
    return (x, gradient) -> {
      if (++count[0] == crashAt) {
        throw new Crash();
      }
      return inner.valueAndGradient(x, gradient);
    };
  }

  /** Dimension, memory, checkpoint interval and the evaluation at which the first run dies. */
  static Stream<Arguments> crashes() {
    SplittableRandom random = new SplittableRandom(4711);
    return Stream.generate(() -> Arguments.of(
            new int[] {2, 10, 30}[random.nextInt(3)], random.nextInt(2, 9), random.nextInt(1, 6),
            random.nextInt(5, 60)))
        .limit(24);
  }

  @ParameterizedTest
  @MethodSource("crashes")
  void resumingAfterACrashIsBitIdentical(int n, int memory, int every, int crashAt)
      throws IOException {
    Lbfgs lbfgs = Lbfgs.builder().memory(memory).build();
    double[] start = TestProblems.rosenbrockStart(n);
    Lbfgs.Result uninterrupted = lbfgs.minimize(TestProblems.EXTENDED_ROSENBROCK, start);

    Path checkpoint = dir.resolve("run.lbfgs");
    boolean crashed = false;
    try {
      lbfgs.minimize(crashingAt(TestProblems.EXTENDED_ROSENBROCK, crashAt), start, checkpoint,
          every);
    } catch (Crash expected) {
      crashed = true;
    }
    Lbfgs.Result resumed =
        lbfgs.minimize(TestProblems.EXTENDED_ROSENBROCK, start, checkpoint, every);

    assertSame(uninterrupted, resumed, "crash at evaluation " + crashAt + " (crashed " + crashed
        + ")");
  }

  @Test
  void aCheckpointedRunEqualsAPlainOne() throws IOException {
    Lbfgs lbfgs = Lbfgs.withDefaults();
    double[] start = TestProblems.rosenbrockStart(10);
    Lbfgs.Result plain = lbfgs.minimize(TestProblems.EXTENDED_ROSENBROCK, start);
    Lbfgs.Result checkpointed = lbfgs.minimize(TestProblems.EXTENDED_ROSENBROCK, start,
        dir.resolve("c.lbfgs"), 1);
    assertSame(plain, checkpointed, "checkpointed every iteration");
    assertTrue(Files.exists(dir.resolve("c.lbfgs")));
  }

  private static void assertSame(Lbfgs.Result expected, Lbfgs.Result actual, String what) {
    assertEquals(expected.reason(), actual.reason(), what);
    assertEquals(expected.iterations(), actual.iterations(), what);
    assertEquals(expected.evaluations(), actual.evaluations(), what);
    assertEquals(Double.doubleToLongBits(expected.value()), Double.doubleToLongBits(actual.value()),
        what);
    for (int i = 0; i < expected.solution().length; i++) {
      assertEquals(Double.doubleToLongBits(expected.solution()[i]),
          Double.doubleToLongBits(actual.solution()[i]), what + ", x[" + i + "]");
    }
  }

  /** A checkpoint left by a run interrupted after a few iterations. */
  private Path interruptedCheckpoint(Lbfgs lbfgs, int n) throws IOException {
    Path checkpoint = dir.resolve("partial.lbfgs");
    try {
      lbfgs.minimize(crashingAt(TestProblems.EXTENDED_ROSENBROCK, 25),
          TestProblems.rosenbrockStart(n), checkpoint, 2);
    } catch (Crash expected) {
      // as intended
    }
    assertTrue(Files.exists(checkpoint), "the interrupted run left a checkpoint");
    return checkpoint;
  }

  @Test
  void damagedOrTruncatedCheckpointsAreRejectedNamingTheFile() throws IOException {
    Lbfgs lbfgs = Lbfgs.withDefaults();
    Path checkpoint = interruptedCheckpoint(lbfgs, 10);
    byte[] bytes = Files.readAllBytes(checkpoint);
    SplittableRandom random = new SplittableRandom(99);
    for (int trial = 0; trial < 20; trial++) {
      byte[] flipped = bytes.clone();
      int at = random.nextInt(flipped.length);
      flipped[at] ^= (byte) (1 << random.nextInt(8));
      Files.write(checkpoint, flipped);
      CheckpointException e = assertThrows(CheckpointException.class,
          () -> lbfgs.minimize(TestProblems.EXTENDED_ROSENBROCK, TestProblems.rosenbrockStart(10),
              checkpoint, 2), "bit flipped at byte " + at);
      assertEquals(checkpoint, e.file());
      assertTrue(e.getMessage().startsWith("L-BFGS checkpoint " + checkpoint), e.getMessage());
    }
    Files.write(checkpoint, java.util.Arrays.copyOf(bytes, bytes.length - 9));
    CheckpointException truncated = assertThrows(CheckpointException.class,
        () -> lbfgs.minimize(TestProblems.EXTENDED_ROSENBROCK, TestProblems.rosenbrockStart(10),
            checkpoint, 2));
    assertTrue(truncated.getMessage().contains("truncated"), truncated.getMessage());
  }

  @Test
  void aCheckpointOfOtherSettingsOrAnotherKindIsRejected() throws IOException {
    Path checkpoint = interruptedCheckpoint(Lbfgs.withDefaults(), 10);
    CheckpointException otherLimit = assertThrows(CheckpointException.class,
        () -> Lbfgs.builder().maxIterations(77).build().minimize(TestProblems.EXTENDED_ROSENBROCK,
            TestProblems.rosenbrockStart(10), checkpoint, 2));
    assertTrue(otherLimit.getMessage().contains("maxIterations"), otherLimit.getMessage());
    CheckpointException otherMemory = assertThrows(CheckpointException.class,
        () -> Lbfgs.builder().memory(3).build().minimize(TestProblems.EXTENDED_ROSENBROCK,
            TestProblems.rosenbrockStart(10), checkpoint, 2));
    assertTrue(otherMemory.getMessage().contains("memory 3"), otherMemory.getMessage());

    Path training = dir.resolve("training.ckpt");
    TrainingCheckpoint.save(training, Adam.builder().build(3), new double[3]);
    CheckpointException foreign = assertThrows(CheckpointException.class,
        () -> Lbfgs.withDefaults().minimize(TestProblems.EXTENDED_ROSENBROCK,
            TestProblems.rosenbrockStart(10), training, 2));
    assertTrue(foreign.getMessage().contains("not an Adjoint L-BFGS checkpoint"),
        foreign.getMessage());
  }

  @Test
  void badArgumentsAreNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Lbfgs.withDefaults().minimize(TestProblems.EXTENDED_ROSENBROCK,
            TestProblems.rosenbrockStart(4), dir.resolve("x"), 0));
    assertTrue(e.getMessage().startsWith("every"), e.getMessage());
  }
}
