package io.sluice.storage;

import static java.util.Objects.requireNonNull;

import io.sluice.pipeline.status.StatusReporter;
import io.sluice.pipeline.telemetry.ExporterMetrics;
import io.sluice.storage.config.MemoryConfig;
import io.sluice.storage.memory.MemoryTraceReader;
import io.sluice.storage.memory.MemoryTraceStore;
import io.sluice.storage.model.JaegerSpan;
import io.sluice.storage.read.TraceReader;
import io.vertx.core.Future;
import java.util.List;

/**
 * The {@code memory} backend: spans go straight into a {@link MemoryTraceStore}, so a write is
 * complete (and its spans counted as sent) when the call returns. There is no queue.
 */
public final class MemoryStorage implements TraceStorage {
  private final MemoryTraceStore store;
  private final MemoryTraceReader reader;

  /** Returns a backend holding at most {@code config.maxTraces()} traces. */
  public MemoryStorage(MemoryConfig config) {
    requireNonNull(config, "config");
    this.store = new MemoryTraceStore(config.maxTraces());
    this.reader = new MemoryTraceReader(store);
  }

  @Override
  public String kind() {
    return "memory";
  }

  /** Returns the store, for readers. */
  public MemoryTraceStore store() {
    return store;
  }

  @Override
  public Future<Void> start(StatusReporter status) {
    return Future.succeededFuture();
  }

  @Override
  public TraceWriter createWriter(WriterOptions options) {
    return new Writer(store, options.telemetry().exporter(options.exporterId()));
  }

  @Override
  public TraceReader reader() {
    return reader;
  }

  @Override
  public Future<Void> shutdown() {
    return Future.succeededFuture();
  }

  private record Writer(MemoryTraceStore store, ExporterMetrics metrics) implements TraceWriter {
    @Override
    public Future<Void> write(List<JaegerSpan> spans) {
      store.write(spans);
      metrics.sent(spans.size());
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> shutdown() {
      return Future.succeededFuture();
    }
  }
}
