package io.sluice.storage.opensearch;

import java.io.IOException;

/** Sends one {@code _bulk} request body and returns the raw answer; one call per request. */
interface BulkTransport {
  /** The whole request's answer. */
  record Answer(int status, byte[] body) {}

  /** POSTs {@code ndjson} to {@code /_bulk}; throws on transport failure (refused, timeout). */
  Answer post(byte[] ndjson) throws IOException, InterruptedException;

  /** Returns where requests go, for log lines, e.g. {@code http://127.0.0.1:9200}. */
  String describe();
}
