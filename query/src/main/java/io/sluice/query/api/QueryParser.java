package io.sluice.query.api;

import io.sluice.pipeline.go.GoDurations;
import io.sluice.pipeline.go.GoStrconv;
import io.sluice.storage.read.TraceId;
import io.sluice.storage.read.TraceQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Reads the query API's parameters as Jaeger v2.1.0's {@code query_parser.go} does, with its
 * defaults and error texts (spec jaeger-storage-query.md §7.1). Every failure is an
 * {@link ApiException} with status 400.
 */
public final class QueryParser {
  /** How far back a search looks without {@code start}: 48 hours. */
  static final long DEFAULT_SEARCH_LOOKBACK_NANOS = Duration.ofHours(48).toNanos();
  /** How far back {@code /api/dependencies} looks without {@code lookback}: 24 hours. */
  static final long DEFAULT_DEPENDENCIES_LOOKBACK_NANOS = Duration.ofHours(24).toNanos();
  /** The number of traces a search returns without {@code limit}, or with {@code limit=0}. */
  static final int DEFAULT_LIMIT = 100;

  private static final long NANOS_PER_MICRO = 1_000;
  private static final long NANOS_PER_MILLI = 1_000_000;
  private static final Set<String> SPAN_KINDS =
      Set.of("unspecified", "internal", "server", "client", "producer", "consumer");

  private final LongSupplier nowNanos;

  /** Returns a parser whose default times come from {@code nowNanos} (ns since the epoch). */
  public QueryParser(LongSupplier nowNanos) {
    this.nowNanos = nowNanos;
  }

  /**
   * A parsed {@code GET /api/traces}: either trace ids to fetch (when {@code traceID} is given,
   * every other parameter is parsed but not used) or a search.
   *
   * @param traceIds the ids to fetch, in request order; empty for a search
   * @param query the search
   */
  public record Search(List<TraceId> traceIds, TraceQuery query) {}

  /** A parsed {@code GET /api/dependencies}: the window's end and length, both in ns. */
  public record DependenciesWindow(long endNanos, long lookbackNanos) {}

