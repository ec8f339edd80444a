package io.sluice.bench;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * What one load run sends and how the client is set up.
 *
 * <p>The client settings default to the OpenTelemetry SDK's own BatchSpanProcessor defaults
 * (queue 2048 spans, batches of 512, a 5 s schedule delay), which the Go and Java SDKs share and
 * which the user's service runs with: a benchmark with a bigger queue would hide the very loss it
 * is meant to show.
 *
 * @param endpoint the collector's OTLP base URL, e.g. {@code http://localhost:4318}
 * @param protocol the OTLP transport
 * @param workers threads that each send {@code tracesPerWorker} traces
 * @param tracesPerWorker traces each worker sends (3 spans each)
 * @param serviceName the resource's {@code service.name}
 * @param lossless whether a full client queue makes the worker wait instead of dropping spans
 * @param maxQueueSize the BatchSpanProcessor's queue, in spans
 * @param maxExportBatchSize the most spans in one export request
 * @param scheduleDelay how long the processor waits for a full batch before exporting a short one
 * @param tracesPerSecondPerWorker each worker's pace; 0 sends as fast as the client allows
 */
public record LoadConfig(
    String endpoint,
    Protocol protocol,
    int workers,
    int tracesPerWorker,
    String serviceName,
    boolean lossless,
    int maxQueueSize,
    int maxExportBatchSize,
    Duration scheduleDelay,
    double tracesPerSecondPerWorker) {

  /** The user's benchmark: 8 workers. */
  public static final int DEFAULT_WORKERS = 8;
  /** The user's benchmark: 10,000 traces per worker. */
  public static final int DEFAULT_TRACES_PER_WORKER = 10_000;
  /** The user's service name. */
  public static final String DEFAULT_SERVICE_NAME = "grm-service";
  /** The SDK's default queue ({@code OTEL_BSP_MAX_QUEUE_SIZE}). */
  public static final int DEFAULT_MAX_QUEUE_SIZE = 2048;
  /** The SDK's default batch ({@code OTEL_BSP_MAX_EXPORT_BATCH_SIZE}). */
  public static final int DEFAULT_MAX_EXPORT_BATCH_SIZE = 512;
  /** The SDK's default delay ({@code OTEL_BSP_SCHEDULE_DELAY}). */
  public static final Duration DEFAULT_SCHEDULE_DELAY = Duration.ofSeconds(5);

  /** Checks the values; see the class comment for their meaning. */
  public LoadConfig {
    requireNonNull(endpoint, "endpoint");
    requireNonNull(protocol, "protocol");
    requireNonNull(serviceName, "serviceName");
    requireNonNull(scheduleDelay, "scheduleDelay");
    requirePositive("workers", workers);
    requirePositive("tracesPerWorker", tracesPerWorker);
    requirePositive("maxQueueSize", maxQueueSize);
    requirePositive("maxExportBatchSize", maxExportBatchSize);
    if (tracesPerSecondPerWorker < 0) {
      throw new IllegalArgumentException(
          "tracesPerSecondPerWorker: got " + tracesPerSecondPerWorker + ", expected >= 0");
    }
  }

  /** Returns the user's load against {@code endpoint} over {@code protocol}, lossy, unpaced. */
  public static LoadConfig defaults(String endpoint, Protocol protocol) {
    return new LoadConfig(endpoint, protocol, DEFAULT_WORKERS, DEFAULT_TRACES_PER_WORKER,
        DEFAULT_SERVICE_NAME, false, DEFAULT_MAX_QUEUE_SIZE, DEFAULT_MAX_EXPORT_BATCH_SIZE,
        DEFAULT_SCHEDULE_DELAY, 0);
  }

  /** Returns the spans the run ends: three per trace. */
  public long totalSpans() {
    return (long) workers * tracesPerWorker * UserTrace.SPANS_PER_TRACE;
  }

  private static void requirePositive(String name, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + ": got " + value + ", expected > 0");
    }
  }
}
