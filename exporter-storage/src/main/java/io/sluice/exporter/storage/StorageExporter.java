package io.sluice.exporter.storage;

import io.sluice.pipeline.ConsumerException;
import io.sluice.pipeline.CreateSettings;
import io.sluice.pipeline.Exporter;
import io.sluice.pipeline.Host;
import io.sluice.pipeline.Traces;
import io.sluice.storage.JaegerStorageExtension;
import io.sluice.storage.TraceStorage;
import io.sluice.storage.TraceWriter;
import io.sluice.storage.WriterOptions;
import io.sluice.storage.translate.OtlpToJaeger;
import io.vertx.core.Future;
import java.time.Duration;
import javax.annotation.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code jaeger_storage_exporter}: translates each batch to Jaeger spans (sanitizers included)
 * and hands it to its storage writer. The answer comes when the batch is in the queue, or, for
 * the memory backend and with the queue off, when it is stored.
 */
final class StorageExporter implements Exporter {
  private static final Logger log = LoggerFactory.getLogger(StorageExporter.class);

  private final CreateSettings settings;
  private final StorageExporterConfig config;
  @Nullable private volatile TraceWriter writer;

  StorageExporter(CreateSettings settings, StorageExporterConfig config) {
    this.settings = settings;
    this.config = config;
  }

  @Override
  public Future<Void> start(Host host) {
    TraceStorage storage = host.extension(JaegerStorageExtension.class)
        .flatMap(extension -> extension.storage(config.traceStorage()))
        .orElse(null);
    if (storage == null) {
      return Future.failedFuture(new IllegalStateException("cannot find storage factory for \""
          + config.traceStorage() + "\": no such backend in jaeger_storage::backends"));
    }
    WriterOptions options = new WriterOptions(settings.id(), settings.telemetry(), host.status(),
        config.queue().resolve(Runtime.getRuntime().maxMemory()));
    writer = storage.createWriter(options);
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> consume(Traces traces) {
    TraceWriter w = writer;
    if (w == null) {
      return Future.failedFuture(
          ConsumerException.retryable("exporter is not started", Duration.ofSeconds(1)));
    }
    if (traces.isEmpty()) {
      return Future.succeededFuture();
    }
    try {
      return w.write(OtlpToJaeger.translate(traces));
    } catch (RuntimeException e) {
      // A batch the translator cannot handle is a loss, so it is counted and logged here rather
      // than left to the caller, which has no exporter counter.
      settings.telemetry().exporter(settings.id()).sendFailed(traces.spanCount());
      log.error("exporter {}: dropped {} spans that could not be translated", settings.id(),
          traces.spanCount(), e);
      return Future.failedFuture(ConsumerException.permanent(
          "exporter " + settings.id() + " could not translate the batch: " + e.getMessage(), e));
    }
  }

  @Override
  public Future<Void> shutdown() {
    TraceWriter w = writer;
    return w == null ? Future.succeededFuture() : w.shutdown();
  }

  /** Returns the storage writer, null before start; for tests in this package. */
  @Nullable
  TraceWriter writer() {
    return writer;
  }
}
