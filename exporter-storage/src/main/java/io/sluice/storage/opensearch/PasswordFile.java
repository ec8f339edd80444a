package io.sluice.storage.opensearch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The password of {@code auth.basic.password_file}: read at start and read again whenever the
 * file's modification time or size changes (spec jaeger-storage-query §6, "file is watched and
 * reloaded"), so a rotated secret is picked up without a restart.
 *
 * <p>{@link #refresh} touches the disk and is called by one watcher thread; {@link #password}
 * only reads a field, so request threads, the HTTP client's I/O threads included, never do.
 */
final class PasswordFile {
  private static final Logger log = LoggerFactory.getLogger(PasswordFile.class);
  private static final String KEY = "auth::basic::password_file";

  private final String storageName;
  private final Path path;
  private volatile String password;

  // Owned by the watcher thread (and the constructor before it starts).
  private FileTime modified;
  private long size;
  private boolean failing;

  private PasswordFile(String storageName, Path path, Snapshot first) {
    this.storageName = storageName;
    this.path = path;
    this.password = first.password;
    this.modified = first.modified;
    this.size = first.size;
  }

  /** Reads {@code path} once; throws naming the key and the file when it cannot be read. */
  static PasswordFile read(String storageName, Path path) throws IOException {
    try {
      return new PasswordFile(storageName, path, Snapshot.of(path));
    } catch (IOException e) {
      throw new IOException("cannot read " + KEY + " \"" + path + "\": " + e, e);
    }
  }

  /** Returns the password read last: the file's content without surrounding whitespace. */
  String password() {
    return password;
  }

  /**
   * Reads the file again when its modification time or size changed since the last read;
   * returns true when the password was re-read. A file that cannot be read keeps the last
   * password in use and is logged once until it is readable again.
   */
  boolean refresh() {
    try {
      BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
      if (attributes.lastModifiedTime().equals(modified) && attributes.size() == size) {
        return false;
      }
      Snapshot next = Snapshot.of(path);
      password = next.password;
      modified = next.modified;
      size = next.size;
      failing = false;
      log.info("jaeger_storage '{}': {} \"{}\" changed; requests use the new password",
          storageName, KEY, path);
      return true;
    } catch (IOException e) {
      if (!failing) {
        failing = true;
        log.warn("jaeger_storage '{}': cannot read {} \"{}\" ({}); requests keep the password"
            + " read before", storageName, KEY, path, e.toString());
      }
      return false;
    }
  }

  /** One read of the file: its trimmed content and the attributes it was read under. */
  private record Snapshot(String password, FileTime modified, long size) {
    static Snapshot of(Path path) throws IOException {
      // Attributes first: a write racing the read then changes them again and is read next time.
      BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
      String content = Files.readString(path, StandardCharsets.UTF_8).trim();
      return new Snapshot(content, attributes.lastModifiedTime(), attributes.size());
    }

    @Override
    public String toString() {
      return "Snapshot[password=<redacted>, modified=" + modified + ", size=" + size + "]";
    }
  }
}
