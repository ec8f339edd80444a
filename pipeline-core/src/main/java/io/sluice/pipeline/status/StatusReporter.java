package io.sluice.pipeline.status;

import javax.annotation.Nullable;

/** Where a component reports a change of its own health at run time. */
public interface StatusReporter {
  /** Reports {@code status}; {@code error} says why for the error statuses. */
  void report(ComponentStatus status, @Nullable Throwable error);

  /** A reporter that keeps nothing, for tests and components outside a service. */
  StatusReporter NONE = (status, error) -> {};
}
