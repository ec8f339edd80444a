package io.sluice.query.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.storage.MemoryStorage;
import io.sluice.storage.TraceStorage;
import io.sluice.storage.config.MemoryConfig;
import io.sluice.storage.model.JaegerProcess;
import io.sluice.storage.model.JaegerSpan;
import io.sluice.storage.model.KeyValue;
import io.sluice.storage.model.SpanRef;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The query API contract over the memory backend, which derives dependencies from spans. */
class MemoryQueryApiTest extends QueryApiContract {
  private static final int BIG_TRACE_SPANS = 10_000;

  private final MemoryStorage storage = new MemoryStorage(new MemoryConfig(1_000));

  @Override
  protected TraceStorage storage() {
    return storage;
  }

  @Override
  protected void write(List<JaegerSpan> spans) {
    storage.store().write(spans);
  }

  @Test
  void tenThousandSpanTraceIsServedWhole() throws Exception {
    write(bigTrace());

    HttpResponse<String> response = get("/api/traces/000000000000000000000000000b1600");

    assertThat(response.statusCode()).isEqualTo(200);
    String body = response.body();
    assertThat(count(body, "\"operationName\":\"GET /home\"")).isEqualTo(BIG_TRACE_SPANS);
    assertThat(count(body, "\"processID\":\"p1\"")).isEqualTo(BIG_TRACE_SPANS);
    assertThat(body).contains("\"processes\":{\"p1\":{\"serviceName\":\"frontend\",\"tags\":[]}}")
        .endsWith("\"total\":0,\"limit\":0,\"offset\":0,\"errors\":null}");
  }

  /** One root and 9,999 children, all of {@code frontend}, so no other answer changes. */
  private static List<JaegerSpan> bigTrace() {
    JaegerProcess process = new JaegerProcess("frontend", List.of());
    long start = ExampleTraces.WORKED_START_NANOS;
    List<JaegerSpan> spans = new ArrayList<>(BIG_TRACE_SPANS);
    for (int i = 1; i <= BIG_TRACE_SPANS; i++) {
      List<SpanRef> refs = i == 1
          ? List.of()
          : List.of(new SpanRef(SpanRef.RefType.CHILD_OF, 0, 0xb1600, 1));
      spans.add(new JaegerSpan(0, 0xb1600, i, "GET /home", refs, start + i * 1_000L,
          i == 1 ? 20_000_000_000L : 1_000, List.of(KeyValue.int64("i", i),
              KeyValue.string("span.kind", "server")), List.of(), process));
    }
    return spans;
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
      n++;
    }
    return n;
  }
}
