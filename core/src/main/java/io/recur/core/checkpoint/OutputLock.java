package io.recur.core.checkpoint;

import io.recur.core.InvalidInputException;
import io.recur.core.util.TextFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * An exclusive claim on a checkpoint directory for the whole of a training run, so that a second
 * run on the same directory is refused (naming the first: process id, host, start time) instead of
 * silently overwriting its model. The claim is an operating-system lock on the file
 * {@value #FILE} in the directory, which holds the owner's description; the lock ends with the
 * process, however it ends, and the file stays (it is not part of the checkpoint).
 */
public final class OutputLock implements AutoCloseable {
  /** The lock file's name. */
  public static final String FILE = ".recur.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private OutputLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Claims {@code dir} (created if missing).
   *
   * @throws InvalidInputException if another run holds it, or it cannot be written
   */
  public static OutputLock acquire(Path dir) {
    FileChannel ch = null;
    try {
      Files.createDirectories(dir);
      ch = FileChannel.open(dir.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock l;
      try {
        l = ch.tryLock();
      } catch (OverlappingFileLockException e) {
        l = null;
      }
      if (l == null) {
        String owner = owner(ch);
        ch.close();
        throw new InvalidInputException(dir + " is being written by another training run (" + owner
            + "); wait for it to finish, or pass another --out");
      }
      ch.truncate(0);
      ch.write(ByteBuffer.wrap(describeThisProcess().getBytes(StandardCharsets.UTF_8)), 0);
      ch.force(false);
      return new OutputLock(ch, l);
    } catch (IOException e) {
      closeQuietly(ch);
      throw new InvalidInputException("cannot write to " + dir + ": " + TextFiles.reason(e)
          + "; pass an --out directory you can write to", e);
    }
  }

  private static String owner(FileChannel ch) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(512);
    ch.read(b, 0);
    String s = new String(b.array(), 0, b.position(), StandardCharsets.UTF_8).strip();
    return s.isEmpty() ? "a process that has just started" : s;
  }

  private static String describeThisProcess() {
    return "pid " + ProcessHandle.current().pid() + " on " + host() + ", since " + Instant.now() + "\n";
  }

  /** The host name without a network look-up: {@code HOSTNAME}, else {@code /etc/hostname}. */
  private static String host() {
    String h = System.getenv("HOSTNAME");
    if (h == null || h.isBlank()) {
      try {
        h = Files.readString(Path.of("/etc/hostname"), StandardCharsets.UTF_8).strip();
      } catch (IOException | RuntimeException e) {
        h = "";
      }
    }
    return h.isBlank() ? "this host" : h;
  }

  private static void closeQuietly(FileChannel ch) {
    if (ch != null) {
      try {
        ch.close();
      } catch (IOException e) {
        // nothing more to release
      }
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException e) {
      // the channel's close below releases it too
    }
    closeQuietly(channel);
  }
}
