package io.sluice.query.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.query.api.QueryParser.DependenciesWindow;
import io.sluice.query.api.QueryParser.Search;
import io.sluice.storage.read.TraceId;
import io.sluice.storage.read.TraceQuery;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryParserTest {
  private static final long NOW_NANOS = 1_734_429_600_000_000_000L;
  private static final long HOUR_NANOS = 3_600_000_000_000L;

  private final QueryParser parser = new QueryParser(() -> NOW_NANOS);

  @Test
  void searchDefaultsTo48HoursAndLimit100() {
    Search search = parser.search(params("service", "svc"));

    assertThat(search.traceIds()).isEmpty();
    assertThat(search.query()).isEqualTo(new TraceQuery("svc", null, Map.of(),
        NOW_NANOS - 48 * HOUR_NANOS, NOW_NANOS, 0, 0, 100));
  }

  @Test
  void searchReadsMicrosecondsDurationsTagsAndLimit() {
    QueryParams params = params("service", "svc", "operation", "GET", "start", "1000",
        "end", "2000",
        "minDuration", "1.5ms", "maxDuration", "1s", "limit", "20", "tag", "http.url:http://x:80",
        "tag", "k:v", "tags", "{\"k\":\"json wins\",\"error\":\"true\"}", "lookback", "custom");

    assertThat(parser.search(params).query()).isEqualTo(new TraceQuery("svc", "GET",
        Map.of("http.url", "http://x:80", "k", "json wins", "error", "true"), 1_000_000,
        2_000_000, 1_500_000, 1_000_000_000, 20));
  }

  @Test
  void limitZeroMeans100AndNegativeIsRefused() {
    assertThat(parser.search(params("service", "s", "limit", "0")).query().limit()).isEqualTo(100);
    assertBadRequest(params("service", "s", "limit", "-1"),
        "unable to parse param 'limit': must not be negative, got -1");
    assertBadRequest(params("service", "s", "limit", "ten"),
        "strconv.ParseInt: parsing \"ten\": invalid syntax");
    assertBadRequest(params("service", "s", "limit", "2147483648"),
        "strconv.ParseInt: parsing \"2147483648\": value out of range");
  }

  @Test
  void traceIdsNeedNoService() {
    Search search = parser.search(params("traceID", "5b8efff798038103d269b633813fc60c",
        "traceID", "abc"));

    assertThat(search.traceIds()).containsExactly(
        new TraceId(0x5b8efff798038103L, 0xd269b633813fc60cL), new TraceId(0, 0xabc));
  }

  @Test
  void badParametersGetJaegerTexts() {
    assertBadRequest(params(), "parameter 'service' is required");
    assertBadRequest(params("service", "s", "end", "1.5"),
        "unable to parse param 'end': strconv.ParseInt: parsing \"1.5\": invalid syntax");
    assertBadRequest(params("service", "s", "tag", "error"),
        "malformed 'tag' parameter, expecting key:value, received: error");
    assertBadRequest(params("service", "s", "maxDuration", "1d"),
        "unable to parse param 'maxDuration': time: unknown unit \"d\" in duration \"1d\"");
    assertBadRequest(params("traceID", "zz"),
        "cannot parse traceID param: strconv.ParseUint: parsing \"zz\": invalid syntax");
    assertBadRequest(params("traceID", "1".repeat(33)),
        "cannot parse traceID param: TraceID cannot be longer than 32 hex characters: "
            + "1".repeat(33));
    assertBadRequest(params("service", "s", "tags", "{"),
        "malformed 'tags' parameter, cannot unmarshal JSON: unexpected end of JSON input");
  }

  @Test
  void dependenciesReadMilliseconds() {
    assertThat(parser.dependencies(params()))
        .isEqualTo(new DependenciesWindow(NOW_NANOS, 24 * HOUR_NANOS));
    assertThat(parser.dependencies(params("endTs", "1000", "lookback", "60000")))
        .isEqualTo(new DependenciesWindow(1_000_000_000L, 60_000_000_000L));
    assertThatThrownBy(() -> parser.dependencies(params("lookback", "1h")))
        .hasMessage("unable to parse param 'lookback': strconv.ParseInt: parsing \"1h\": "
            + "invalid syntax");
  }

  @Test
  void queryStringsAreReadAsGoReadsThem() {
    QueryParams params = QueryParams.parse("a=1+2&A=x&a=%7B%22k%22%3A1%7D&bad=%zz&semi=1;2&flag");

    assertThat(params.all("a")).containsExactly("1 2", "{\"k\":1}");
    assertThat(params.first("A")).isEqualTo("x");
    assertThat(params.contains("bad")).isFalse();
    assertThat(params.contains("semi")).isFalse();
    assertThat(params.contains("flag")).isTrue();
    assertThat(params.first("flag")).isEmpty();
    assertThat(params.first("missing")).isEmpty();
  }

  @Test
  void metricsParametersAreCheckedInJaegerOrder() {
    assertThatThrownBy(() -> parser.metrics(params("quantile", "0.95"), true))
        .hasMessage("unable to parse param 'service': please provide at least one service name");
    assertThatThrownBy(() -> parser.metrics(params("service", "s", "spanKind", "rpc"), false))
        .hasMessage("unable to parse param 'spanKind': unsupported span kind: 'rpc'");
    assertThatThrownBy(() -> parser.metrics(params("service", "s", "step", "5s"), false))
        .hasMessage("unable to parse param 'step': strconv.ParseInt: parsing \"5s\": "
            + "invalid syntax");
    parser.metrics(params("service", "s", "spanKind", "server", "groupByOperation", "true"), false);
  }

  private void assertBadRequest(QueryParams params, String message) {
    assertThatThrownBy(() -> parser.search(params))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400))
        .hasMessage(message);
  }

  private static QueryParams params(String... namesAndValues) {
    return QueryParams.of(namesAndValues);
  }
}