  /** Returns the system clock's time in ns since the epoch, the parser's usual clock. */
  public static long systemNowNanos() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }

  /** Parses the parameters of {@code GET /api/traces}. */
  public Search search(QueryParams params) {
    String service = params.first("service");
    String operation = params.first("operation");
    long startNanos = time(params, "start", NANOS_PER_MICRO);
    long endNanos = time(params, "end", NANOS_PER_MICRO);
    Map<String, String> tags = tags(params.all("tag"), params.all("tags"));
    int limit = limit(params.first("limit"));
    long minDurationNanos = duration(params, "minDuration");
    long maxDurationNanos = duration(params, "maxDuration");
    List<TraceId> traceIds = new ArrayList<>();
    for (String id : params.all("traceID")) {
      try {
        traceIds.add(traceId(id));
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest("cannot parse traceID param: " + e.getMessage());
      }
    }
    if (traceIds.isEmpty() && service.isEmpty()) {
      throw ApiException.badRequest("parameter 'service' is required");
    }
    if (minDurationNanos != 0 && maxDurationNanos != 0 && maxDurationNanos < minDurationNanos) {
      throw ApiException.badRequest("'maxDuration' should be greater than 'minDuration'");
    }
    TraceQuery query = new TraceQuery(service, operation.isEmpty() ? null : operation, tags,
        startNanos, endNanos, minDurationNanos, maxDurationNanos, limit);
    return new Search(List.copyOf(traceIds), query);
  }

  /** Parses {@code endTs} (ms, default now) and {@code lookback} (ms, default 24 h). */
  public DependenciesWindow dependencies(QueryParams params) {
    long endNanos = time(params, "endTs", NANOS_PER_MILLI);
    String lookback = params.first("lookback");
    long lookbackNanos = lookback.isEmpty()
        ? DEFAULT_DEPENDENCIES_LOOKBACK_NANOS
        : integer("lookback", lookback) * NANOS_PER_MILLI;
    return new DependenciesWindow(endNanos, lookbackNanos);
  }

  /**
   * Checks the parameters of the {@code /api/metrics/*} endpoints in Jaeger's order
   * ({@code quantile} for latencies first, then {@code service}, {@code groupByOperation},
   * {@code spanKind}, {@code endTs}, {@code lookback}, {@code step}, {@code ratePer}), so that
   * bad input gets the same 400 as from Jaeger before the 501 of the missing metrics storage.
   */
  public void metrics(QueryParams params, boolean latencies) {
    if (latencies) {
      try {
        GoStrconv.parseFloat(params.first("quantile"));
      } catch (IllegalArgumentException e) {
        throw parseError("quantile", e);
      }
    }
    if (!params.contains("service")) {
      throw ApiException.badRequest(
          "unable to parse param 'service': please provide at least one service name");
    }
    String groupByOperation = params.first("groupByOperation");
    if (!groupByOperation.isEmpty()) {
      try {
        GoStrconv.parseBool(groupByOperation);
      } catch (IllegalArgumentException e) {
        throw parseError("groupByOperation", e);
      }
    }
    for (String kind : params.all("spanKind")) {
      if (!SPAN_KINDS.contains(kind)) {
        throw ApiException.badRequest(
            "unable to parse param 'spanKind': unsupported span kind: '" + kind + "'");
      }
    }
    time(params, "endTs", NANOS_PER_MILLI);
    for (String name : List.of("lookback", "step", "ratePer")) {
      String value = params.first(name);
      if (!value.isEmpty()) {
        integer(name, value);
      }
    }
  }

  /**
   * Parses a trace id as Jaeger's {@code TraceIDFromString}: up to 32 hex digits, the last 16
   * being the low half.
   *
   * @throws IllegalArgumentException with Jaeger's message
   */
  public static TraceId traceId(String text) {
    if (text.length() > 32) {
      throw new IllegalArgumentException(
          "TraceID cannot be longer than 32 hex characters: " + text);
    }
    if (text.length() <= 16) {
      return new TraceId(0, GoStrconv.parseHex(text));
    }
    int split = text.length() - 16;
    long high = GoStrconv.parseHex(text.substring(0, split));
    return new TraceId(high, GoStrconv.parseHex(text.substring(split)));
  }

  private long time(QueryParams params, String name, long unitNanos) {
    String value = params.first(name);
    if (value.isEmpty()) {
      long now = nowNanos.getAsLong();
      return name.equals("start") ? now - DEFAULT_SEARCH_LOOKBACK_NANOS : now;
    }
    // Go multiplies in int64 and wraps on overflow; Java's long arithmetic does the same.
    return integer(name, value) * unitNanos;
  }

  private static long integer(String name, String value) {
    try {
      return GoStrconv.parseInt(value, 64);
    } catch (IllegalArgumentException e) {
      throw parseError(name, e);
    }
  }

  private static long duration(QueryParams params, String name) {
    String value = params.first(name);
    if (value.isEmpty()) {
      return 0;
    }
    try {
      return GoDurations.parseNanos(value);
    } catch (IllegalArgumentException e) {
      throw parseError(name, e);
    }
  }

  /**
   * Parses {@code limit} as a 32-bit integer. Jaeger reports a bad value with strconv's bare
   * message, which quotes the value but not the parameter; that text is kept. A negative limit,
   * which Jaeger passes to the storage, is refused here.
   */
  private static int limit(String value) {
    if (value.isEmpty()) {
      return DEFAULT_LIMIT;
    }
    long limit;
    try {
      limit = GoStrconv.parseInt(value, 32);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
    if (limit < 0) {
      throw ApiException.badRequest(
          "unable to parse param 'limit': must not be negative, got " + value);
    }
    return limit == 0 ? DEFAULT_LIMIT : (int) limit;
  }

  private static Map<String, String> tags(List<String> simpleTags, List<String> jsonTags) {
    Map<String, String> tags = new LinkedHashMap<>();
    for (String tag : simpleTags) {
      int colon = tag.indexOf(':');
      if (colon < 0) {
        throw ApiException.badRequest(
            "malformed 'tag' parameter, expecting key:value, received: " + tag);
      }
      tags.put(tag.substring(0, colon), tag.substring(colon + 1));
    }
    for (String json : jsonTags) {
      try {
        tags.putAll(GoJsonStringMap.decode(json));
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest(
            "malformed 'tags' parameter, cannot unmarshal JSON: " + e.getMessage());
      }
    }
    return tags;
  }

  private static ApiException parseError(String name, IllegalArgumentException cause) {
    return ApiException.badRequest(
        "unable to parse param '" + name + "': " + cause.getMessage());
  }
}
