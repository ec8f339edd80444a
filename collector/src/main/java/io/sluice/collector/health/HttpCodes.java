package io.sluice.collector.health;

import io.sluice.pipeline.status.ComponentStatus;

/** The HTTP code each status answers with (spec/collector-runtime.md §7). */
final class HttpCodes {
  private HttpCodes() {}

  /** Returns the v2 code: 200 for OK and non-fatal errors, 500 for fatal, else 503. */
  static int v2(ComponentStatus status) {
    return switch (status) {
      case OK, RECOVERABLE_ERROR, PERMANENT_ERROR -> 200;
      case FATAL_ERROR -> 500;
      case NONE, STARTING, STOPPING, STOPPED -> 503;
    };
  }

  /** Returns the legacy code: as v2, except that a fatal error answers 503. */
  static int legacy(ComponentStatus status) {
    return status == ComponentStatus.FATAL_ERROR ? 503 : v2(status);
  }
}
