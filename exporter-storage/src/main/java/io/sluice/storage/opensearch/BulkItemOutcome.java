package io.sluice.storage.opensearch;

/** What the writer does with one bulk item, decided from its HTTP status. */
enum BulkItemOutcome {
  /** Stored: 2xx. */
  ACKED,
  /** Not stored for a passing reason; send again later: 408, 429 and every 5xx (507 included). */
  RETRY,
  /** Not stored and never will be (400 mapping errors, 403, 404...): count and log. */
  PERMANENT;

  /** Returns the outcome for a bulk item's (or a whole bulk request's) status. */
  static BulkItemOutcome of(int status) {
    if (status >= 200 && status < 300) {
      return ACKED;
    }
    if (status == 408 || status == 429 || (status >= 500 && status < 600)) {
      return RETRY;
    }
    return PERMANENT;
  }
}
