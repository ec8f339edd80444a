package io.sluice.bench;

import static java.util.Objects.requireNonNull;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One run of the user's load through the OpenTelemetry SDK: a tracer provider with a
 * BatchSpanProcessor and the OTLP exporter, as a real application sets them up, plus the
 * counters that say where every span went.
 *
 * <p>Use it once: {@link #sendAll()} ends every span, {@link #drain()} shuts the client down,
 * which exports what is still queued. {@link #counts()} may be read from any thread meanwhile.
 */
public final class LoadRun implements AutoCloseable {
  /** The longest {@link #drain()} waits for the last exports (each may retry for a while). */
  public static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(5);

  private final LoadConfig config;
  private final EndedSpanCounter ended = new EndedSpanCounter();
  private final ProcessorMetricsReader processorMetrics = new ProcessorMetricsReader();
  private final SdkMeterProvider meterProvider;
  private final CountingSpanExporter exporter;
  private final SdkTracerProvider tracerProvider;
  private boolean drained;

  /** Sets up the client for {@code config}; nothing is sent until {@link #sendAll()}. */
  public LoadRun(LoadConfig config) {
    this.config = requireNonNull(config, "config");
    this.meterProvider = SdkMeterProvider.builder().registerMetricReader(processorMetrics).build();
    Semaphore permits = new Semaphore(config.maxQueueSize());
    this.exporter = new CountingSpanExporter(
        otlpExporter(config), config.lossless() ? permits::release : spans -> {});
    SpanProcessor batch = BatchSpanProcessor.builder(exporter)
        .setMaxQueueSize(config.maxQueueSize())
        .setMaxExportBatchSize(config.maxExportBatchSize())
        .setScheduleDelay(config.scheduleDelay())
        .setMeterProvider(meterProvider)
        .build();
    this.tracerProvider = SdkTracerProvider.builder()
        .setResource(resource(config.serviceName()))
        .addSpanProcessor(ended)
        .addSpanProcessor(config.lossless() ? new LosslessSpanProcessor(batch, permits) : batch)
        .build();
  }

  /**
   * Runs the workers, each sending its traces back to back (or at the configured pace), and
   * returns the wall time from the first trace until every span has ended.
   */
  public Duration sendAll() throws InterruptedException {
    UserTrace trace = new UserTrace(tracerProvider);
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    for (int i = 0; i < config.workers(); i++) {
      Thread worker = new Thread(() -> work(trace, go), "load-worker-" + i);
      worker.start();
      workers.add(worker);
    }
    long startNanos = System.nanoTime();
    go.countDown();
    for (Thread worker : workers) {
      worker.join();
    }
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  private void work(UserTrace trace, CountDownLatch go) {
    try {
      go.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    long intervalNanos = config.tracesPerSecondPerWorker() == 0
        ? 0 : (long) (1e9 / config.tracesPerSecondPerWorker());
    long next = System.nanoTime();
    for (int i = 0; i < config.tracesPerWorker(); i++) {
      if (intervalNanos > 0) {
        next += intervalNanos;
        LockSupport.parkNanos(next - System.nanoTime());
      }
      trace.emit(epochNanos());
    }
  }

  /**
   * Shuts the client down, exporting what is still queued, and returns how long that took.
   * Waits at most {@link #DRAIN_TIMEOUT}.
   */
  public Duration drain() {
    long startNanos = System.nanoTime();
    drained = true;
    tracerProvider.shutdown().join(DRAIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  /** Returns where the client's spans are now. */
  public SpanCounts counts() {
    return new SpanCounts(ended.ended(), exporter.exported(), exporter.failed(),
        processorMetrics.droppedSpans(), processorMetrics.queuedSpans());
  }

  /** Returns the settings this run uses. */
  public LoadConfig config() {
    return config;
  }

  @Override
  public void close() {
    if (!drained) {
      drain();
    }
    meterProvider.shutdown().join(10, TimeUnit.SECONDS);
  }

  private static SpanExporter otlpExporter(LoadConfig config) {
    return switch (config.protocol()) {
      case HTTP_PROTOBUF -> OtlpHttpSpanExporter.builder()
          .setEndpoint(trimSlash(config.endpoint()) + "/v1/traces")
          .build();
      case GRPC -> OtlpGrpcSpanExporter.builder().setEndpoint(config.endpoint()).build();
    };
  }

  private static Resource resource(String serviceName) {
    return Resource.getDefault().merge(Resource.create(Attributes.builder()
        .put("service.name", serviceName)
        .put("host.name", "bench-host")
        .build()));
  }

  private static String trimSlash(String endpoint) {
    return endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
  }

  private static long epochNanos() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }
}
