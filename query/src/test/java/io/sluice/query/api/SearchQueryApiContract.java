package io.sluice.query.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.pipeline.ComponentId;
import io.sluice.pipeline.config.ConfigLocation;
import io.sluice.pipeline.config.ConfigNode;
import io.sluice.pipeline.status.StatusReporter;
import io.sluice.pipeline.telemetry.MetricsLevel;
import io.sluice.pipeline.telemetry.Telemetry;
import io.sluice.query.adjust.Adjusters;
import io.sluice.query.http.ListenAddress;
import io.sluice.query.http.QueryHttpServer;
import io.sluice.storage.QueueSettings;
import io.sluice.storage.QueueSizer;
import io.sluice.storage.TraceWriter;
import io.sluice.storage.WriterOptions;
import io.sluice.storage.config.ElasticsearchConfig;
import io.sluice.storage.config.SearchFlavor;
import io.sluice.storage.es.GoDateLayout;
import io.sluice.storage.model.JaegerProcess;
import io.sluice.storage.model.JaegerSpan;
import io.sluice.storage.model.KeyValue;
import io.sluice.storage.model.SpanRef;
import io.sluice.storage.opensearch.OpenSearchStorage;
import io.sluice.storage.read.DependencyLink;
import io.sluice.storage.read.TraceReader;
import io.sluice.testsupport.ElasticsearchNode;
import io.sluice.testsupport.OpenSearchNode;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The query API contract over a real search node of test-support (OpenSearch 2.19.6 or
 * Elasticsearch 8.15.3, per {@link #flavor()}), under an index prefix of this class: spans go
 * in through the storage exporter's own bulk writer, dependency links as the documents
 * spark-dependencies writes, and the answers are Jaeger v2.1.0's on Elasticsearch (spec
 * jaeger-storage-query.md §7.4, §9.3), the same on both engines.
 *
 * <p>The ES reader finds a trace by id only within {@code max_span_age} (72 h) of the real
 * clock, so the stored traces are moved by whole days to the latest 10:00:00Z at least two
 * hours ago: the times of day, and so the one daily index per family, are those of the spec.
 *
 * <p>Beyond the contract: the reader's deliberate differences from Jaeger that an API caller
 * sees (exporter-storage/RATIONALE.md), each on a prefix of its own where it needs other data.
 */
abstract class SearchQueryApiContract extends QueryApiContract {
  private static final long DAY_NANOS = Duration.ofDays(1).toNanos();
  private static final int PAGE_SPANS = ElasticsearchConfig.DEFAULT_MAX_DOC_COUNT;
  private static final ConfigLocation CONFIG = new ConfigLocation("config.yaml", 1);
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Pattern SPAN_ID = Pattern.compile("\"spanID\":\"([0-9a-f]{16})\","
      + "\"operationName\"");

  /** The index prefix of this class's data; other prefixes of its tests start with it. */
  protected final String prefix = "query-api-" + ProcessHandle.current().pid();
  private final long shiftNanos = latestWorkedExampleDay();
  // Started on first use: the contract writes its data before any @BeforeAll of a subclass.
  private OpenSearchStorage storage;
  private TraceWriter writer;

  /** The engine of the shared node to run on, and so the config key of the storage block. */
  protected abstract SearchFlavor flavor();

  /** Returns the base URL of the shared node of {@link #flavor()}, starting it on first use. */
  protected final String nodeUrl() {
    return flavor() == SearchFlavor.OPENSEARCH
        ? OpenSearchNode.shared().httpUrl() : ElasticsearchNode.shared().httpUrl();
  }

  @Override
  protected OpenSearchStorage storage() {
    if (storage == null) {
      storage = startStorage(prefix, true, Map.of());
      writer = writerOf(storage, prefix);
    }
    return storage;
  }

  @Override
  protected void write(List<JaegerSpan> spans) {
    storage();
    try {
      writer.write(spans).toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
      send("POST", "/" + prefix + "-*/_refresh", "");
    } catch (ExecutionException | TimeoutException e) {
      throw new AssertionError("writing " + spans.size() + " spans failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("writing " + spans.size() + " spans was interrupted", e);
    }
  }

  /** Indexes a dependencies document as spark-dependencies writes it, searchable at once. */
  @Override
  protected void writeDependencies(Instant timestamp, List<DependencyLink> links) {
    String layout = storage().config().indices().dependencies().dateLayout();
    String index = prefix + "-jaeger-dependencies-"
        + GoDateLayout.of(layout).format(timestamp.toEpochMilli());
    String document = "{\"timestamp\":\"" + timestamp + "\",\"dependencies\":["
        + links.stream()
            .map(l -> "{\"parent\":\"" + l.parent() + "\",\"child\":\"" + l.child()
                + "\",\"callCount\":" + l.callCount() + "}")
            .collect(Collectors.joining(",")) + "]}";
    send("POST", "/" + index + "/_doc?refresh=true", document);
  }

  @Override
  protected long shiftNanos() {
    return shiftNanos;
  }

  /** Spec §7.1: by service-document count (oteltrace has three operations), then by name. */
  @Override
  protected String expectedServices() {
    return "{\"data\":[\"oteltrace\",\"backend\",\"frontend\"],\"total\":3,\"limit\":0,"
        + "\"offset\":0,\"errors\":null}";
  }

  /** Spec §9.3: no span kinds; one document each, so by name. */
  @Override
  protected String expectedOperations() {
    return "{\"data\":[{\"name\":\"GET\",\"spanKind\":\"\"},"
        + "{\"name\":\"GET /api/users\",\"spanKind\":\"\"},"
        + "{\"name\":\"SELECT users\",\"spanKind\":\"\"}],"
        + "\"total\":3,\"limit\":0,\"offset\":0,\"errors\":null}";
  }

  @Override
  protected boolean tagValuesAreRegularExpressions() {
    return true;
  }

  /**
   * Stops the storage, then deletes every index under {@link #prefix} one by one (Elasticsearch
   * 8 refuses wildcard deletes) and the templates of {@link #prefix}.
   */
  @AfterAll
  void stopStorageAndDeleteIndices() throws Exception {
    if (storage == null) {
      return;
    }
    writer.shutdown().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    storage.shutdown();
    String indices = send("GET", "/_cat/indices/" + prefix + "-*?h=index", null).trim();
    if (!indices.isEmpty()) {
      send("DELETE", "/" + String.join(",", indices.split("\\s+")), null);
    }
    deleteTemplates(prefix);
  }

  /**
   * A page holds {@code max_doc_count} (10,000) spans; here the 10,001st starts in the same
   * microsecond as the 9,999 children before it, so a cursor on the start time alone (Jaeger's)
   * would skip it, and so would a total count capped at 10,000 (which the reader rules out
   * twice: {@code rest_total_hits_as_int} and {@code track_total_hits} each make it exact).
   */
  @Test
  void traceLongerThanAPageWithTiesAtTheBoundaryIsServedWhole() throws Exception {
    write(bigTrace(PAGE_SPANS + 1));

    HttpResponse<String> response = get("/api/traces/00000000000b1601");

    assertThat(response.statusCode()).isEqualTo(200);
    String body = response.body();
    List<String> spanIds = new ArrayList<>();
    for (Matcher m = SPAN_ID.matcher(body); m.find(); ) {
      spanIds.add(m.group(1));
    }
    Set<String> missing = LongStream.rangeClosed(1, PAGE_SPANS + 1)
        .mapToObj(i -> String.format("%016x", i))
        .collect(Collectors.toCollection(TreeSet::new));
    spanIds.forEach(missing::remove);
    // Counts and sets rather than the lists themselves, so a failure prints what is wrong.
    assertThat(missing).as("span ids not served").isEmpty();
    assertThat(spanIds.size()).as("spans served").isEqualTo(PAGE_SPANS + 1);
    assertThat(new HashSet<>(spanIds).size()).as("distinct spans").isEqualTo(PAGE_SPANS + 1);
    assertThat(body).contains("\"processes\":{\"p1\":{\"serviceName\":\"frontend\",\"tags\":[]}}")
        .endsWith("\"total\":0,\"limit\":0,\"offset\":0,\"errors\":null}");
  }

  /**
   * Service documents carry no time, so only the index list bounds a services read to
   * {@code max_span_age}. With hourly service indices 72 h are 73 names; under this prefix
   * they join to 3,500 to 3,950 characters, which a request line holds (Jaeger lists them).
   */
  @Test
  void servicesOfHourlyIndicesOlderThanMaxSpanAgeAreNotListed() throws Exception {
    String hourly = prefix + "-hourly";
    OpenSearchStorage hourlyStorage = startStorage(hourly, true,
        Map.of("date_layout", "2006-01-02-15", "rollover_frequency", "hour"));
    TraceWriter hourlyWriter = writerOf(hourlyStorage, hourly);
    Vertx vertx = Vertx.vertx();
    try {
      long nowNanos = System.currentTimeMillis() * 1_000_000L;
      JaegerProcess current = new JaegerProcess("current", List.of());
      JaegerProcess retired = new JaegerProcess("retired", List.of());
      hourlyWriter.write(List.of(
          new JaegerSpan(0, 0xc1, 1, "GET", List.of(), nowNanos - Duration.ofHours(1).toNanos(),
              1_000, List.of(), List.of(), current),
          new JaegerSpan(0, 0xc2, 1, "GET", List.of(), nowNanos - Duration.ofDays(5).toNanos(),
              1_000, List.of(), List.of(), retired)))
          .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
      send("POST", "/" + hourly + "-*/_refresh", "");
      QueryHttpServer server = startApi(vertx, hourlyStorage.reader());

      HttpResponse<String> response = get(server, "/api/services");

      assertThat(response.body()).isEqualTo("{\"data\":[\"current\"],\"total\":1,\"limit\":0,"
          + "\"offset\":0,\"errors\":null}");
      assertThat(response.statusCode()).isEqualTo(200);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      hourlyWriter.shutdown().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
      hourlyStorage.shutdown();
      deleteTemplates(hourly);
    }
  }

  /**
   * One root and {@code spans - 1} children starting together 1 ms after it, all of
   * {@code frontend GET /home}, which the contract's data has already: no other answer changes.
   */
  private List<JaegerSpan> bigTrace(int spans) {
    JaegerProcess process = new JaegerProcess("frontend", List.of());
    long start = ExampleTraces.WORKED_START_NANOS + shiftNanos;
    List<JaegerSpan> trace = new ArrayList<>(spans);
    trace.add(new JaegerSpan(0, 0xb1601, 1, "GET /home", List.of(), start, 20_000_000_000L,
        List.of(KeyValue.string("span.kind", "server")), List.of(), process));
    SpanRef root = new SpanRef(SpanRef.RefType.CHILD_OF, 0, 0xb1601, 1);
    for (int i = 2; i <= spans; i++) {
      trace.add(new JaegerSpan(0, 0xb1601, i, "GET /home", List.of(root), start + 1_000_000,
          1_000, List.of(KeyValue.int64("i", i), KeyValue.string("span.kind", "server")),
          List.of(), process));
    }
    return trace;
  }

  /**
   * Starts a backend on the shared node: one shard per index, templates if asked, and the
   * service index options {@code services} (date layout, rollover).
   */
  protected final OpenSearchStorage startStorage(String indexPrefix, boolean createMappings,
      Map<String, Object> services) {
    String url = nodeUrl();
    Map<String, Object> serviceOptions = new LinkedHashMap<>(services);
    serviceOptions.put("shards", 1L);
    Map<String, Object> block = new LinkedHashMap<>();
    block.put("server_urls", List.of(url));
    block.put("create_mappings", createMappings);
    block.put("indices", Map.of("index_prefix", indexPrefix,
        "spans", Map.of("shards", 1L), "services", serviceOptions));
    OpenSearchStorage started = new OpenSearchStorage("main",
        ElasticsearchConfig.decode(flavor(), node(flavor().key(), block)));
    try {
      started.start(StatusReporter.NONE).toCompletionStage().toCompletableFuture()
          .get(120, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("starting the storage on " + url + " failed", e);
    }
    assertThat(started.isReady()).as("storage ready on " + url).isTrue();
    return started;
  }

  /** Returns a writer without a queue: a write completes when its documents are stored. */
  private static TraceWriter writerOf(OpenSearchStorage backend, String name) {
    Telemetry telemetry = new Telemetry(MetricsLevel.NORMAL, new SimpleMeterRegistry());
    return backend.createWriter(new WriterOptions(
        new ComponentId("jaeger_storage_exporter", name), telemetry, StatusReporter.NONE,
        new QueueSettings(false, QueueSizer.REQUESTS, 10, true)));
  }

  /** Starts the query API over {@code reader} on a free port, its clock the real one. */
  protected static QueryHttpServer startApi(Vertx vertx, TraceReader reader) throws Exception {
    QueryHttpServer server = new QueryHttpServer(vertx, new ListenAddress("127.0.0.1", 0), "",
        new QueryApi("jaeger_query", reader, new QueryParser(QueryParser::systemNowNanos),
            Adjusters.standard(Adjusters.MAX_CLOCK_SKEW_ADJUST)));
    server.start().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    return server;
  }

  protected static HttpResponse<String> get(QueryHttpServer server, String pathAndQuery)
      throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + server.actualPort() + pathAndQuery)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Deletes the span and service templates of {@code indexPrefix}, legacy or composable. */
  private void deleteTemplates(String indexPrefix) {
    String templates = flavor() == SearchFlavor.OPENSEARCH ? "/_template/" : "/_index_template/";
    send("DELETE", templates + indexPrefix + "-jaeger-span", null);
    send("DELETE", templates + indexPrefix + "-jaeger-service", null);
  }

  /** Returns whole days from the spec's 2024-12-17 to the latest 10:00Z two hours ago. */
  private static long latestWorkedExampleDay() {
    long nowNanos = Instant.now().toEpochMilli() * 1_000_000L;
    long latestStart = nowNanos - Duration.ofHours(2).toNanos();
    return Math.floorDiv(latestStart - ExampleTraces.WORKED_START_NANOS, DAY_NANOS) * DAY_NANOS;
  }

  private static ConfigNode node(String path, Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, ConfigNode> entries = new LinkedHashMap<>();
      map.forEach((k, v) -> entries.put((String) k,
          node(ConfigNode.childPath(path, (String) k), v)));
      return ConfigNode.map(path, CONFIG, entries);
    }
    if (value instanceof List<?> list) {
      return ConfigNode.list(path, CONFIG, list.stream().map(e -> node(path, e)).toList());
    }
    return ConfigNode.scalar(path, CONFIG, value, false);
  }

  /** Sends {@code body} (none if null) to the node; fails the test on an answer of 300 and up. */
  protected final String send(String method, String path, String body) {
    HttpRequest.BodyPublisher publisher = body == null
        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body);
    HttpRequest request = HttpRequest.newBuilder(URI.create(nodeUrl() + path))
        .header("Content-Type", "application/json")
        .timeout(Duration.ofSeconds(60))
        .method(method, publisher)
        .build();
    try {
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(method + " " + path + ": " + response.body())
          .isLessThan(300);
      return response.body();
    } catch (IOException e) {
      throw new AssertionError(method + " " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(method + " " + path + " was interrupted", e);
    }
  }
}
