package io.sluice.storage;

import static java.util.Objects.requireNonNull;

import io.sluice.pipeline.ComponentId;
import io.sluice.pipeline.status.StatusReporter;
import io.sluice.pipeline.telemetry.Telemetry;

/**
 * What a {@link TraceWriter} needs from the exporter that owns it.
 *
 * @param exporterId labels the writer's metrics and log lines
 * @param telemetry where the sent/failed counters and queue gauges go
 * @param status where the writer reports a storage outage and its recovery
 * @param queue the queue bound
 */
public record WriterOptions(
    ComponentId exporterId, Telemetry telemetry, StatusReporter status, QueueSettings queue) {
  /** Checks the parts. */
  public WriterOptions {
    requireNonNull(exporterId, "exporterId");
    requireNonNull(telemetry, "telemetry");
    requireNonNull(status, "status");
    requireNonNull(queue, "queue");
  }
}
