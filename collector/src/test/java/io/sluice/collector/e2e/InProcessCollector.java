package io.sluice.collector.e2e;

import io.sluice.collector.Collector;
import io.sluice.collector.Components;
import io.sluice.collector.Main;
import io.sluice.pipeline.Factories;
import io.sluice.pipeline.service.ServiceConfig;
import io.sluice.pipeline.status.StatusRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The no-config default (all-in-one) run in this JVM, every listener moved to a free loopback
 * port, plus the test's own {@code --set} flags.
 */
final class InProcessCollector implements AutoCloseable {
  private final Collector collector;
  private final int otlpHttpPort;

  private InProcessCollector(Collector collector, int otlpHttpPort) {
    this.collector = collector;
    this.otlpHttpPort = otlpHttpPort;
  }

  /** Builds and starts the all-in-one default with {@code sets} applied last. */
  static InProcessCollector start(String... sets) throws Exception {
    int otlpHttpPort = CollectorProcess.freePort();
    List<String> all = new ArrayList<>(List.of(
        "receivers.otlp.protocols.http.endpoint=127.0.0.1:" + otlpHttpPort,
        "receivers.otlp.protocols.grpc.endpoint=127.0.0.1:" + CollectorProcess.freePort(),
        "service.telemetry.metrics.readers=[{pull: {exporter: {prometheus: "
            + "{host: 127.0.0.1, port: " + CollectorProcess.freePort() + "}}}}]",
        "extensions.healthcheckv2.http.endpoint=127.0.0.1:" + CollectorProcess.freePort(),
        "extensions.jaeger_query.http.endpoint=127.0.0.1:" + CollectorProcess.freePort()));
    all.addAll(List.of(sets));
    StatusRegistry status = new StatusRegistry();
    Factories factories = Components.factories(status);
    ServiceConfig config = Main.load(List.of(), all, factories);
    Collector collector = Collector.create(config, status, factories);
    collector.start().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    return new InProcessCollector(collector, otlpHttpPort);
  }

  /** Returns the running collector. */
  Collector collector() {
    return collector;
  }

  /** Returns the OTLP/HTTP base URL, e.g. {@code http://127.0.0.1:40123}. */
  String otlpHttpUrl() {
    return "http://127.0.0.1:" + otlpHttpPort;
  }

  @Override
  public void close() throws Exception {
    collector.shutdown().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
