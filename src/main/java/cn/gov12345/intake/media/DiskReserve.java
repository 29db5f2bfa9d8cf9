package cn.gov12345.intake.media;

import cn.gov12345.intake.error.StorageFullException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The free-space floor of the data volume, which also holds the Redis AOF: an upload is refused
 * (507) before its first byte while the volume has less usable space than the reserve, so a citizen
 * filling the disk with photos can never make Redis fail its writes.
 */
public final class DiskReserve {

  private final Path volume;
  private final long reserveBytes;

  /**
   * @param volume any existing path on the data volume (the data directory)
   */
  public DiskReserve(Path volume, long reserveBytes) {
    this.volume = volume;
    this.reserveBytes = reserveBytes;
  }

  /**
   * @throws StorageFullException {@code insufficient_storage} when the volume is under its reserve
   *     (or its free space cannot be read)
   */
  public void check() {
    if (usableBytes() < reserveBytes) {
      throw new StorageFullException(
          "The gateway is short of storage space for uploads; try again later.");
    }
  }

  /** The volume's usable space now; -1 when it cannot be read. */
  public long usableBytes() {
    try {
      return Files.getFileStore(existing(volume)).getUsableSpace();
    } catch (IOException | SecurityException e) {
      return -1;
    }
  }

  public long reserveBytes() {
    return reserveBytes;
  }

  private static Path existing(Path path) {
    Path p = path.toAbsolutePath();
    while (p != null && !Files.exists(p)) {
      p = p.getParent();
    }
    return p == null ? Path.of("/") : p;
  }
}
