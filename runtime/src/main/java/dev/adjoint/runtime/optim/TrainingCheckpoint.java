package dev.adjoint.runtime.optim;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import java.util.zip.CRC32;

/**
 * A saved training state: an {@link Optimizer} (kind, hyper-parameters, schedule, clipping
 * bound, step count and every moment buffer) together with the parameter vector it was
 * optimizing. Saving both in one file keeps them consistent: resuming from a checkpoint gives
 * bit-identical results to a run that was never interrupted.
 *
 * <p><b>Writes are atomic.</b> {@link #save} writes a temporary file in the target's directory,
 * forces it to disk, then renames it over the target with {@code ATOMIC_MOVE}; a write that
 * fails half-way leaves the previous checkpoint untouched.
 *
 * <p><b>Format</b> (big-endian, version 1): magic {@code "ADJC"} (0x41444A43), {@code int}
 * version, {@code long} payload length; payload: {@code int} optimizer kind code, {@code int}
 * dimension, {@code long} step count, {@code double} max gradient norm, the schedule (an {@code
 * int} tag then its fields, recursively for warm-up), {@code int} count + hyper-parameters,
 * {@code int} count + state arrays (each {@code int} length + elements), {@code int} length +
 * parameters; finally the CRC32 of everything before it as an {@code int}. {@link #load}
 * rejects a file with a wrong magic number, an unknown version, a wrong length (truncated or
 * trailing bytes), a checksum mismatch or invalid content by throwing {@link
 * CheckpointException}, whose message names the file and the problem.
 *
 * @param optimizer the optimizer, ready to continue
 * @param params the parameters at the time of the checkpoint
 */
public record TrainingCheckpoint(Optimizer optimizer, double[] params) {
  static final int MAGIC = 0x41444A43;
  static final int VERSION = 1;

  private static final int CONSTANT = 1;
  private static final int STEP_DECAY = 2;
  private static final int COSINE = 3;
  private static final int WARMUP = 4;

  /** Validates that both are present and the parameter length matches the optimizer. */
  public TrainingCheckpoint {
    Arguments.notNull("optimizer", optimizer);
    Arguments.finiteVector("params", params, optimizer.dimension());
  }

  /**
   * Atomically writes {@code optimizer}'s complete state and {@code params} to {@code file},
   * replacing any previous checkpoint only once the new one is entirely on disk.
   *
   * @throws IllegalArgumentException if an argument is null or {@code params} does not match
   *     the optimizer's dimension or holds a non-finite value
   * @throws IOException if writing fails; the previous file, if any, is then unchanged and the
   *     temporary file is deleted
   */
  public static void save(Path file, Optimizer optimizer, double[] params) throws IOException {
    save(file, optimizer, params, UnaryOperator.identity());
  }

  /** As {@link #save(Path, Optimizer, double[])}; {@code wrap} decorates the temp-file stream (tests inject failures). */
  static void save(Path file, Optimizer optimizer, double[] params, UnaryOperator<OutputStream> wrap)
      throws IOException {
    Arguments.notNull("file", file);
    Arguments.notNull("optimizer", optimizer);
    Arguments.finiteVector("params", params, optimizer.dimension());
    CheckpointFile.write(file, MAGIC, VERSION, payloadLength(optimizer, params),
        out -> writePayload(out, optimizer, params), wrap);
  }

