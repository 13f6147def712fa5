package dev.adjoint.runtime.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Save/restore is bit-exact; damaged files are rejected; writes are atomic. */
class TrainingCheckpointTest {
  @TempDir Path dir;

  private static final int N = 6;

  static Stream<Arguments> optimizers() {
    LearningRateSchedule schedule =
        LearningRateSchedule.linearWarmup(
            3, 0.2, LearningRateSchedule.cosineAnnealing(0.05, 0.001, 20));
    List<Supplier<Optimizer>> all =
        List.of(
            () -> Sgd.builder().learningRate(0.01).build(N),
            () -> Sgd.builder().schedule(schedule).momentum(0.9).nesterov(true).weightDecay(1e-3).clipGradientNorm(1.5).build(N),
            () -> Sgd.builder().learningRate(0.02).momentum(0.8).dampening(0.1).build(N),
            () -> Adam.builder().schedule(schedule).clipGradientNorm(2).build(N),
            () -> Adam.adamWBuilder().schedule(LearningRateSchedule.stepDecay(0.01, 4, 0.5)).build(N),
            () -> RmsProp.builder().centered(true).momentum(0.7).weightDecay(0.01).build(N),
            () -> RmsProp.builder().learningRate(0.003).build(N),
            () -> AdaGrad.builder().schedule(schedule).initialAccumulatorValue(0.1).weightDecay(0.02).build(N));
    return all.stream().map(s -> Arguments.of(s.get().kind() + " " + s.get().schedule().getClass().getSimpleName(), s));
  }

