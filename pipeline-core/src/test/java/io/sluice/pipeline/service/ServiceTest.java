package io.sluice.pipeline.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.sluice.pipeline.ComponentId;
import io.sluice.pipeline.ComponentKind;
import io.sluice.pipeline.ConsumerException;
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
import io.sluice.pipeline.Traces;
import io.sluice.pipeline.TracesConsumer;
import io.sluice.pipeline.config.ConfigNode;
import io.sluice.pipeline.status.ComponentStatus;
import io.sluice.pipeline.status.InstanceKey;
import io.sluice.pipeline.status.StatusRegistry;
import io.sluice.pipeline.telemetry.MetricsLevel;
import io.sluice.pipeline.telemetry.Telemetry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ServiceTest {
  private final Vertx vertx = Vertx.vertx();
  private final List<String> events = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, TestReceiver> receivers = new LinkedHashMap<>();
  private final Map<String, List<Traces>> exported = new LinkedHashMap<>();

  @AfterEach
  void closeVertx() {
    vertx.close();
  }

  @Test
  void startsExtensionsThenExportersProcessorsReceiversAndStopsInReverse() throws Exception {
    ServiceConfig config = config(
        List.of(id("ext_b"), id("ext_a")),
        pipeline("traces", List.of("rcv"), List.of("proc/1", "proc/2"), List.of("exp")));
    Service service = build(config);

    await(service.start());
    await(service.shutdown());

    assertThat(events).containsExactly(
        "start extension ext_a", "start extension ext_b",
        "start exporter exp",
        "start processor proc/2", "start processor proc/1",
        "start receiver rcv",
        "shutdown receiver rcv",
        "shutdown processor proc/1", "shutdown processor proc/2",
        "shutdown exporter exp",
        "shutdown extension ext_b", "shutdown extension ext_a");
  }

  @Test
  void sharedReceiverFeedsEveryPipelineThatListsIt() throws Exception {
    ServiceConfig config = config(List.of(),
        pipeline("traces/a", List.of("rcv"), List.of(), List.of("exp/a")),
        pipeline("traces/b", List.of("rcv"), List.of("proc"), List.of("exp/b")));
    Service service = build(config);
    await(service.start());

    await(receivers.get("rcv").next.consume(traces(3)));

    assertThat(receivers).hasSize(1);
    assertThat(exported.get("exp/a")).extracting(Traces::spanCount).containsExactly(3);
    assertThat(exported.get("exp/b")).extracting(Traces::spanCount).containsExactly(3);
    await(service.shutdown());
  }

  @Test
  void twoPipelinesShareOneExporterInstance() throws Exception {
    ServiceConfig config = config(List.of(),
        pipeline("traces/a", List.of("rcv/a"), List.of(), List.of("exp")),
        pipeline("traces/b", List.of("rcv/b"), List.of(), List.of("exp")));
    Service service = build(config);
    await(service.start());

    await(receivers.get("rcv/a").next.consume(traces(1)));
    await(receivers.get("rcv/b").next.consume(traces(2)));

    assertThat(events).filteredOn(e -> e.startsWith("start exporter")).containsExactly(
        "start exporter exp");
    assertThat(exported.get("exp")).extracting(Traces::spanCount).containsExactly(1, 2);
    await(service.shutdown());
  }

  @Test
  void fanOutCallsEveryExporterAndReportsTheFailure() throws Exception {
    ServiceConfig config = config(List.of(),
        pipeline("traces", List.of("rcv"), List.of(), List.of("exp/ok", "fail/permanent")));
    Service service = build(config);
    await(service.start());

    Future<Void> result = receivers.get("rcv").next.consume(traces(2));
    result.toCompletionStage().toCompletableFuture().handle((v, e) -> null).get(5,
        TimeUnit.SECONDS);

    assertThat(exported.get("exp/ok")).extracting(Traces::spanCount).containsExactly(2);
    assertThat(result.cause()).isInstanceOf(ConsumerException.class)
        .hasMessage("exporter fail/permanent refuses everything");
    assertThat(ConsumerException.isPermanent(result.cause())).isTrue();
    await(service.shutdown());
  }

  @Test
  void failedStartShutsDownWhatStartedAndNamesTheComponent() throws Exception {
    ServiceConfig config = config(List.of(),
        pipeline("traces", List.of("rcv/broken"), List.of("proc"), List.of("exp")));
    Service service = build(config);

    Future<Void> start = service.start();
    start.toCompletionStage().toCompletableFuture().handle((v, e) -> null).get(5,
        TimeUnit.SECONDS);

    assertThat(start.cause()).hasMessage(
        "failed to start receiver \"rcv/broken\": port 4318 is already in use");
    assertThat(events).containsExactly(
        "start exporter exp", "start processor proc", "start receiver rcv/broken",
        "shutdown receiver rcv/broken", "shutdown processor proc", "shutdown exporter exp");
  }

  @Test
  void aRecoverableErrorReportedWhileStartingStaysVisibleAfterStart() throws Exception {
    ServiceConfig config = config(List.of(id("ext_a/degraded")),
        pipeline("traces", List.of("rcv"), List.of(), List.of("exp")));
    StatusRegistry status = new StatusRegistry();
    Service service = build(config, status);

    await(service.start());

    InstanceKey degraded =
        new InstanceKey(ComponentKind.EXTENSION, id("ext_a/degraded"), Set.of());
    InstanceKey exporter =
        new InstanceKey(ComponentKind.EXPORTER, id("exp"), Set.of(PipelineId.parse("traces")));
    assertThat(status.latest(degraded).orElseThrow().status())
        .isEqualTo(ComponentStatus.RECOVERABLE_ERROR);
    assertThat(status.latest(degraded).orElseThrow().error()).hasMessage("storage is down");
    assertThat(status.latest(exporter).orElseThrow().status()).isEqualTo(ComponentStatus.OK);
    await(service.shutdown());
  }

  @Test
  void unusedComponentsAreNeverCreated() throws Exception {
    ServiceConfig base = config(List.of(),
        pipeline("traces", List.of("rcv"), List.of(), List.of("exp")));
    Map<ComponentKind, Map<ComponentId, Object>> components =
        new LinkedHashMap<>(base.components());
    Map<ComponentId, Object> exporters =
        new LinkedHashMap<>(components.get(ComponentKind.EXPORTER));
    exporters.put(id("exp/unused"), "config");
    components.put(ComponentKind.EXPORTER, exporters);
    ServiceConfig config = new ServiceConfig(components, base.extensions(), base.pipelines(),
        base.telemetry());

    Service service = build(config);
    await(service.start());
    await(service.shutdown());

    assertThat(events).noneMatch(e -> e.contains("unused"));
  }

  private Service build(ServiceConfig config) {
    return build(config, new StatusRegistry());
  }

  private Service build(ServiceConfig config, StatusRegistry status) {
    Factories factories = Factories.of(List.of(
        new TestReceiverFactory(), new TestProcessorFactory(), new TestExporterFactory("exp"),
        new TestExporterFactory("fail"), new TestExtensionFactory("ext_a", Set.of()),
        new TestExtensionFactory("ext_b", Set.of("ext_a"))));
    Telemetry telemetry = new Telemetry(MetricsLevel.BASIC, new SimpleMeterRegistry());
    return Service.build(config, factories, vertx, telemetry, status);
  }

  private static ServiceConfig config(List<ComponentId> extensions, PipelineConfig... pipelines) {
    Map<ComponentKind, Map<ComponentId, Object>> components = new LinkedHashMap<>();
    for (ComponentKind kind : ComponentKind.values()) {
      components.put(kind, new LinkedHashMap<>());
    }
    extensions.forEach(id -> components.get(ComponentKind.EXTENSION).put(id, "config"));
    Map<PipelineId, PipelineConfig> byId = new LinkedHashMap<>();
    for (PipelineConfig p : pipelines) {
      byId.put(p.id(), p);
      p.receivers().forEach(id -> components.get(ComponentKind.RECEIVER).put(id, "config"));
      p.processors().forEach(id -> components.get(ComponentKind.PROCESSOR).put(id, "config"));
      p.exporters().forEach(id -> components.get(ComponentKind.EXPORTER).put(id, "config"));
    }
    return new ServiceConfig(components, extensions, byId, TelemetryConfig.defaults());
  }

  private static PipelineConfig pipeline(
      String id, List<String> receivers, List<String> processors, List<String> exporters) {
    return new PipelineConfig(
        PipelineId.parse(id), ids(receivers), ids(processors), ids(exporters));
  }

  private static List<ComponentId> ids(List<String> texts) {
    return texts.stream().map(ComponentId::parse).toList();
  }

  private static ComponentId id(String text) {
    return ComponentId.parse(text);
  }

  private static Traces traces(int spans) {
    ScopeSpans.Builder scope = ScopeSpans.newBuilder();
    for (int i = 0; i < spans; i++) {
      scope.addSpans(Span.newBuilder().setName("span-" + i));
    }
    return Traces.of(List.of(ResourceSpans.newBuilder().addScopeSpans(scope).build()));
  }

  private static void await(Future<Void> future) throws Exception {
    future.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  private abstract class Recording {
    final ComponentId id;
    final String kind;

    Recording(ComponentId id, String kind) {
      this.id = id;
      this.kind = kind;
    }

    public Future<Void> start(Host host) {
      events.add("start " + kind + " " + id);
      if (id.name().equals("degraded")) {
        host.status().report(ComponentStatus.RECOVERABLE_ERROR,
            new java.io.IOException("storage is down"));
      }
      return id.name().equals("broken")
          ? Future.failedFuture("port 4318 is already in use")
          : Future.succeededFuture();
    }

    public Future<Void> shutdown() {
      events.add("shutdown " + kind + " " + id);
      return Future.succeededFuture();
    }
  }

  private final class TestReceiver extends Recording implements Receiver {
    final TracesConsumer next;

    TestReceiver(ComponentId id, TracesConsumer next) {
      super(id, "receiver");
      this.next = next;
    }
  }

  private final class TestProcessor extends Recording implements Processor {
    final TracesConsumer next;

    TestProcessor(ComponentId id, TracesConsumer next) {
      super(id, "processor");
      this.next = next;
    }

    @Override
    public Future<Void> consume(Traces traces) {
      return next.consume(traces);
    }
  }

  private final class TestExporter extends Recording implements Exporter {
    TestExporter(ComponentId id) {
      super(id, "exporter");
    }

    @Override
    public Future<Void> consume(Traces traces) {
      if (id.type().equals("fail")) {
        return Future.failedFuture(
            ConsumerException.permanent("exporter " + id + " refuses everything", null));
      }
      exported.computeIfAbsent(id.toString(), k -> new ArrayList<>()).add(traces);
      return Future.succeededFuture();
    }
  }

  private final class TestExtension extends Recording implements Extension {
    private final Set<String> dependencies;

    TestExtension(ComponentId id, Set<String> dependencies) {
      super(id, "extension");
      this.dependencies = dependencies;
    }

    @Override
    public Set<String> dependencies() {
      return dependencies;
    }
  }

  private final class TestReceiverFactory implements ReceiverFactory<Object> {
    @Override
    public String type() {
      return "rcv";
    }

    @Override
    public Object decodeConfig(ConfigNode node) {
      return "config";
    }

    @Override
    public Receiver createTraces(CreateSettings settings, Object config, TracesConsumer next) {
      TestReceiver receiver = new TestReceiver(settings.id(), next);
      receivers.put(settings.id().toString(), receiver);
      return receiver;
    }
  }

  private final class TestProcessorFactory implements ProcessorFactory<Object> {
    @Override
    public String type() {
      return "proc";
    }

    @Override
    public Object decodeConfig(ConfigNode node) {
      return "config";
    }

    @Override
    public Processor createTraces(CreateSettings settings, Object config, TracesConsumer next) {
      return new TestProcessor(settings.id(), next);
    }
  }

  private final class TestExporterFactory implements ExporterFactory<Object> {
    private final String type;

    TestExporterFactory(String type) {
      this.type = type;
    }

    @Override
    public String type() {
      return type;
    }

    @Override
    public Object decodeConfig(ConfigNode node) {
      return "config";
    }

    @Override
    public Exporter createTraces(CreateSettings settings, Object config) {
      return new TestExporter(settings.id());
    }
  }

  private final class TestExtensionFactory implements ExtensionFactory<Object> {
    private final String type;
    private final Set<String> dependencies;

    TestExtensionFactory(String type, Set<String> dependencies) {
      this.type = type;
      this.dependencies = dependencies;
    }

    @Override
    public String type() {
      return type;
    }

    @Override
    public Object decodeConfig(ConfigNode node) {
      return "config";
    }

    @Override
    public Extension create(CreateSettings settings, Object config) {
      return new TestExtension(settings.id(), dependencies);
    }
  }
}
