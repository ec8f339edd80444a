package io.sluice.bench.floor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.storage.config.BulkProcessing;
import io.sluice.testsupport.OpenSearchNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BulkFloorTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void defaultsAreTheCollectorsBulkProcessingAndTheUsersIndices() {
    BulkFloor floor = new BulkFloor();
    new CommandLine(floor).parseArgs();

    assertThat(floor.maxActions()).isEqualTo(BulkProcessing.DEFAULTS.maxActions());
    assertThat(floor.maxBytes()).isEqualTo(BulkProcessing.DEFAULTS.maxBytes());
    assertThat(floor.workers()).isEqualTo(BulkProcessing.DEFAULTS.workers());
    assertThat(floor.indexPrefix()).isEqualTo("jaeger2-main");
    assertThat(floor.docs()).isEqualTo(240_000);
    assertThat(floor.withIds()).isTrue();
  }

  @Test
  void storesEveryDocumentInRequestsOfMaxActionsAndReportsTheCounts() throws Exception {
    String url = OpenSearchNode.shared().httpUrl();
    String prefix = "floor" + ProcessHandle.current().pid();
    StringWriter out = new StringWriter();
    CommandLine commandLine = new CommandLine(new BulkFloor());
    commandLine.setOut(new PrintWriter(out));

    int status = commandLine.execute("--url", url, "--docs", "2500", "--index-prefix", prefix);

    assertThat(status).isEqualTo(0);
    List<String> lines = out.toString().lines().toList();
    assertThat(lines).contains(
        "engine           opensearch 2.19.6 (templates as 7: _template)",
        "documents        2500         span documents of the user's trace, with the collector's"
            + " _id",
        "bulk requests    3            at most 1000 actions / 5000000 bytes each, 1 worker(s)",
        "docs stored      2500         items answered 2xx",
        "docs failed      0",
        "count delta      2500         " + prefix
            + "-jaeger-span-* _count after - before (after _refresh)");
    // 833 whole traces, then the first span the SDK ends in the next one: redis's ping.
    assertThat(post(url + "/" + prefix + "-jaeger-span-*/_search?filter_path=aggregations",
        "{\"size\":0,\"aggs\":{\"ops\":{\"terms\":{\"field\":\"operationName\"}}}}"))
        .isEqualTo(JSON.readTree("{\"aggregations\":{\"ops\":{\"doc_count_error_upper_bound\":0,"
            + "\"sum_other_doc_count\":0,\"buckets\":[{\"key\":\"ping\",\"doc_count\":834},"
            + "{\"key\":\"/ping/GRM\",\"doc_count\":833},"
            + "{\"key\":\"gorm.Raw\",\"doc_count\":833}]}}}"));
    JsonNode template = get(url + "/_template/" + prefix + "-jaeger-span");
    assertThat(template.path(prefix + "-jaeger-span").path("settings").path("index")
        .path("number_of_shards").asText()).isEqualTo("5");
  }

  private static JsonNode get(String uri) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(uri)).GET().build());
  }

  private static JsonNode post(String uri, String json) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(uri))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build());
  }

  private static JsonNode send(HttpRequest request) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }
}
