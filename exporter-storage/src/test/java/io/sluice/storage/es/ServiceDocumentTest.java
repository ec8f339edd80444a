package io.sluice.storage.es;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.storage.model.JaegerProcess;
import io.sluice.storage.model.JaegerSpan;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceDocumentTest {
  @Test
  void idsAreFnv1a64HexWithoutPadding() {
    assertThat(ServiceIds.fnv1a64Hex("oteltrace", "GET /api/users")).isEqualTo("fed03a5aeb04dcc0");
    assertThat(ServiceIds.fnv1a64Hex("oteltrace", "GET")).isEqualTo("e59776a71c206d80");
    assertThat(ServiceIds.fnv1a64Hex("oteltrace", "SELECT users")).isEqualTo("7604793ab5f7a4ec");
    assertThat(ServiceIds.fnv1a64Hex("", "")).isEqualTo("cbf29ce484222325");
  }

  @Test
  void documentHasExactlyTwoFields() {
    assertThat(new ServiceDocument("a\"b", "op").toJson())
        .isEqualTo("{\"serviceName\":\"a\\\"b\",\"operationName\":\"op\"}");
  }

  @Test
  void spanDocumentIdsSeparateDistinctSpansAndRepeatForTheSameSpan() {
    JaegerSpan span = span(1_000, "op");

    assertThat(SpanDocumentIds.of(span)).isEqualTo(SpanDocumentIds.of(span(1_000, "op")));
    assertThat(SpanDocumentIds.of(span)).isNotEqualTo(SpanDocumentIds.of(span(1_001, "op")));
    assertThat(SpanDocumentIds.of(span)).isNotEqualTo(SpanDocumentIds.of(span(1_000, "op2")));
    assertThat(SpanDocumentIds.of(span)).matches("000000000000002a-0000000000000007-[0-9a-f]{8}");
  }

  private static JaegerSpan span(long start, String operation) {
    return new JaegerSpan(0, 42, 7, operation, List.of(), start, 5, List.of(), List.of(),
        new JaegerProcess("svc", List.of()));
  }
}
