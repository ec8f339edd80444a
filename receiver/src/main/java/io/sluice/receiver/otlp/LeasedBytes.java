package io.sluice.receiver.otlp;

import io.vertx.core.buffer.Buffer;
import java.util.Arrays;

/**
 * A growing byte array whose capacity is taken from a request's {@link InflightBytes.Lease}
 * before it is allocated, and which never grows past a size limit.
 *
 * <p>Capacity doubles from {@value #INITIAL_BYTES} bytes up to {@code expectedBytes} (a declared
 * {@code Content-Length}) or the limit, so a body that arrives whole is held in one array of
 * exactly its size, and a body that stalls holds only what it has sent, rounded up.
 */
final class LeasedBytes {
  /** The first allocation, unless the expected size is smaller. */
  static final int INITIAL_BYTES = 64 * 1024;

  private final InflightBytes.Lease lease;
  private final long maxBytes;
  private final long capacityCapBytes;
  private byte[] bytes = new byte[0];
  private int length;

  /**
   * Creates an empty array for at most {@code maxBytes}, expecting {@code expectedBytes} (-1
   * when unknown).
   */
  LeasedBytes(InflightBytes.Lease lease, long maxBytes, long expectedBytes) {
    this.lease = lease;
    this.maxBytes = maxBytes;
    this.capacityCapBytes = Math.min(Integer.MAX_VALUE - 8,
        expectedBytes >= 0 ? Math.min(expectedBytes, maxBytes) : maxBytes);
  }

  /** Appends {@code chunk}; see {@link #append(byte[], int, int)} for the failures. */
  void append(Buffer chunk) throws BodyTooLargeException, InflightBytesExhaustedException {
    int n = chunk.length();
    reserve(n);
    chunk.getBytes(0, n, bytes, length);
    length += n;
  }

  /**
   * Appends {@code n} bytes of {@code source} from {@code offset}; throws
   * {@link BodyTooLargeException} past the limit and {@link InflightBytesExhaustedException}
   * when the lease cannot grow, appending nothing in either case.
   */
  void append(byte[] source, int offset, int n)
      throws BodyTooLargeException, InflightBytesExhaustedException {
    reserve(n);
    System.arraycopy(source, offset, bytes, length, n);
    length += n;
  }

  /** Returns the number of bytes appended. */
  int length() {
    return length;
  }

  /**
   * Returns the bytes appended, trimmed to their length; the capacity beyond the length goes
   * back to the lease. Nothing may be appended afterwards.
   */
  byte[] toByteArray() {
    if (bytes.length != length) {
      int spare = bytes.length - length;
      bytes = Arrays.copyOf(bytes, length);
      lease.giveBack(spare);
    }
    return bytes;
  }

  private void reserve(int n) throws BodyTooLargeException, InflightBytesExhaustedException {
    long needed = (long) length + n;
    if (needed > maxBytes) {
      throw new BodyTooLargeException(maxBytes);
    }
    if (needed <= bytes.length) {
      return;
    }
    long doubled = Math.max(INITIAL_BYTES, 2L * bytes.length);
    int capacity = (int) Math.max(needed, Math.min(doubled, capacityCapBytes));
    if (!lease.tryAcquire(capacity - bytes.length)) {
      throw new InflightBytesExhaustedException(lease.budgetBytes());
    }
    bytes = Arrays.copyOf(bytes, capacity);
  }
}