  /**
   * Reads a checkpoint written by {@link #save}.
   *
   * @throws CheckpointException if the file is not a version-1 training checkpoint, is
   *     truncated, fails its CRC32 check or holds invalid content; the message says which
   * @throws IOException if the file cannot be read
   */
  public static TrainingCheckpoint load(Path file) throws IOException {
    Arguments.notNull("file", file);
    long payloadLength = CheckpointFile.check(file, MAGIC, VERSION, "an Adjoint training checkpoint",
        "training checkpoint");
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
      in.skipNBytes(CheckpointFile.HEADER_BYTES);
      TrainingCheckpoint checkpoint = readPayload(file, in, payloadLength);
      long used = payloadLength(checkpoint.optimizer(), checkpoint.params());
      if (used != payloadLength) {
        throw new CheckpointException(
            file, "invalid content: the fields fill " + used + " of the " + payloadLength + " payload bytes");
      }
      return checkpoint;
    } catch (EOFException e) {
      throw new CheckpointException(file, "invalid content: a length field points past the payload", e);
    }
  }

  // ---- payload ----

  private static long payloadLength(Optimizer optimizer, double[] params) {
    long n = 4 + 4 + 8 + 8 + scheduleLength(optimizer.schedule());
    n += 4 + 8L * optimizer.hyperParameters().length;
    n += 4;
    for (double[] state : optimizer.stateArrays()) {
      n += 4 + 8L * state.length;
    }
    return n + 4 + 8L * params.length;
  }

  private static long scheduleLength(LearningRateSchedule schedule) {
    if (schedule instanceof LearningRateSchedule.Constant) {
      return 4 + 8;
    } else if (schedule instanceof LearningRateSchedule.StepDecay) {
      return 4 + 8 + 8 + 8;
    } else if (schedule instanceof LearningRateSchedule.CosineAnnealing) {
      return 4 + 8 + 8 + 8;
    } else {
      LearningRateSchedule.LinearWarmup w = (LearningRateSchedule.LinearWarmup) schedule;
      return 4 + 8 + 8 + scheduleLength(w.then());
    }
  }

  private static void writePayload(DataOutputStream out, Optimizer optimizer, double[] params)
      throws IOException {
    out.writeInt(optimizer.kind().code());
    out.writeInt(optimizer.dimension());
    out.writeLong(optimizer.stepCount());
    out.writeDouble(optimizer.maxGradientNorm());
    writeSchedule(out, optimizer.schedule());
    writeArray(out, optimizer.hyperParameters());
    double[][] states = optimizer.stateArrays();
    out.writeInt(states.length);
    for (double[] state : states) {
      writeArray(out, state);
    }
    writeArray(out, params);
  }

  private static void writeSchedule(DataOutputStream out, LearningRateSchedule schedule)
      throws IOException {
    if (schedule instanceof LearningRateSchedule.Constant c) {
      out.writeInt(CONSTANT);
      out.writeDouble(c.rate());
    } else if (schedule instanceof LearningRateSchedule.StepDecay s) {
      out.writeInt(STEP_DECAY);
      out.writeDouble(s.initialRate());
      out.writeLong(s.stepSize());
      out.writeDouble(s.gamma());
    } else if (schedule instanceof LearningRateSchedule.CosineAnnealing c) {
      out.writeInt(COSINE);
      out.writeDouble(c.initialRate());
      out.writeDouble(c.minimumRate());
      out.writeLong(c.period());
    } else {
      LearningRateSchedule.LinearWarmup w = (LearningRateSchedule.LinearWarmup) schedule;
      out.writeInt(WARMUP);
      out.writeLong(w.warmupSteps());
      out.writeDouble(w.startFactor());
      writeSchedule(out, w.then());
    }
  }

  private static void writeArray(DataOutputStream out, double[] values) throws IOException {
    out.writeInt(values.length);
    for (double value : values) {
      out.writeDouble(value);
    }
  }

  private static TrainingCheckpoint readPayload(Path file, DataInputStream in, long payloadLength)
      throws IOException {
    int code = in.readInt();
    OptimizerKind kind = OptimizerKind.ofCode(code);
    if (kind == null) {
      throw new CheckpointException(file, "invalid content: unknown optimizer kind code " + code);
    }
    int dimension = in.readInt();
    long steps = in.readLong();
    if (dimension <= 0 || steps < 0) {
      throw new CheckpointException(
          file, "invalid content: dimension " + dimension + ", step count " + steps);
    }
    double maxNorm = in.readDouble();
    Optimizer optimizer;
    try {
      LearningRateSchedule schedule = readSchedule(file, in, 0);
      double[] hyper = readArray(file, in, payloadLength, "hyper-parameters");
      int expectedHyper = expectedHyperParameters(kind);
      if (hyper.length != expectedHyper) {
        throw new CheckpointException(
            file, "invalid content: " + hyper.length + " hyper-parameters for " + kind + ", expected " + expectedHyper);
      }
      optimizer =
          switch (kind) {
            case SGD -> Sgd.fromCheckpoint(dimension, schedule, maxNorm, hyper);
            case ADAM -> Adam.fromCheckpoint(false, dimension, schedule, maxNorm, hyper);
            case ADAMW -> Adam.fromCheckpoint(true, dimension, schedule, maxNorm, hyper);
            case RMSPROP -> RmsProp.fromCheckpoint(dimension, schedule, maxNorm, hyper);
            case ADAGRAD -> AdaGrad.fromCheckpoint(dimension, schedule, maxNorm, hyper);
          };
    } catch (IllegalArgumentException e) {
      throw new CheckpointException(file, "invalid content: " + e.getMessage(), e);
    }
    double[][] states = optimizer.stateArrays();
    int count = in.readInt();
    if (count != states.length) {
      throw new CheckpointException(
          file, "invalid content: " + count + " state arrays for " + kind + ", expected " + states.length);
    }
    for (int s = 0; s < states.length; s++) {
      double[] values = readArray(file, in, payloadLength, "state array " + s);
      if (values.length != states[s].length) {
        throw new CheckpointException(
            file, "invalid content: state array " + s + " has length " + values.length + ", expected " + states[s].length);
      }
      System.arraycopy(values, 0, states[s], 0, values.length);
    }
    optimizer.restoreStepCount(steps);
    double[] params = readArray(file, in, payloadLength, "params");
    try {
      return new TrainingCheckpoint(optimizer, params);
    } catch (IllegalArgumentException e) {
      throw new CheckpointException(file, "invalid content: " + e.getMessage(), e);
    }
  }

  private static int expectedHyperParameters(OptimizerKind kind) {
    return switch (kind) {
      case SGD, ADAM, ADAMW -> 4;
      case RMSPROP -> 5;
      case ADAGRAD -> 3;
    };
  }

  private static LearningRateSchedule readSchedule(Path file, DataInputStream in, int depth)
      throws IOException {
    if (depth > 16) {
      throw new CheckpointException(file, "invalid content: schedules nested more than 16 deep");
    }
    int tag = in.readInt();
    return switch (tag) {
      case CONSTANT -> LearningRateSchedule.constant(in.readDouble());
      case STEP_DECAY -> {
        double initial = in.readDouble();
        long stepSize = in.readLong();
        yield LearningRateSchedule.stepDecay(initial, stepSize, in.readDouble());
      }
      case COSINE -> {
        double initial = in.readDouble();
        double minimum = in.readDouble();
        yield LearningRateSchedule.cosineAnnealing(initial, minimum, in.readLong());
      }
      case WARMUP -> {
        long warmup = in.readLong();
        double startFactor = in.readDouble();
        yield LearningRateSchedule.linearWarmup(warmup, startFactor, readSchedule(file, in, depth + 1));
      }
      default -> throw new CheckpointException(file, "invalid content: unknown schedule tag " + tag);
    };
  }

  private static double[] readArray(Path file, DataInputStream in, long payloadLength, String what)
      throws IOException {
    int length = in.readInt();
    // Bound the allocation by the payload size so a bad length cannot exhaust memory.
    if (length < 0 || 8L * length > payloadLength) {
      throw new CheckpointException(file, "invalid content: " + what + " has length " + length);
    }
    double[] values = new double[length];
    for (int i = 0; i < length; i++) {
      values[i] = in.readDouble();
    }
    return values;
  }

  static boolean flag(String name, double value) {
    if (value != 0 && value != 1) {
      throw new IllegalArgumentException(name + " flag must be 0 or 1, got " + value);
    }
    return value == 1;
  }
}
