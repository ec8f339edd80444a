package io.sluice.storage.opensearch;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.pipeline.log.RateLimitedLog;
import io.sluice.pipeline.status.ComponentStatus;
import io.sluice.pipeline.telemetry.ExporterMetrics;
import io.sluice.storage.QueueSettings;
import io.sluice.storage.QueueSizer;
import io.sluice.storage.TraceWriter;
import io.sluice.storage.WriterOptions;
import io.sluice.storage.config.BulkProcessing;
import io.sluice.storage.model.JaegerSpan;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One exporter's path into OpenSearch/Elasticsearch: a queue bounded in bytes (or spans or
 * batches) of rendered bulk items, and bulk workers that send them and settle every item.
 *
 * <p>An item is settled when the engine acknowledged it (a span counts as sent) or refused it
 * for good (a span counts as failed, the reason is logged, rate-limited). Items refused for a
 * passing reason (408, 429, 5xx) and whole requests that fail in transport are sent again with
 * backoff for as long as the process runs, so nothing is dropped for a transient reason. Span
 * documents carry a deterministic {@code _id}, so a retried item overwrites itself.
 *
 * <p>Workers are platform threads: a bulk call blocks until the engine answers, and there are
 * only {@code bulk_processing.workers} of them.
 */
final class BulkWriter implements TraceWriter {
  private static final Logger log = LoggerFactory.getLogger(BulkWriter.class);
  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
  static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(30);

  private final BulkTransport transport;
  private final CompletableFuture<Void> storageReady;
  private final BulkRenderer renderer;
  private final ServiceCache serviceCache;
  private final BulkProcessing bulk;
  private final WriterOptions options;
  private final QueueSettings queue;
  private final Duration drainTimeout;
  private final ExporterMetrics metrics;
  private final CapacityGate gate;
  private final ReadyQueue ready = new ReadyQueue();
  private final ScheduledExecutorService retries;
  private final List<Thread> workers = new ArrayList<>();
  private final AtomicLong unsettledItems = new AtomicLong();
  private final AtomicLong queuedSpans = new AtomicLong();
  private final AtomicLong queuedBytes = new AtomicLong();
  private final AtomicBoolean unhealthy = new AtomicBoolean();
  private final RateLimitedLog itemFailureLog = RateLimitedLog.of(5, Duration.ofSeconds(10));
  private final RateLimitedLog requestFailureLog = RateLimitedLog.of(5, Duration.ofSeconds(10));
  private final Counter acked;
  private final Counter retried;
  private final Counter failed;
  private volatile boolean stopping;
  private volatile boolean abandoned;

  BulkWriter(
      BulkTransport transport,
      CompletableFuture<Void> storageReady,
      BulkRenderer renderer,
      ServiceCache serviceCache,
      BulkProcessing bulk,
      WriterOptions options,
      Duration drainTimeout) {
    this.transport = transport;
    this.storageReady = storageReady;
    this.renderer = renderer;
    this.serviceCache = serviceCache;
    this.bulk = bulk;
    this.options = options;
    this.queue = options.queue();
    this.drainTimeout = drainTimeout;
    this.metrics = options.telemetry().exporter(options.exporterId());
    this.gate = new CapacityGate(queue.capacity(), queue.blocking());
    this.retries = Executors.newSingleThreadScheduledExecutor(
        r -> daemon(r, "sluice-bulk-retry-" + options.exporterId()));
    MeterRegistry registry = options.telemetry().registry();
    this.acked = itemCounter(registry, "acked");
    this.retried = itemCounter(registry, "retried");
    this.failed = itemCounter(registry, "failed");
    registerGauges(registry);
  }

  /** Starts the bulk workers and logs the queue bound. */
  void start() {
    log.info("{}: queue of {} {} ({}), {} bulk worker(s) writing to {}",
        options.exporterId(), queue.capacity(), queue.sizer().name().toLowerCase(),
        queue.blocking() ? "blocking when full" : "refusing when full", bulk.workers(),
        transport.describe());
    for (int i = 0; i < bulk.workers(); i++) {
      Thread t = daemon(this::runWorker, "sluice-bulk-" + options.exporterId() + "-" + i);
      workers.add(t);
      t.start();
    }
  }

  @Override
  public Future<Void> write(List<JaegerSpan> spans) {
    if (spans.isEmpty()) {
      return Future.succeededFuture();
    }
    List<BulkItem> items = renderer.render(spans);
    PendingBatch batch = new PendingBatch(items.size(), batchWeight(), Vertx.currentContext());
    long units = batch.weight;
    long bytes = 0;
    for (BulkItem item : items) {
      item.batch = batch;
      item.weight = itemWeight(item);
      units += item.weight;
      bytes += item.ndjson.length;
    }
    long spanCount = spans.size();
    long batchBytes = bytes;
    Future<Void> admitted = gate.acquire(units, () -> admit(items, spanCount, batchBytes));
    admitted.onFailure(e -> refuse(items, spanCount));
    return queue.enabled() ? admitted : admitted.compose(v -> batch.settled());
  }

