package io.agentmesh.node;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Who runs the embedded servers of a data directory: the one node holding an OS file lock on its {@code node.lock}
 * (released by the OS when that process dies, however it dies). A second node on the same directory refuses to
 * start before touching anything: the stale-server cleanup may stop only servers no live node owns.
 */
final class DataDirectoryLock implements AutoCloseable {

  private static final String FILE = "node.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private DataDirectoryLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  static DataDirectoryLock acquire(Path dataDirectory) throws IOException {
    Files.createDirectories(dataDirectory);
    Path file = dataDirectory.resolve(FILE);
    FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
      StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      String holder = Files.readString(file, StandardCharsets.UTF_8).trim();
      channel.close();
      throw new StartupException("the data directory " + dataDirectory.toAbsolutePath().normalize() + " is in use by "
        + "a running node" + (holder.isEmpty() ? "" : " (pid " + holder + ")") + "; stop it first, or run more "
        + "nodes with scripts/cluster N (they share the first node's servers), or give this one another "
        + "node.data_dir");
    }
    channel.truncate(0);
    channel.write(ByteBuffer.wrap(String.valueOf(ProcessHandle.current().pid())
      .getBytes(StandardCharsets.UTF_8)));
    channel.force(true);
    return new DataDirectoryLock(channel, lock);
  }

  @Override
  public void close() throws IOException {
    lock.release();
    channel.close();
  }
}
