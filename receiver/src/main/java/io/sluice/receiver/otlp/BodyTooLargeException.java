package io.sluice.receiver.otlp;

import java.io.IOException;

/** Thrown when a request body, compressed or decompressed, is larger than the limit. */
final class BodyTooLargeException extends IOException {
  BodyTooLargeException(long maxBytes) {
    super("request body too large: more than max_request_body_size " + maxBytes + " bytes");
  }
}
