package io.sluice.pipeline;

import io.sluice.pipeline.status.StatusReporter;
import java.util.Map;
import java.util.Optional;

/** What the service offers a starting component: the running extensions and status reports. */
public interface Host {
  /** Returns the started extensions by id, in start order. */
  Map<ComponentId, Extension> extensions();

  /** Returns the first started extension that is an instance of {@code type}. */
  default <T> Optional<T> extension(Class<T> type) {
    return extensions().values().stream().filter(type::isInstance).map(type::cast).findFirst();
  }

  /** Returns the sink for this component's runtime status (recoverable errors, recovery). */
  StatusReporter status();
}
