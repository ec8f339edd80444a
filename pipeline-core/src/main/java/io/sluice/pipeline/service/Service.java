package io.sluice.pipeline.service;

import static java.util.Objects.requireNonNull;

import io.sluice.pipeline.Component;
import io.sluice.pipeline.ComponentFactory;
import io.sluice.pipeline.ComponentId;
import io.sluice.pipeline.ComponentKind;
import io.sluice.pipeline.CreateSettings;
import io.sluice.pipeline.Exporter;
import io.sluice.pipeline.ExporterFactory;
import io.sluice.pipeline.Extension;
import io.sluice.pipeline.ExtensionFactory;
import io.sluice.pipeline.Factories;
import io.sluice.pipeline.Host;
import io.sluice.pipeline.PipelineId;
import io.sluice.pipeline.Processor;
import io.sluice.pipeline.ProcessorFactory;
import io.sluice.pipeline.Receiver;
import io.sluice.pipeline.ReceiverFactory;
import io.sluice.pipeline.TracesConsumer;
import io.sluice.pipeline.status.ComponentStatus;
import io.sluice.pipeline.status.InstanceKey;
import io.sluice.pipeline.status.StatusRegistry;
import io.sluice.pipeline.status.StatusReporter;
import io.sluice.pipeline.telemetry.Telemetry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running graph of one config: extensions, then per pipeline receivers → processors →
 * fan-out → exporters, built and started in the collector's order (spec §2).
 *
 * <p>Receivers and exporters are one instance per id, shared by every pipeline that lists them;
 * processors are one instance per pipeline. Start runs extensions (dependencies first), then
 * exporters, processors from last to first, and receivers; shutdown runs the other way, so
 * receivers stop taking data before the processors flush into exporters that still run.
 * Components defined but used by no pipeline, and extensions not listed in
 * {@code service.extensions}, are never created.
 */
public final class Service {
  private static final Logger log = LoggerFactory.getLogger(Service.class);

  private final Vertx vertx;
  private final Telemetry telemetry;
  private final StatusRegistry status;
  private final ServiceConfig config;
  private final Factories factories;

  // Built once by the constructor, in start order; read-only afterwards.
  private final Map<ComponentId, Extension> extensions = new LinkedHashMap<>();
  private final List<Node> pipelineNodes = new ArrayList<>();
  private final List<Node> extensionNodes = new ArrayList<>();

  // Written on the thread that runs start/shutdown futures, one step at a time.
  private final List<Node> started = Collections.synchronizedList(new ArrayList<>());

  private Service(
      ServiceConfig config,
      Factories factories,
      Vertx vertx,
      Telemetry telemetry,
      StatusRegistry status) {
    this.config = config;
    this.factories = factories;
    this.vertx = vertx;
    this.telemetry = telemetry;
    this.status = status;
  }

  /**
   * Creates every component the config uses, without starting any. Throws when a factory refuses
   * its config or the extension dependencies form a cycle.
   */
  public static Service build(
      ServiceConfig config,
      Factories factories,
      Vertx vertx,
      Telemetry telemetry,
      StatusRegistry status) {
    requireNonNull(config, "config");
    Service service = new Service(config, factories, vertx, telemetry, status);
    service.buildExtensions();
    service.buildPipelines();
    return service;
  }

  /** Returns the created extensions by id, in start order. */
  public Map<ComponentId, Extension> extensions() {
    return Collections.unmodifiableMap(extensions);
  }

  /**
   * Starts extensions, exporters, processors and receivers in that order. On the first failure
   * the components already started are shut down and the future fails with a message naming
   * the component and the cause.
   */
  public Future<Void> start() {
    List<Node> order = new ArrayList<>(extensionNodes);
    order.addAll(pipelineNodes);
    Future<Void> chain = Future.succeededFuture();
    for (Node node : order) {
      chain = chain.compose(ignored -> startNode(node));
    }
    return chain
        .onSuccess(ignored -> ready())
        .recover(error -> shutdown().transform(ignored -> Future.failedFuture(error)));
  }

  /**
   * Shuts down every started component in reverse start order: receivers, processors (first to
   * last), exporters, then extensions. Errors are logged and do not stop the rest.
   */
  public Future<Void> shutdown() {
    List<Node> order;
    synchronized (started) {
      order = new ArrayList<>(started);
      started.clear();
    }
    Collections.reverse(order);
    Future<Void> chain = Future.succeededFuture();
    for (Node node : order) {
      chain = chain.compose(ignored -> shutdownNode(node));
    }
    return chain;
  }

  private void ready() {
    status.markReady();
    log.info("Everything is ready. Begin running and processing data.");
  }

  private Future<Void> startNode(Node node) {
    StatusReporter reporter = status.reporter(node.key());
    reporter.report(ComponentStatus.STARTING, null);
    started.add(node);
    return invoke(() -> node.component().start(new ServiceHost(reporter)))
        .onSuccess(ignored -> startSucceeded(node, reporter))
        .recover(error -> startFailed(node, reporter, error));
  }

  /**
   * Reports OK unless the component reported something else while starting, e.g. a storage
   * that started but cannot reach its server: that recoverable error must stay visible.
   */
  private void startSucceeded(Node node, StatusReporter reporter) {
    boolean stillStarting = status.latest(node.key())
        .map(event -> event.status() == ComponentStatus.STARTING)
        .orElse(true);
    if (stillStarting) {
      reporter.report(ComponentStatus.OK, null);
    }
  }

  private static Future<Void> startFailed(Node node, StatusReporter reporter, Throwable error) {
    reporter.report(ComponentStatus.PERMANENT_ERROR, error);
    String message =
        "failed to start " + node.key().kind().label() + " \"" + node.key().id() + "\": "
            + error.getMessage();
    return Future.failedFuture(new IllegalStateException(message, error));
  }

