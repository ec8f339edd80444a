package io.sluice.bench.seed;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counts span documents in OpenSearch: {@code GET <prefix>-jaeger-span-* /_count}. Polls see
 * what the last periodic refresh made visible (1 s by default), so a time read from them is up
 * to a second late; the final count follows an explicit {@code _refresh}.
 */
final class OpenSearchSpans implements SpanStore {
  private static final Pattern COUNT = Pattern.compile("\"count\"\\s*:\\s*(\\d+)");

  private final String url;
  private final String indexPrefix;
  private final Loopback http;

  OpenSearchSpans(String url, String indexPrefix, Loopback http) {
    this.url = url;
    this.indexPrefix = indexPrefix;
    this.http = http;
  }

  @Override
  public long storedSpans(CollectorProcess collector) {
    Loopback.Answer answer = http.get(url + "/" + indexPrefix + "-jaeger-span-*/_count");
    Matcher count = COUNT.matcher(answer.body());
    if (answer.status() == 404) {
      return 0; // no span index yet
    }
    return answer.ok() && count.find() ? Long.parseLong(count.group(1)) : -1;
  }

  @Override
  public long finalStoredSpans(CollectorProcess collector) {
    http.post(url + "/" + indexPrefix + "-jaeger-*/_refresh");
    return storedSpans(collector);
  }

  /** Deletes the prefix's span and service indices and both kinds of templates. */
  @Override
  public void clear() {
    http.delete(url + "/" + indexPrefix + "-jaeger-span-*," + indexPrefix + "-jaeger-service-*");
    http.delete(url + "/_template/" + indexPrefix + "-*");
    http.delete(url + "/_index_template/" + indexPrefix + "-*");
  }

  @Override
  public String name() {
    return "opensearch";
  }
}
