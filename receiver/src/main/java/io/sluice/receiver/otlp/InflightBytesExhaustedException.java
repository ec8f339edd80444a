package io.sluice.receiver.otlp;

import java.io.IOException;

/**
 * Thrown when a request cannot buffer more bytes because the receiver already holds its budget
 * of in-flight request bytes; the client is told to retry later.
 */
final class InflightBytesExhaustedException extends IOException {
  InflightBytesExhaustedException(long capacityBytes) {
    super("receiver is holding its budget of in-flight request bytes (max_inflight_bytes "
        + capacityBytes + " bytes); retry later");
  }
}
