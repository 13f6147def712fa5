package dev.adjoint.runtime.optim;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * The container every checkpoint of the runtime uses: big-endian {@code int} magic number,
 * {@code int} version, {@code long} payload length, the payload, then the CRC32 of all preceding
 * bytes as an {@code int}. Written atomically (a temporary file in the same directory, forced to
 * disk, renamed over the target), checked completely before anything is read from it.
 */
final class CheckpointFile {
  static final int HEADER_BYTES = 16;
  static final int CRC_BYTES = 4;

  private CheckpointFile() {}

  /** Writes a payload of exactly {@code payloadLength} bytes. */
  @FunctionalInterface
  interface PayloadWriter {
    void write(DataOutputStream out) throws IOException;
  }

  /**
   * Atomically replaces {@code file} by a checkpoint; if anything fails, the previous file is
   * untouched and the temporary file deleted. {@code wrap} decorates the temporary file's stream
   * (tests inject failures).
   */
  static void write(Path file, int magic, int version, long payloadLength, PayloadWriter payload,
      UnaryOperator<OutputStream> wrap) throws IOException {
    Path target = file.toAbsolutePath();
    Path directory = target.getParent();
    Path temp = Files.createTempFile(directory, "." + target.getFileName() + ".", ".tmp");
    boolean moved = false;
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        CRC32 crc = new CRC32();
        OutputStream raw = wrap.apply(Channels.newOutputStream(channel));
        DataOutputStream out =
            new DataOutputStream(
                new CheckedOutputStream(new BufferedOutputStream(raw, 1 << 16), crc));
        out.writeInt(magic);
        out.writeInt(version);
        out.writeLong(payloadLength);
        payload.write(out);
        out.flush();
        // The checksum covers every byte written so far, so it goes to the raw stream.
        int checksum = (int) crc.getValue();
        raw.write(
            new byte[] {
              (byte) (checksum >>> 24), (byte) (checksum >>> 16), (byte) (checksum >>> 8), (byte) checksum
            });
        raw.flush();
        channel.force(true);
      }
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException(
            "cannot replace " + target + " atomically (file system without atomic rename)", e);
      }
      moved = true;
      syncDirectory(directory);
    } finally {
      if (!moved) {
        Files.deleteIfExists(temp);
      }
    }
  }

  /**
   * Checks the header, the size and the checksum of a checkpoint file; returns the payload
   * length (the payload starts after {@link #HEADER_BYTES}).
   *
   * @param what what the file must be, for messages: {@code "an Adjoint training checkpoint"}
   * @param kind how messages name such files: {@code "training checkpoint"}
   * @throws CheckpointException naming the file and the problem
   */
  static long check(Path file, int magic, int version, String what, String kind)
      throws IOException {
    long size = Files.size(file);
    if (size < HEADER_BYTES + CRC_BYTES) {
      throw new CheckpointException(
          file, kind, "truncated: " + size + " bytes, shorter than the " + (HEADER_BYTES + CRC_BYTES)
              + "-byte header and checksum");
    }
    long payloadLength;
    try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
      int found = in.readInt();
      if (found != magic) {
        throw new CheckpointException(
            file, kind,
            String.format(
                Locale.ROOT, "not %s (magic number 0x%08X, expected 0x%08X)", what, found, magic));
      }
      int foundVersion = in.readInt();
      if (foundVersion != version) {
        throw new CheckpointException(file, kind, "unsupported format version " + foundVersion
            + " (this runtime reads version " + version + ")");
      }
      payloadLength = in.readLong();
    }
    long expected = HEADER_BYTES + payloadLength + CRC_BYTES;
    if (payloadLength < 0 || size < expected) {
      throw new CheckpointException(
          file, kind, "truncated: " + size + " bytes, the header announces " + expected);
    }
    if (size > expected) {
      throw new CheckpointException(
          file, kind, (size - expected) + " unexpected bytes after the checksum (" + size + " bytes, expected " + expected + ")");
    }
    verifyChecksum(file, HEADER_BYTES + payloadLength, kind);
    return payloadLength;
  }

  private static void verifyChecksum(Path file, long checkedBytes, String kind)
      throws IOException {
    CRC32 crc = new CRC32();
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        DataInputStream in = new DataInputStream(raw)) {
      CheckedInputStream checked = new CheckedInputStream(raw, crc);
      byte[] buffer = new byte[1 << 16];
      long remaining = checkedBytes;
      while (remaining > 0) {
        int n = checked.read(buffer, 0, (int) Math.min(buffer.length, remaining));
        if (n < 0) {
          throw new CheckpointException(file, kind, "truncated while reading the payload");
        }
        remaining -= n;
      }
      int stored = in.readInt();
      int computed = (int) crc.getValue();
      if (stored != computed) {
        throw new CheckpointException(
            file, kind,
            String.format(
                Locale.ROOT,
                "corrupted: CRC32 mismatch (stored 0x%08X, computed 0x%08X)",
                stored,
                computed));
      }
    }
  }

  private static void syncDirectory(Path directory) {
    // Makes the rename itself durable. Not every platform can open a directory (Windows
    // cannot); the file's own contents were already forced, so failing here is harmless.
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // best effort
    }
  }
}
