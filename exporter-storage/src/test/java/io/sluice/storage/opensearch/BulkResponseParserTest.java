package io.sluice.storage.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.storage.opensearch.BulkResponseParser.ItemResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BulkResponseParserTest {
  private static BulkResponseParser.Result parse(String json) throws IOException {
    return BulkResponseParser.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void responseWithoutErrorsIsAcceptedWithoutReadingItems() throws IOException {
    BulkResponseParser.Result r = parse("{\"took\":3,\"errors\":false,\"items\":["
        + "{\"index\":{\"_index\":\"i\",\"_id\":\"1\",\"status\":201}}]}");

    assertThat(r.errors()).isFalse();
    assertThat(r.items()).isNull();
  }

  @Test
  void itemsWithErrorsAreReadInOrder() throws IOException {
    BulkResponseParser.Result r = parse("{\"took\":3,\"errors\":true,\"items\":["
        + "{\"index\":{\"_index\":\"i\",\"_id\":\"1\",\"_version\":1,\"result\":\"created\","
        + "\"_shards\":{\"total\":2},\"status\":201}},"
        + "{\"index\":{\"_index\":\"i\",\"_id\":\"2\",\"status\":400,\"error\":{"
        + "\"type\":\"mapper_parsing_exception\",\"reason\":\"failed to parse field [startTime]\","
        + "\"caused_by\":{\"type\":\"x\",\"reason\":\"y\"}}}},"
        + "{\"create\":{\"_index\":\"i\",\"status\":429,\"error\":{\"type\":"
        + "\"es_rejected_execution_exception\",\"reason\":\"rejected\"}}}]}");

    assertThat(r.errors()).isTrue();
    assertThat(r.items()).containsExactly(
        new ItemResult(201, "", ""),
        new ItemResult(400, "mapper_parsing_exception", "failed to parse field [startTime]"),
        new ItemResult(429, "es_rejected_execution_exception", "rejected"));
  }

  @Test
  void somethingElseIsAnError() {
    assertThatThrownBy(() -> parse("{\"error\":\"nope\",\"status\":500}"))
        .isInstanceOf(IOException.class);
    assertThatThrownBy(() -> parse("<html>")).isInstanceOf(IOException.class);
  }
}
