package io.sluice.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ElasticsearchNodeTest {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static final String INDEX_TEMPLATE = """
      {"index_patterns":["sluice-es-span-*"],"priority":3,
       "template":{"settings":{"index.number_of_shards":1,"index.number_of_replicas":0},
                   "mappings":{"properties":{"traceID":{"type":"keyword"},
                                             "duration":{"type":"long"}}}}}""";

  private static final String BULK = """
      {"index":{"_index":"%1$s","_id":"a"}}
      {"traceID":"0001","duration":5}
      {"index":{"_index":"%1$s","_id":"b"}}
      {"traceID":"0002","duration":7}
      """;

  @Test
  void sharedNodeAnswersRootAsElasticsearch8153() throws Exception {
    ElasticsearchNode node = ElasticsearchNode.shared();

    String root = body(node, "GET", "/", null);

    assertThat(root).matches(Pattern.quote("{\"name\":\"sluice-test-node\","
        + "\"cluster_name\":\"sluice-test\",\"cluster_uuid\":\"") + "[A-Za-z0-9_-]{22}"
        + Pattern.quote("\",\"version\":{\"number\":\"8.15.3\",\"build_flavor\":\"default\","
        + "\"build_type\":\"unknown\","
        + "\"build_hash\":\"f97532e680b555c3a05e73a74c28afb666923018\","
        + "\"build_date\":\"2024-10-09T22:08:00.328917561Z\",\"build_snapshot\":false,"
        + "\"lucene_version\":\"9.11.1\",\"minimum_wire_compatibility_version\":\"7.17.0\","
        + "\"minimum_index_compatibility_version\":\"7.0.0\"},"
        + "\"tagline\":\"You Know, for Search\"}"));
    HttpResponse<String> head = send(node, "HEAD", "/", null);
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
    assertThat(head.headers().firstValue("X-elastic-product")).contains("Elasticsearch");
  }

  @Test
  void sharedNodeServesIndexTemplatesBulkSearchAndMsearch() throws Exception {
    ElasticsearchNode node = ElasticsearchNode.shared();
    String index = "sluice-es-span-shared";

    assertThat(body(node, "PUT", "/_index_template/sluice-es-span", INDEX_TEMPLATE))
        .isEqualTo("{\"acknowledged\":true}");
    indexTwoSpans(node, index);

    assertThat(body(node, "GET", "/" + index + "/_settings"
        + "?filter_path=*.settings.index.number_of_shards", null))
        .isEqualTo("{\"" + index + "\":{\"settings\":{\"index\":{\"number_of_shards\":\"1\"}}}}");
    assertThat(body(node, "POST", "/" + index + "/_search?filter_path=hits.total,hits.hits._id",
        "{\"query\":{\"term\":{\"traceID\":\"0002\"}}}"))
        .isEqualTo("{\"hits\":{\"total\":{\"value\":1,\"relation\":\"eq\"},"
            + "\"hits\":[{\"_id\":\"b\"}]}}");
    assertThat(body(node, "POST", "/_msearch?filter_path=responses.hits.total.value", """
        {"index":"%1$s"}
        {"query":{"match_all":{}}}
        {"index":"%1$s"}
        {"query":{"range":{"duration":{"gte":6}}}}
        """.formatted(index)))
        .isEqualTo("{\"responses\":[{\"hits\":{\"total\":{\"value\":2}}},"
            + "{\"hits\":{\"total\":{\"value\":1}}}]}");
  }

  @Test
  void sharedNodeIsOneNodePerJvmAndCannotBeStopped() {
    ElasticsearchNode node = ElasticsearchNode.shared();

    assertThat(ElasticsearchNode.shared()).isSameAs(node);
    assertThatThrownBy(node::stop)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("stop() is not allowed on the shared Elasticsearch node;"
            + " use ElasticsearchNode.start() for a node of your own");
    assertThatThrownBy(node::restart)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("restart() is not allowed on the shared Elasticsearch node;"
            + " use ElasticsearchNode.start() for a node of your own");
    node.close();
    assertThat(node.isRunning()).isTrue();
  }

  // One test for the whole life of an owned node: each node start costs several seconds of CPU.
  @Test
  void ownNodeStopsRestartsWithItsDataOnTheSamePortAndCloseDeletesTheData() throws Exception {
    ElasticsearchNode node = ElasticsearchNode.start();
    int port = node.httpPort();
    Path home = node.logFile().resolveSibling(
        node.logFile().getFileName().toString().replace(".log", ""));
    assertThat(node.logFile().getParent().getFileName().toString()).isEqualTo("elasticsearch");
    assertThat(body(node, "GET", "/_cluster/health?filter_path=cluster_name,number_of_nodes",
        null)).isEqualTo("{\"cluster_name\":\"sluice-test\",\"number_of_nodes\":1}");
    indexTwoSpans(node, "sluice-es-span-restart");

    node.stop();
    assertThat(node.isRunning()).isFalse();
    assertThatThrownBy(() -> send(node, "GET", "/", null)).isInstanceOf(ConnectException.class);
    node.stop();

    node.restart();
    assertThat(node.httpPort()).isEqualTo(port);
    assertThat(body(node, "GET", "/sluice-es-span-restart/_count?filter_path=count", null))
        .isEqualTo("{\"count\":2}");

    assertThat(home).isDirectory();
    node.close();
    node.close();
    assertThat(node.isRunning()).isFalse();
    assertThat(home).doesNotExist();
    assertThat(Files.readAllLines(node.logFile()))
        .filteredOn(line -> line.startsWith("SLUICE_ELASTICSEARCH_HTTP="))
        .containsExactly("SLUICE_ELASTICSEARCH_HTTP=127.0.0.1:" + port,
            "SLUICE_ELASTICSEARCH_HTTP=127.0.0.1:" + port);
    assertThatThrownBy(node::restart)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("node on port " + port + " is closed");
  }

  private static void indexTwoSpans(ElasticsearchNode node, String index) throws Exception {
    HttpResponse<String> bulk = send(node, "POST", "/_bulk?refresh=true", BULK.formatted(index));
    assertThat(bulk.statusCode()).isEqualTo(200);
    assertThat(bulk.body()).contains("\"errors\":false");
    assertThat(body(node, "GET", "/" + index + "/_search?filter_path=hits.total", null))
        .isEqualTo("{\"hits\":{\"total\":{\"value\":2,\"relation\":\"eq\"}}}");
  }

  private static String body(ElasticsearchNode node, String method, String path, String json)
      throws IOException, InterruptedException {
    HttpResponse<String> response = send(node, method, path, json);
    assertThat(response.statusCode()).as("%s %s: %s", method, path, response.body())
        .isEqualTo(200);
    return response.body();
  }

  private static HttpResponse<String> send(ElasticsearchNode node, String method, String path,
      String json) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(node.httpUrl() + path))
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", path.contains("bulk") || path.contains("msearch")
            ? "application/x-ndjson" : "application/json")
        .method(method, json == null ? BodyPublishers.noBody() : BodyPublishers.ofString(json))
        .build();
    return HTTP.send(request, BodyHandlers.ofString());
  }
}
