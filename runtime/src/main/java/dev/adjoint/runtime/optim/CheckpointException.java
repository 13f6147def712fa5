package dev.adjoint.runtime.optim;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A checkpoint (of training or of an L-BFGS run) could not be read because the file is not one, is truncated, is
 * corrupted (checksum mismatch) or holds invalid content. The message names the file and what
 * is wrong.
 */
public final class CheckpointException extends IOException {
  private static final long serialVersionUID = 1L;

  /** The checkpoint file. */
  private final transient Path file;

  CheckpointException(Path file, String problem) {
    super("training checkpoint " + file + ": " + problem);
    this.file = file;
  }

  /** For checkpoints of another kind: {@code "L-BFGS checkpoint <file>: <problem>"}. */
  CheckpointException(Path file, String kind, String problem) {
    super(kind + " " + file + ": " + problem);
    this.file = file;
  }

  CheckpointException(Path file, String problem, Throwable cause) {
    super("training checkpoint " + file + ": " + problem, cause);
    this.file = file;
  }

  /** The file that was rejected. */
  public Path file() {
    return file;
  }
}