  /** A deterministic stream of gradients that depends on the current parameters. */
  private static double[] gradient(double[] x, long step) {
    SplittableRandom random = new SplittableRandom(step);
    double[] g = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      g[i] = 2 * x[i] * (1 + 0.1 * i) + random.nextDouble(-1, 1);
    }
    return g;
  }

  private static void run(Optimizer optimizer, double[] x, long from, long to) {
    for (long t = from; t < to; t++) {
      optimizer.step(x, gradient(x, t));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("optimizers")
  void resumingFromACheckpointIsBitIdenticalToAnUninterruptedRun(String name, Supplier<Optimizer> make)
      throws IOException {
    double[] start = {0.5, -1, 2, 0.1, -0.3, 1.7};
    double[] uninterrupted = start.clone();
    Optimizer reference = make.get();
    run(reference, uninterrupted, 0, 25);

    double[] x = start.clone();
    Optimizer first = make.get();
    run(first, x, 0, 11);
    Path file = dir.resolve("train.ckpt");
    TrainingCheckpoint.save(file, first, x);
    // The process "dies" here: nothing of `first` or `x` survives except the file.
    TrainingCheckpoint restored = TrainingCheckpoint.load(file);
    Optimizer second = restored.optimizer();
    assertEquals(first.getClass(), second.getClass());
    assertEquals(first.kind(), second.kind());
    assertEquals(11, second.stepCount());
    assertEquals(first.schedule(), second.schedule());
    assertEquals(first.maxGradientNorm(), second.maxGradientNorm());
    assertArrayEquals(first.hyperParameters(), second.hyperParameters());
    double[] resumed = restored.params();
    run(second, resumed, 11, 25);

    assertArrayEquals(uninterrupted, resumed, "parameters after resuming");
    double[][] a = reference.stateArrays();
    double[][] b = second.stateArrays();
    for (int s = 0; s < a.length; s++) {
      assertArrayEquals(a[s], b[s], "state array " + s);
    }
    assertEquals(reference.stepCount(), second.stepCount());
  }

  private Path goodCheckpoint() throws IOException {
    Optimizer adam = Adam.builder().schedule(LearningRateSchedule.stepDecay(0.01, 4, 0.5)).build(N);
    double[] x = {1, 2, 3, 4, 5, 6};
    run(adam, x, 0, 5);
    Path file = dir.resolve("good.ckpt");
    TrainingCheckpoint.save(file, adam, x);
    return file;
  }

  private static CheckpointException assertRejected(Path file, String problem) {
    CheckpointException e = assertThrows(CheckpointException.class, () -> TrainingCheckpoint.load(file));
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    assertTrue(e.getMessage().contains(problem), e.getMessage());
    assertEquals(file, e.file());
    return e;
  }

  static LongStream seeds() {
    return LongStream.range(0, 30).map(i -> 1000 + i);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void aFlippedBitAnywhereIsDetected(long seed) throws IOException {
    Path file = goodCheckpoint();
    byte[] bytes = Files.readAllBytes(file);
    SplittableRandom random = new SplittableRandom(seed);
    int position = random.nextInt(bytes.length);
    bytes[position] ^= (byte) (1 << random.nextInt(8));
    Path damaged = dir.resolve("damaged.ckpt");
    Files.write(damaged, bytes);
    CheckpointException e = assertRejected(damaged, "");
    // Which check fires depends on where the bit is: the header's fields, or the checksum.
    String message = e.getMessage();
    if (position < 4) {
      assertTrue(message.contains("not an Adjoint training checkpoint"), message);
    } else if (position < 8) {
      assertTrue(message.contains("unsupported format version"), message);
    } else if (position < 16) {
      assertTrue(message.contains("truncated") || message.contains("unexpected bytes"), message);
    } else {
      assertTrue(message.contains("corrupted: CRC32 mismatch"), message);
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void aTruncatedFileIsRejected(long seed) throws IOException {
    Path file = goodCheckpoint();
    byte[] bytes = Files.readAllBytes(file);
    int length = new SplittableRandom(seed).nextInt(bytes.length);
    Path damaged = dir.resolve("truncated.ckpt");
    Files.write(damaged, java.util.Arrays.copyOf(bytes, length));
    assertRejected(damaged, "truncated");
  }

  @Test
  void trailingGarbageAndForeignFilesAreRejected() throws IOException {
    Path file = goodCheckpoint();
    byte[] bytes = Files.readAllBytes(file);
    Path longer = dir.resolve("longer.ckpt");
    Files.write(longer, java.util.Arrays.copyOf(bytes, bytes.length + 3));
    assertRejected(longer, "3 unexpected bytes after the checksum");

    Path foreign = dir.resolve("foreign.ckpt");
    Files.writeString(foreign, "{\"this\": \"is json, not a checkpoint\"}");
    assertRejected(foreign, "not an Adjoint training checkpoint (magic number 0x7B227468");

    Path future = dir.resolve("future.ckpt");
    byte[] copy = bytes.clone();
    ByteBuffer.wrap(copy).putInt(4, 2);
    Files.write(future, copy);
    assertRejected(future, "unsupported format version 2 (this runtime reads version 1)");
  }

  @Test
  void validChecksumButImpossibleContentIsRejected() throws IOException {
    // A writer bug (not a disk error) could produce a well-formed file with bad values:
    // rewrite beta1 as 1.5 and fix up the checksum.
    Path file = goodCheckpoint();
    byte[] bytes = Files.readAllBytes(file);
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    int hyperStart = 16 + 4 + 4 + 8 + 8 + (4 + 8 + 8 + 8); // header, kind, dim, steps, clip, step-decay schedule
    assertEquals(4, buffer.getInt(hyperStart), "hyper-parameter count");
    assertEquals(0.9, buffer.getDouble(hyperStart + 4), "beta1 position");
    buffer.putDouble(hyperStart + 4, 1.5);
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(bytes, 0, bytes.length - 4);
    buffer.putInt(bytes.length - 4, (int) crc.getValue());
    Path bad = dir.resolve("bad-beta.ckpt");
    Files.write(bad, bytes);
    assertRejected(bad, "invalid content: beta1 must be in [0, 1), got 1.5");
  }

  @Test
  void aPayloadLongerThanItsFieldsIsRejected() throws IOException {
    Path file = goodCheckpoint();
    byte[] bytes = Files.readAllBytes(file);
    int payloadEnd = bytes.length - 4;
    byte[] longer = new byte[bytes.length + 8];
    System.arraycopy(bytes, 0, longer, 0, payloadEnd); // 8 zero bytes follow the payload
    ByteBuffer buffer = ByteBuffer.wrap(longer);
    buffer.putLong(8, buffer.getLong(8) + 8);
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(longer, 0, longer.length - 4);
    buffer.putInt(longer.length - 4, (int) crc.getValue());
    Path padded = dir.resolve("padded.ckpt");
    Files.write(padded, longer);
    long payload = bytes.length - 20;
    assertRejected(padded, "invalid content: the fields fill " + payload + " of the " + (payload + 8) + " payload bytes");
  }

  /** Throws after a given number of bytes, as a full disk or a killed process would. */
  private static final class FailingStream extends FilterOutputStream {
    private long remaining;

    FailingStream(OutputStream out, long failAfter) {
      super(out);
      this.remaining = failAfter;
    }

    @Override
    public void write(int b) throws IOException {
      if (remaining-- <= 0) {
        throw new IOException("simulated failure: no space left on device");
      }
      out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      for (int i = 0; i < len; i++) {
        write(b[off + i]);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void aWriteThatFailsHalfWayLeavesThePreviousCheckpointIntact(long seed) throws IOException {
    Path file = goodCheckpoint();
    byte[] before = Files.readAllBytes(file);
    TrainingCheckpoint old = TrainingCheckpoint.load(file);

    double[] oldParams = old.params().clone();
    Optimizer newer = old.optimizer();
    double[] x = old.params();
    run(newer, x, 5, 9);
    long failAfter = new SplittableRandom(seed).nextLong(before.length);
    IOException e =
        assertThrows(
            IOException.class,
            () -> TrainingCheckpoint.save(file, newer, x, out -> new FailingStream(out, failAfter)));
    assertTrue(e.getMessage().contains("simulated failure"), e.getMessage());

    assertArrayEquals(before, Files.readAllBytes(file), "the old checkpoint is byte-for-byte intact");
    assertArrayEquals(oldParams, TrainingCheckpoint.load(file).params());
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(file), files.toList(), "no temporary file is left behind");
    }

    // A later successful write replaces it.
    TrainingCheckpoint.save(file, newer, x);
    assertEquals(9, TrainingCheckpoint.load(file).optimizer().stepCount());
  }

  @Test
  void aRelativePathInTheWorkingDirectoryWorks() throws IOException {
    // Files.createTempFile needs a directory; a bare file name has no parent.
    Path relative = Path.of("target", "relative-" + ProcessHandle.current().pid() + ".ckpt");
    Files.createDirectories(relative.toAbsolutePath().getParent());
    try {
      Sgd sgd = Sgd.builder().build(2);
      TrainingCheckpoint.save(relative, sgd, new double[] {1, 2});
      assertArrayEquals(new double[] {1, 2}, TrainingCheckpoint.load(relative).params());
    } finally {
      Files.deleteIfExists(relative);
    }
  }
}