  private Future<Void> shutdownNode(Node node) {
    StatusReporter reporter = status.reporter(node.key());
    reporter.report(ComponentStatus.STOPPING, null);
    return invoke(() -> node.component().shutdown())
        .transform(result -> {
          if (result.failed()) {
            log.warn("{} \"{}\" failed to shut down cleanly", node.key().kind().label(),
                node.key().id(), result.cause());
            reporter.report(ComponentStatus.PERMANENT_ERROR, result.cause());
          } else {
            reporter.report(ComponentStatus.STOPPED, null);
          }
          return Future.<Void>succeededFuture();
        });
  }

  private static Future<Void> invoke(java.util.function.Supplier<Future<Void>> call) {
    try {
      return call.get();
    } catch (RuntimeException | LinkageError e) {
      // A missing class is a broken build, but it must still name the component that hit it.
      return Future.failedFuture(e);
    }
  }

  private void buildExtensions() {
    Map<ComponentId, Extension> created = new LinkedHashMap<>();
    for (ComponentId id : config.extensions()) {
      ExtensionFactory<Object> factory = factory(ComponentKind.EXTENSION, id);
      created.put(id, factory.create(settings(ComponentKind.EXTENSION, id), configOf(
          ComponentKind.EXTENSION, id)));
    }
    for (ComponentId id : ExtensionOrder.sort(created)) {
      extensions.put(id, created.get(id));
      extensionNodes.add(new Node(new InstanceKey(ComponentKind.EXTENSION, id, Set.of()),
          created.get(id)));
    }
  }

  private void buildPipelines() {
    Map<ComponentId, Set<PipelineId>> exporterPipelines = new LinkedHashMap<>();
    Map<ComponentId, Set<PipelineId>> receiverPipelines = new LinkedHashMap<>();
    for (PipelineConfig p : config.pipelines().values()) {
      p.exporters().forEach(id -> exporterPipelines.computeIfAbsent(id, k -> new LinkedHashSet<>())
          .add(p.id()));
      p.receivers().forEach(id -> receiverPipelines.computeIfAbsent(id, k -> new LinkedHashSet<>())
          .add(p.id()));
    }

    Map<ComponentId, Exporter> exporters = new LinkedHashMap<>();
    exporterPipelines.forEach((id, pipelines) -> {
      ExporterFactory<Object> factory = factory(ComponentKind.EXPORTER, id);
      Exporter exporter = factory.createTraces(settings(ComponentKind.EXPORTER, id),
          configOf(ComponentKind.EXPORTER, id));
      exporters.put(id, exporter);
      pipelineNodes.add(new Node(new InstanceKey(ComponentKind.EXPORTER, id, pipelines), exporter));
    });

    Map<PipelineId, TracesConsumer> pipelineHeads = new LinkedHashMap<>();
    for (PipelineConfig p : config.pipelines().values()) {
      pipelineHeads.put(p.id(), buildProcessors(p, exporters));
    }

    receiverPipelines.forEach((id, pipelines) -> {
      List<TracesConsumer> heads = pipelines.stream().map(pipelineHeads::get).toList();
      ReceiverFactory<Object> factory = factory(ComponentKind.RECEIVER, id);
      Receiver receiver = factory.createTraces(settings(ComponentKind.RECEIVER, id),
          configOf(ComponentKind.RECEIVER, id), FanOutConsumer.of(heads));
      pipelineNodes.add(new Node(new InstanceKey(ComponentKind.RECEIVER, id, pipelines), receiver));
    });
  }

  /** Builds one pipeline's processors from last to first and returns its first consumer. */
  private TracesConsumer buildProcessors(PipelineConfig p, Map<ComponentId, Exporter> exporters) {
    TracesConsumer next = FanOutConsumer.of(p.exporters().stream()
        .map(id -> (TracesConsumer) exporters.get(id)).toList());
    for (int i = p.processors().size() - 1; i >= 0; i--) {
      ComponentId id = p.processors().get(i);
      ProcessorFactory<Object> factory = factory(ComponentKind.PROCESSOR, id);
      Processor processor = factory.createTraces(settings(ComponentKind.PROCESSOR, id),
          configOf(ComponentKind.PROCESSOR, id), next);
      pipelineNodes.add(new Node(new InstanceKey(ComponentKind.PROCESSOR, id, Set.of(p.id())),
          processor));
      next = processor;
    }
    return next;
  }

  @SuppressWarnings("unchecked")
  private <F extends ComponentFactory<Object>> F factory(ComponentKind kind, ComponentId id) {
    return (F) factories.find(kind, id.type()).orElseThrow(() -> new IllegalStateException(
        "no " + kind.label() + " factory for type \"" + id.type() + "\""));
  }

  private Object configOf(ComponentKind kind, ComponentId id) {
    return config.componentConfig(kind, id);
  }

  private CreateSettings settings(ComponentKind kind, ComponentId id) {
    return new CreateSettings(id, kind, vertx, telemetry);
  }

  /** A component with its identity in the status registry. */
  private record Node(InstanceKey key, Component component) {}

  /** What a starting component sees: the extensions and its own status reporter. */
  private final class ServiceHost implements Host {
    private final StatusReporter reporter;

    ServiceHost(StatusReporter reporter) {
      this.reporter = reporter;
    }

    @Override
    public Map<ComponentId, Extension> extensions() {
      return Collections.unmodifiableMap(extensions);
    }

    @Override
    public StatusReporter status() {
      return reporter;
    }
  }
}
