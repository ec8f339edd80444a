package io.sluice.collector.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sluice.collector.Collector;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * memory_limiter in front of the batch processor, with a limit every JVM is over: the client is
 * told 429 with Retry-After, the spans are counted as refused, and nothing reaches storage.
 */
class MemoryLimiterRefusalTest {
  private static final String ONE_SPAN = "{\"resourceSpans\":[{\"resource\":{\"attributes\":["
      + "{\"key\":\"service.name\",\"value\":{\"stringValue\":\"demo\"}}]},"
      + "\"scopeSpans\":[{\"spans\":[{\"traceId\":\"5b8efff798038103d269b633813fc60c\","
      + "\"spanId\":\"eee19b7ec3c1b174\",\"name\":\"hello\",\"kind\":2,"
      + "\"startTimeUnixNano\":\"1734429600123456789\","
      + "\"endTimeUnixNano\":\"1734429600148956789\"}]}]}]}";

  private InProcessCollector running;

  @AfterEach
  void stop() throws Exception {
    if (running != null) {
      running.close();
    }
  }

  @Test
  void overTheLimitTheClientGets429WithRetryAfterAndTheSpansAreRefused() throws Exception {
    running = InProcessCollector.start(
        "processors.memory_limiter.check_interval=100ms",
        "processors.memory_limiter.limit_mib=2",
        "processors.memory_limiter.spike_limit_mib=1",
        "service.pipelines.traces.processors=[memory_limiter, batch]");
    Collector collector = running.collector();
    String url = running.otlpHttpUrl() + "/v1/traces";

    HttpResponse<String> refused = await().atMost(Duration.ofSeconds(10))
        .until(() -> Http.send("POST", url, ONE_SPAN), r -> r.statusCode() == 429);

    assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
    assertThat(refused.body()).startsWith("{\"code\":8,\"message\":"
        + "\"data refused due to high memory usage (processor memory_limiter)");
    String metrics = collector.scrape();
    long refusedSpans =
        Http.metric(metrics, "otelcol_receiver_refused_spans", "transport=\"http\"");
    long acceptedSpans =
        Http.metric(metrics, "otelcol_receiver_accepted_spans", "transport=\"http\"");
    assertThat(refusedSpans).isPositive();
    assertThat(Http.metric(metrics, "otelcol_processor_refused_spans",
        "processor=\"memory_limiter\"")).isEqualTo(refusedSpans);
    assertThat(Http.metric(metrics, "otelcol_exporter_sent_spans",
        "exporter=\"jaeger_storage_exporter\"")).isEqualTo(acceptedSpans);
  }
}
