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
import org.junit.jupiter.api.Test;

class OpenSearchNodeTest {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static final String TEMPLATE = """
      {"index_patterns":["sluice-test-span-*"],
       "settings":{"index.number_of_shards":1,"index.number_of_replicas":0},
       "mappings":{"properties":{"traceID":{"type":"keyword"},
                                 "duration":{"type":"long"}}}}""";

  private static final String BULK = """
      {"index":{"_index":"%1$s","_id":"a"}}
      {"traceID":"0001","duration":5}
      {"index":{"_index":"%1$s","_id":"b"}}
      {"traceID":"0002","duration":7}
      """;

  @Test
  void sharedNodeServesTemplatesBulkSearchAndMsearch() throws Exception {
    OpenSearchNode node = OpenSearchNode.shared();

    assertThat(node.httpUrl()).isEqualTo("http://127.0.0.1:" + node.httpPort());
    assertThat(send(node, "PUT", "/_template/sluice-test", TEMPLATE).statusCode()).isEqualTo(200);
    indexTwoSpans(node, "sluice-test-span-shared");

    assertThat(body(node, "GET", "/sluice-test-span-shared/_mapping"
        + "?filter_path=*.mappings.properties.traceID", null))
        .isEqualTo("{\"sluice-test-span-shared\":{\"mappings\":{\"properties\":"
            + "{\"traceID\":{\"type\":\"keyword\"}}}}}");
    assertThat(body(node, "POST", "/sluice-test-span-shared/_search"
        + "?filter_path=hits.total,hits.hits._id",
        "{\"query\":{\"term\":{\"traceID\":\"0002\"}}}"))
        .isEqualTo("{\"hits\":{\"total\":{\"value\":1,\"relation\":\"eq\"},"
            + "\"hits\":[{\"_id\":\"b\"}]}}");
    assertThat(body(node, "POST", "/_msearch?filter_path=responses.hits.total.value", """
        {"index":"sluice-test-span-shared"}
        {"query":{"match_all":{}}}
        {"index":"sluice-test-span-shared"}
        {"query":{"range":{"duration":{"gte":6}}}}
        """))
        .isEqualTo("{\"responses\":[{\"hits\":{\"total\":{\"value\":2}}},"
            + "{\"hits\":{\"total\":{\"value\":1}}}]}");
  }

  @Test
  void sharedNodeIsOneNodePerJvmAndCannotBeStopped() {
    OpenSearchNode node = OpenSearchNode.shared();

    assertThat(OpenSearchNode.shared()).isSameAs(node);
    assertThatThrownBy(node::stop)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("stop() is not allowed on the shared OpenSearch node;"
            + " use OpenSearchNode.start() for a node of your own");
    node.close();
    assertThat(node.isRunning()).isTrue();
  }

  // One test for the whole life of an owned node: each node start costs several seconds of CPU
  // on a 2-core machine, and every module that builds test-support with -am runs this class.
  @Test
  void ownNodeStopsRestartsWithItsDataOnTheSamePortAndCloseDeletesTheData() throws Exception {
    OpenSearchNode node = OpenSearchNode.start();
    int port = node.httpPort();
    Path home = node.logFile().resolveSibling(
        node.logFile().getFileName().toString().replace(".log", ""));
    assertThat(body(node, "GET", "/_cluster/health?filter_path=cluster_name,number_of_nodes",
        null)).isEqualTo("{\"cluster_name\":\"sluice-test\",\"number_of_nodes\":1}");
    indexTwoSpans(node, "sluice-test-span-restart");

    node.stop();
    assertThat(node.isRunning()).isFalse();
    assertThatThrownBy(() -> send(node, "GET", "/", null)).isInstanceOf(ConnectException.class);
    node.stop();

    node.restart();
    assertThat(node.httpPort()).isEqualTo(port);
    assertThat(body(node, "GET", "/sluice-test-span-restart/_count?filter_path=count", null))
        .isEqualTo("{\"count\":2}");

    assertThat(home).isDirectory();
    node.close();
    node.close();
    assertThat(node.isRunning()).isFalse();
    assertThat(home).doesNotExist();
    assertThat(Files.readAllLines(node.logFile()))
        .filteredOn(line -> line.startsWith("SLUICE_OPENSEARCH_HTTP="))
        .containsExactly("SLUICE_OPENSEARCH_HTTP=127.0.0.1:" + port,
            "SLUICE_OPENSEARCH_HTTP=127.0.0.1:" + port);
    assertThatThrownBy(node::restart)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("node on port " + port + " is closed");
  }

  private static void indexTwoSpans(OpenSearchNode node, String index) throws Exception {
    HttpResponse<String> bulk = send(node, "POST", "/_bulk?refresh=true", BULK.formatted(index));
    assertThat(bulk.statusCode()).isEqualTo(200);
    assertThat(bulk.body()).contains("\"errors\":false");
    assertThat(body(node, "GET", "/" + index + "/_search?filter_path=hits.total", null))
        .isEqualTo("{\"hits\":{\"total\":{\"value\":2,\"relation\":\"eq\"}}}");
  }

  private static String body(OpenSearchNode node, String method, String path, String json)
      throws IOException, InterruptedException {
    HttpResponse<String> response = send(node, method, path, json);
    assertThat(response.statusCode()).as("%s %s: %s", method, path, response.body())
        .isEqualTo(200);
    return response.body();
  }

  private static HttpResponse<String> send(OpenSearchNode node, String method, String path,
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