  @Override
  public Future<Void> shutdown() {
    Promise<Void> done = Promise.promise();
    Thread drainer = daemon(() -> {
      drain();
      done.complete();
    }, "sluice-bulk-drain-" + options.exporterId());
    drainer.start();
    return done.future();
  }

  private void admit(List<BulkItem> items, long spans, long bytes) {
    unsettledItems.addAndGet(items.size());
    queuedSpans.addAndGet(spans);
    queuedBytes.addAndGet(bytes);
    ready.addAll(items);
  }

  private void refuse(List<BulkItem> items, long spans) {
    metrics.enqueueFailed(spans);
    for (BulkItem item : items) {
      if (item.serviceKey != null) {
        serviceCache.forget(item.serviceKey);
      }
    }
  }

  private void runWorker() {
    try {
      while (!abandoned && (!stopping || unsettledItems.get() > 0)) {
        if (!awaitStorage()) {
          continue;
        }
        List<BulkItem> items = ready.take(
            bulk.maxActions(), bulk.maxBytes(), bulk.flushInterval().toNanos(), POLL_NANOS);
        if (!items.isEmpty()) {
          send(items);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private boolean awaitStorage() throws InterruptedException {
    try {
      storageReady.get(POLL_NANOS, TimeUnit.NANOSECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("storage readiness never fails", e);
    }
  }

  /** Sends one request until the engine answers it, then settles each item by its status. */
  private void send(List<BulkItem> items) throws InterruptedException {
    byte[] body = concat(items);
    for (int attempt = 1; ; attempt++) {
      BulkTransport.Answer response;
      try {
        response = transport.post(body);
      } catch (IOException | RuntimeException e) {
        // The client reports an interrupted wait (shutdown) as a RuntimeException: stop, do not
        // retry. Any other failure of the call is the transport's and is retried with backoff.
        boolean interrupted = Thread.currentThread().isInterrupted()
            || e.getCause() instanceof InterruptedException;
        if (interrupted) {
          throw new InterruptedException("bulk request interrupted: " + e.getMessage());
        }
        requestFailed(items.size(), e.toString(), e, attempt);
        continue;
      }
      BulkItemOutcome whole = BulkItemOutcome.of(response.status());
      if (whole == BulkItemOutcome.RETRY) {
        requestFailed(items.size(), "HTTP " + response.status(), null, attempt);
        continue;
      }
      requestSucceeded();
      if (whole == BulkItemOutcome.PERMANENT) {
        String reason = "bulk request refused with HTTP " + response.status();
        items.forEach(item -> settleFailed(item, reason));
        return;
      }
      if (settle(items, response.body(), attempt)) {
        return;
      }
    }
  }

  /** Settles each item from the response; returns false when the response was unreadable. */
  private boolean settle(List<BulkItem> items, byte[] body, int attempt)
      throws InterruptedException {
    BulkResponseParser.Result result;
    try {
      result = BulkResponseParser.parse(body);
    } catch (IOException e) {
      requestFailed(items.size(), "unreadable bulk response: " + e.getMessage(), null, attempt);
      return false;
    }
    if (result.items() == null) {
      items.forEach(this::settleAcked);
      return true;
    }
    if (result.items().size() != items.size()) {
      requestFailed(items.size(), "bulk response has " + result.items().size()
          + " items for " + items.size() + " actions", null, attempt);
      return false;
    }
    for (int i = 0; i < items.size(); i++) {
      settleItem(items.get(i), result.items().get(i));
    }
    return true;
  }

  private void settleItem(BulkItem item, BulkResponseParser.ItemResult result) {
    switch (BulkItemOutcome.of(result.status())) {
      case ACKED -> settleAcked(item);
      case RETRY -> retry(item);
      case PERMANENT -> settleFailed(item, result.status() + " " + result.errorType() + ": "
          + result.errorReason());
    }
  }

  private void settleAcked(BulkItem item) {
    acked.increment();
    if (item.span) {
      metrics.sent(1);
    } else if (item.serviceKey != null) {
      serviceCache.written(item.serviceKey);
    }
    release(item);
  }

  private void settleFailed(BulkItem item, String reason) {
    failed.increment();
    if (item.span) {
      metrics.sendFailed(1);
    } else if (item.serviceKey != null) {
      serviceCache.forget(item.serviceKey);
    }
    long left = itemFailureLog.admit();
    if (left >= 0) {
      log.error("{}: {} document {} was not stored and will not be retried: {}{}",
          options.exporterId(), item.span ? "span" : "service", item.target, reason,
          suppressedNote(left));
    }
    release(item);
  }

  private void retry(BulkItem item) {
    retried.increment();
    item.attempts++;
    long delayNanos = Backoff.BULK.delay(item.attempts).toNanos();
    retries.schedule(() -> ready.add(item), delayNanos, TimeUnit.NANOSECONDS);
  }

  private void release(BulkItem item) {
    unsettledItems.decrementAndGet();
    queuedBytes.addAndGet(-item.ndjson.length);
    if (item.span) {
      queuedSpans.decrementAndGet();
    }
    gate.release(item.weight);
    if (item.batch.itemSettled()) {
      gate.release(item.batch.weight);
    }
  }

  private void requestFailed(int actions, String cause, Throwable error, int attempt)
      throws InterruptedException {
    Duration delay = Backoff.BULK.delay(attempt);
    if (unhealthy.compareAndSet(false, true)) {
      options.status().report(ComponentStatus.RECOVERABLE_ERROR,
          error != null ? error : new IOException(cause));
    }
    long left = requestFailureLog.admit();
    if (left >= 0) {
      log.warn("{}: bulk request of {} actions to {} failed ({}); retrying in {} ms{}",
          options.exporterId(), actions, transport.describe(), cause, delay.toMillis(),
          suppressedNote(left));
    }
    if (abandoned) {
      throw new InterruptedException("shutdown wait expired");
    }
    TimeUnit.NANOSECONDS.sleep(delay.toNanos());
  }

  private void requestSucceeded() {
    if (unhealthy.compareAndSet(true, false)) {
      log.info("{}: bulk requests to {} succeed again", options.exporterId(),
          transport.describe());
      options.status().report(ComponentStatus.OK, null);
    }
  }

  private void drain() {
    stopping = true;
    gate.close();
    ready.flushNow();
    long deadline = System.nanoTime() + drainTimeout.toNanos();
    while (unsettledItems.get() > 0 && System.nanoTime() - deadline < 0) {
      sleepQuietly(20);
    }
    abandoned = true;
    retries.shutdownNow();
    workers.forEach(Thread::interrupt);
    workers.forEach(BulkWriter::joinQuietly);
    long lostSpans = queuedSpans.getAndSet(0);
    if (lostSpans > 0) {
      metrics.sendFailed(lostSpans);
      log.error("{}: shutdown wait of {} ms expired with {} spans ({} documents) not stored in {};"
          + " counted as failed", options.exporterId(), drainTimeout.toMillis(), lostSpans,
          unsettledItems.get(), transport.describe());
    }
  }

  private long itemWeight(BulkItem item) {
    return switch (queue.sizer()) {
      case BYTES -> item.ndjson.length;
      case ITEMS -> item.span ? 1 : 0;
      case REQUESTS -> 0;
    };
  }

  private long batchWeight() {
    return queue.sizer() == QueueSizer.REQUESTS ? 1 : 0;
  }

  private void registerGauges(MeterRegistry registry) {
    String id = options.exporterId().toString();
    // queue_size and queue_capacity share the sizer's unit, as in the collector, so that their
    // ratio is the queue's fill; the span count has a gauge of its own.
    Gauge.builder("otelcol_exporter_queue_size", gate, CapacityGate::used)
        .description("Current size of the retry queue (in " + unitName() + ") [alpha]")
        .tag("exporter", id).tag("data_type", "traces").strongReference(true).register(registry);
    Gauge.builder("otelcol_exporter_queue_size_spans", queuedSpans, AtomicLong::get)
        .description("Spans queued or in flight to the storage")
        .tag("exporter", id).strongReference(true).register(registry);
    Gauge.builder("otelcol_exporter_queue_capacity", gate, CapacityGate::capacity)
        .description("Fixed capacity of the retry queue (in " + unitName() + ") [alpha]")
        .tag("exporter", id).strongReference(true).register(registry);
    Gauge.builder("otelcol_exporter_queue_size_bytes", queuedBytes, AtomicLong::get)
        .description("Rendered document bytes queued or in flight")
        .tag("exporter", id).strongReference(true).register(registry);
  }

  private String unitName() {
    return queue.sizer() == QueueSizer.BYTES ? "bytes"
        : queue.sizer() == QueueSizer.ITEMS ? "spans" : "batches";
  }

  private Counter itemCounter(MeterRegistry registry, String outcome) {
    return Counter.builder("otelcol_exporter_bulk_items")
        .description("Bulk items by outcome: acked, retried (once per retry) or failed")
        .tag("exporter", options.exporterId().toString())
        .tag("outcome", outcome)
        .register(registry);
  }

  private static byte[] concat(List<BulkItem> items) {
    int size = 0;
    for (BulkItem item : items) {
      size += item.ndjson.length;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(size);
    for (BulkItem item : items) {
      out.writeBytes(item.ndjson);
    }
    return out.toByteArray();
  }

  private static String suppressedNote(long left) {
    return left > 0 ? " (" + left + " similar lines left out)" : "";
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void joinQuietly(Thread t) {
    try {
      t.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Returns the spans queued or in flight, for tests. */
  long queuedSpans() {
    return queuedSpans.get();
  }
}
