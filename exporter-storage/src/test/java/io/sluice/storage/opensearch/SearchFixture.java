package io.sluice.storage.opensearch;

import static io.sluice.storage.config.YamlNodes.map;
import static io.sluice.storage.config.YamlNodes.node;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.pipeline.ComponentId;
import io.sluice.pipeline.status.StatusReporter;
import io.sluice.pipeline.telemetry.MetricsLevel;
import io.sluice.pipeline.telemetry.Telemetry;
import io.sluice.storage.QueueSettings;
import io.sluice.storage.QueueSizer;
import io.sluice.storage.TraceWriter;
import io.sluice.storage.WriterOptions;
import io.sluice.storage.config.ElasticsearchConfig;
import io.sluice.storage.config.SearchFlavor;
import io.sluice.storage.model.JaegerSpan;
import io.sluice.storage.read.TraceReader;
import io.sluice.testsupport.ElasticsearchNode;
import io.sluice.testsupport.OpenSearchNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An {@link OpenSearchStorage} on a shared test node (OpenSearch 2.19 or Elasticsearch 8) under
 * an index prefix of its own, with a writer whose writes complete once the node has the
 * documents, and plain HTTP for what the collector never writes (dependency documents, legacy
 * documents, aliases).
 */
final class SearchFixture implements AutoCloseable {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  private final String url;
  private final String prefix;
  private final OpenSearchStorage storage;
  private final TraceWriter writer;

  private SearchFixture(String url, String prefix, OpenSearchStorage storage) {
    this.url = url;
    this.prefix = prefix;
    this.storage = storage;
    Telemetry telemetry = new Telemetry(MetricsLevel.NORMAL, new SimpleMeterRegistry());
    // Without a queue, a write completes when its documents are stored or refused.
    this.writer = storage.createWriter(new WriterOptions(
        new ComponentId("jaeger_storage_exporter", prefix), telemetry, StatusReporter.NONE,
        new QueueSettings(false, QueueSizer.REQUESTS, 10, true)));
  }

  /**
   * Starts a backend on the shared node with a fresh prefix, one shard per index and the
   * settings of {@code block} (an {@code opensearch} config block; prefix and URL are added).
   */
  static SearchFixture start(Map<String, Object> block) {
    return start(SearchFlavor.OPENSEARCH, block);
  }

  /** Same, on the shared Elasticsearch 8 node with an {@code elasticsearch} block. */
  static SearchFixture startElasticsearch(Map<String, Object> block) {
    return start(SearchFlavor.ELASTICSEARCH, block);
  }

  private static SearchFixture start(SearchFlavor flavor, Map<String, Object> block) {
    String url = flavor == SearchFlavor.OPENSEARCH
        ? OpenSearchNode.shared().httpUrl() : ElasticsearchNode.shared().httpUrl();
    String prefix = "rd" + ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet();
    Map<String, Object> settings = new HashMap<>(block);
    settings.put("server_urls", List.of(url));
    Map<String, Object> indices = new HashMap<>(map("index_prefix", prefix,
        "spans", map("shards", 1), "services", map("shards", 1)));
    @SuppressWarnings("unchecked")
    Map<String, Object> more = (Map<String, Object>) block.getOrDefault("indices", Map.of());
    indices.putAll(more);
    settings.put("indices", indices);
    ElasticsearchConfig config =
        ElasticsearchConfig.decode(flavor, node(flavor.key(), settings));
    OpenSearchStorage storage = new OpenSearchStorage("main", config);
    storage.start(StatusReporter.NONE).toCompletionStage().toCompletableFuture().join();
    assertThat(storage.isReady()).as("storage ready on " + url).isTrue();
    return new SearchFixture(url, prefix, storage);
  }

  String prefix() {
    return prefix;
  }

  OpenSearchStorage storage() {
    return storage;
  }

  TraceReader reader() {
    return storage.reader();
  }

  /** Writes the spans through the storage's writer and makes them searchable. */
  void write(List<JaegerSpan> spans) throws Exception {
    writer.write(spans).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    refresh();
  }

  /** Indexes {@code json} into {@code <prefix>-<index>} as is, searchable at once. */
  void index(String index, String json) throws Exception {
    send("POST", "/" + prefix + "-" + index + "/_doc?refresh=true", json);
  }

  /** Points the alias {@code <prefix>-<alias>} at {@code <prefix>-<index>}. */
  void alias(String index, String alias) throws Exception {
    send("POST", "/_aliases", "{\"actions\":[{\"add\":{\"index\":\"" + prefix + "-" + index
        + "\",\"alias\":\"" + prefix + "-" + alias + "\"}}]}");
  }

  void refresh() throws Exception {
    send("POST", "/" + prefix + "-*/_refresh", "");
  }

  /** Stops the backend and deletes its indices and templates. */
  @Override
  public void close() throws Exception {
    writer.shutdown().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    storage.shutdown();
    // Elasticsearch 8 refuses wildcard deletes, so the indices are named one by one.
    String indices = send("GET", "/_cat/indices/" + prefix + "-*?h=index", null).trim();
    if (!indices.isEmpty()) {
      send("DELETE", "/" + String.join(",", indices.split("\\s+")), null);
    }
    String templates = storage.config().flavor() == SearchFlavor.OPENSEARCH
        ? "/_template/" : "/_index_template/";
    send("DELETE", templates + prefix + "-jaeger-span", null);
    send("DELETE", templates + prefix + "-jaeger-service", null);
  }

  private String send(String method, String path, String body) throws Exception {
    HttpRequest.BodyPublisher publisher = body == null
        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body);
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url + path))
        .header("Content-Type", "application/json")
        .timeout(Duration.ofSeconds(60))
        .method(method, publisher)
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(method + " " + path + ": " + response.body())
        .isLessThan(300);
    return response.body();
  }
}
