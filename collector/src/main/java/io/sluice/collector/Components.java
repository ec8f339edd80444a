package io.sluice.collector;

import io.sluice.collector.exporter.DebugExporterFactory;
import io.sluice.collector.exporter.NopExporterFactory;
import io.sluice.collector.health.HealthCheckV2Factory;
import io.sluice.exporter.storage.JaegerStorageExporterFactory;
import io.sluice.storage.JaegerStorageExtensionFactory;
import io.sluice.pipeline.ComponentFactory;
import io.sluice.pipeline.Factories;
import io.sluice.pipeline.status.StatusRegistry;
import io.sluice.processor.batch.BatchProcessorFactory;
import io.sluice.processor.memorylimiter.MemoryLimiterProcessorFactory;
import io.sluice.query.JaegerQueryFactory;
import io.sluice.receiver.otlp.OtlpReceiverFactory;
import java.util.List;

/** The component types this build of Sluice knows. */
public final class Components {
  private Components() {}

  /** Returns every factory; the health check reads component status from {@code status}. */
  public static Factories factories(StatusRegistry status) {
    List<ComponentFactory<?>> all = List.of(
        new OtlpReceiverFactory(),
        new BatchProcessorFactory(),
        new MemoryLimiterProcessorFactory(),
        new JaegerStorageExporterFactory(),
        new DebugExporterFactory(),
        new NopExporterFactory(),
        new JaegerStorageExtensionFactory(),
        new JaegerQueryFactory(),
        new HealthCheckV2Factory(status));
    return Factories.of(all);
  }
}
