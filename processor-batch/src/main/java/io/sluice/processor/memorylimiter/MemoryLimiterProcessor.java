package io.sluice.processor.memorylimiter;

import static java.util.Objects.requireNonNull;

import io.sluice.pipeline.Capabilities;
import io.sluice.pipeline.ConsumerException;
import io.sluice.pipeline.Host;
import io.sluice.pipeline.Processor;
import io.sluice.pipeline.Traces;
import io.sluice.pipeline.TracesConsumer;
import io.vertx.core.Future;
import java.time.Duration;

/**
 * One pipeline's {@code memory_limiter}: passes data on while its shared {@link MemoryLimiter}
 * allows, and refuses it otherwise without calling the next stage.
 *
 * <p>A refusal is a {@link ConsumerException#resourceExhausted} with the collector's message
 * ({@code data refused due to high memory usage}), which the OTLP receiver answers with 429 and
 * {@code Retry-After} (HTTP) or {@code RESOURCE_EXHAUSTED} (gRPC), and counts in its refused
 * spans. The advised wait is {@code check_interval} rounded up to a whole second, since the
 * decision cannot change before the next check.
 */
public final class MemoryLimiterProcessor implements Processor {
  private final SharedLimiters.Lease lease;
  private final MemoryLimiterMetrics metrics;
  private final TracesConsumer next;
  private final ConsumerException refusal;

  MemoryLimiterProcessor(
      SharedLimiters.Lease lease, MemoryLimiterMetrics metrics, TracesConsumer next) {
    this.lease = requireNonNull(lease, "lease");
    this.metrics = requireNonNull(metrics, "metrics");
    this.next = requireNonNull(next, "next");
    Duration retryAfter = retryAfter(lease.limiter().checkInterval());
    this.refusal = ConsumerException.resourceExhausted(
        "data refused due to high memory usage (processor " + lease.id() + "): retry after "
            + retryAfter.toSeconds() + "s", retryAfter);
  }

  /** Starts the shared limiter's checks, if no other pipeline did yet. */
  @Override
  public Future<Void> start(Host host) {
    lease.limiter().start();
    return Future.succeededFuture();
  }

  /**
   * Refuses {@code traces} with a resource-exhausted failure while the heap is above the soft
   * limit; otherwise passes them to the next stage and answers with its answer.
   */
  @Override
  public Future<Void> consume(Traces traces) {
    if (lease.limiter().mustRefuse()) {
      metrics.refused(traces.spanCount());
      return Future.failedFuture(refusal);
    }
    metrics.accepted(traces.spanCount());
    return next.consume(traces);
  }

  /** Returns that the limiter only reads the data. */
  @Override
  public Capabilities capabilities() {
    return Capabilities.READ_ONLY;
  }

  /** Releases this pipeline's share; the last pipeline to shut down stops the checks. */
  @Override
  public Future<Void> shutdown() {
    lease.release();
    return Future.succeededFuture();
  }

  /** Returns the limiter shared by the pipelines that use this processor's id. */
  public MemoryLimiter limiter() {
    return lease.limiter();
  }

  static Duration retryAfter(Duration checkInterval) {
    long seconds = (checkInterval.toNanos() + 999_999_999L) / 1_000_000_000L;
    return Duration.ofSeconds(Math.max(1, seconds));
  }
}
