package io.sluice.query.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.query.http.QueryHttpServer;
import io.sluice.storage.config.SearchFlavor;
import io.sluice.storage.es.GoDateLayout;
import io.sluice.storage.opensearch.OpenSearchStorage;
import io.vertx.core.Vertx;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The query API contract over a real OpenSearch 2.19.6 node (test-support's shared node),
 * configured under {@code opensearch:} (legacy index templates), and a failed read with
 * OpenSearch's own error text.
 */
class OpenSearchQueryApiTest extends SearchQueryApiContract {
  @Override
  protected SearchFlavor flavor() {
    return SearchFlavor.OPENSEARCH;
  }

  /**
   * Jaeger skips a sub-search of its {@code _msearch} that failed, and so answers 404 "trace not
   * found" for a trace it could not read; here the read fails with the engine's reason. The
   * only span index of this backend maps {@code startTime} as text, which cannot be sorted on.
   */
  @Test
  void aFailedSpanSearchIs500WithTheEnginesReasonNotTraceNotFound() throws Exception {
    String broken = prefix + "-broken";
    long nowMillis = System.currentTimeMillis();
    String index = broken + "-jaeger-span-" + GoDateLayout.of("2006-01-02").format(nowMillis);
    send("PUT", "/" + index, "{\"mappings\":{\"properties\":{"
        + "\"traceID\":{\"type\":\"keyword\"},\"startTime\":{\"type\":\"text\"}}}}");
    send("POST", "/" + index + "/_doc?refresh=true",
        "{\"traceID\":\"00000000000000ab\",\"startTime\":\"" + nowMillis * 1000 + "\"}");
    OpenSearchStorage brokenStorage = startStorage(broken, false, Map.of());
    Vertx vertx = Vertx.vertx();
    try {
      QueryHttpServer server = startApi(vertx, brokenStorage.reader());

      HttpResponse<String> response = get(server, "/api/traces/00000000000000ab");

      assertThat(response.body()).isEqualTo("{\"data\":null,\"total\":0,\"limit\":0,"
          + "\"offset\":0,\"errors\":[{\"code\":500,\"msg\":\"POST /_msearch on "
          + nodeUrl() + ": searching the spans of trace "
          + "00000000000000ab failed: search_phase_execution_exception: all shards failed "
          + "(illegal_argument_exception: Text fields are not optimised for operations that "
          + "require per-document field data like aggregations and sorting, so these operations "
          + "are disabled by default. Please use a keyword field instead. Alternatively, set "
          + "fielddata=true on [startTime] in order to load field data by uninverting the "
          + "inverted index. Note that this can use significant memory.)\"}]}\n");
      assertThat(response.statusCode()).isEqualTo(500);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      brokenStorage.shutdown();
    }
  }
}
