package io.sluice.storage.opensearch;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.storage.config.ElasticsearchConfig;
import io.sluice.storage.config.IndicesConfig;
import io.sluice.storage.es.PageCursor;
import io.sluice.storage.es.ReadIndices;
import io.sluice.storage.es.ReadQueries;
import io.sluice.storage.es.SearchResponses;
import io.sluice.storage.es.SpanDocumentReader;
import io.sluice.storage.model.JaegerSpan;
import io.sluice.storage.read.DependencyLink;
import io.sluice.storage.read.Operation;
import io.sluice.storage.read.TraceId;
import io.sluice.storage.read.TraceQuery;
import io.sluice.storage.read.TraceReader;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import javax.annotation.Nullable;
import org.opensearch.client.opensearch.OpenSearchClient;

/**
 * Reads traces from Elasticsearch or OpenSearch as Jaeger v2.1.0's ES reader does (spec §7.4):
 * services and operations from the service indices of the last {@code max_span_age}, trace
 * searches in two phases (trace ids by aggregation, then every span of those traces by
 * {@code _msearch}, page after page), traces by id over the last {@code max_span_age}, and the
 * dependency links that an external job wrote.
 *
 * <p>Every call is asynchronous (see {@link AsyncSearch}) and may be made from an event loop.
 * With {@code use_aliases}, reads go to the {@code -read} aliases and {@code max_span_age} is 50
 * years, as in Jaeger. Operations carry no span kind ({@code ""}), since the service documents
 * do not store it, and the {@code spanKind} filter is ignored, as in Jaeger (issue #1923).
 */
public final class OpenSearchTraceReader implements TraceReader {
  /** The lookback Jaeger uses with read aliases: 50 years. */
  static final Duration ROLLOVER_MAX_SPAN_AGE = Duration.ofDays(365L * 50);
  /** Jaeger's trace count when the query asks none. */
  static final int DEFAULT_LIMIT = 100;

  private static final long HOUR_MICROS = 3_600_000_000L;

  private final AsyncSearch search;
  private final ReadIndices spanIndices;
  private final ReadIndices serviceIndices;
  private final ReadIndices dependencyIndices;
  private final ReadQueries queries;
  private final SpanDocumentReader documents;
  private final Duration maxSpanAge;
  private final Clock clock;

  /**
   * Returns the reader of a backend.
   *
   * @param config the backend's settings: prefix, date layouts, rollover, aliases, remote
   *     clusters, {@code max_doc_count}, {@code max_span_age}, tags-as-fields dot replacement
   * @param client the backend's client, shared with its writers; null until it has started
   * @param nodes the node URLs for error messages, credentials redacted
   * @param clock the source of "now" for the {@code max_span_age} window
   */
  OpenSearchTraceReader(ElasticsearchConfig config, Supplier<OpenSearchClient> client,
      String nodes, Clock clock) {
    requireNonNull(config, "config");
    this.search = new AsyncSearch(client, nodes);
    IndicesConfig indices = config.indices();
    String prefix = indices.indexPrefix();
    List<String> remotes = config.remoteReadClusters();
    this.spanIndices = new ReadIndices(prefix, "jaeger-span", indices.spans().dateLayout(),
        indices.spans().rolloverFrequency(), config.useAliases(), remotes);
    this.serviceIndices = new ReadIndices(prefix, "jaeger-service",
        indices.services().dateLayout(), indices.services().rolloverFrequency(),
        config.useAliases(), remotes);
    // Jaeger lists dependency indices a day apart whatever the rollover frequency.
    this.dependencyIndices = new ReadIndices(prefix, "jaeger-dependencies",
        indices.dependencies().dateLayout(), "day", config.useAliases(), remotes);
    String dots = config.tagsAsFields().dotReplacement();
    this.queries = new ReadQueries(config.maxDocCount(), dots, config.useAliases());
    this.documents = new SpanDocumentReader(dots);
    this.maxSpanAge = config.useAliases() ? ROLLOVER_MAX_SPAN_AGE : config.maxSpanAge();
    this.clock = requireNonNull(clock, "clock");
  }

  @Override
  public Future<List<String>> services() {
    return search.search(recentServiceIndices(), queries.services(),
        r -> SearchResponses.bucketKeys(r, ReadQueries.SERVICES_AGGREGATION));
  }

  @Override
  public Future<List<Operation>> operations(String service, @Nullable String spanKind) {
    requireNonNull(service, "service");
    return search.search(recentServiceIndices(), queries.operations(service),
        r -> SearchResponses.bucketKeys(r, ReadQueries.OPERATIONS_AGGREGATION).stream()
            .map(name -> new Operation(name, ""))
            .toList());
  }

  @Override
  public Future<List<JaegerSpan>> trace(TraceId id) {
    long endNanos = nowNanos();
    return fetch(List.of(id), endNanos - maxSpanAge.toNanos(), endNanos)
        .map(traces -> traces.isEmpty() ? List.of() : traces.get(0));
  }

  @Override
  public Future<List<List<JaegerSpan>>> findTraces(TraceQuery query) {
    String invalid = invalidity(query);
    if (invalid != null) {
      return Future.failedFuture(new IllegalArgumentException(invalid));
    }
    int limit = query.limit() <= 0 ? DEFAULT_LIMIT : query.limit();
    List<String> indices = spanIndices.between(
        millis(query.startMinNanos()), millis(query.startMaxNanos()));
    return search.search(indices, queries.traceIds(query, limit), OpenSearchTraceReader::traceIds)
        .compose(ids -> fetch(ids, query.startMinNanos(), query.startMaxNanos()));
  }

  @Override
  public Future<List<DependencyLink>> dependencies(Instant end, Duration lookback) {
    Instant start = end.minus(lookback);
    List<String> indices =
        dependencyIndices.between(start.toEpochMilli(), end.toEpochMilli());
    return search.search(indices, queries.dependencies(start, end),
        r -> SearchResponses.dependencyLinks(SearchResponses.hits(r)));
  }

  private List<String> recentServiceIndices() {
    long nowMillis = clock.millis();
    return serviceIndices.between(nowMillis - maxSpanAge.toMillis(), nowMillis);
  }

  /** Returns Jaeger's message for a query it refuses, or null for a valid one. */
  @Nullable
  private static String invalidity(TraceQuery query) {
    if (query.service().isEmpty() && !query.tags().isEmpty()) {
      return "service Name must be set";
    }
    if (query.startMaxNanos() < query.startMinNanos()) {
      return "start Time Minimum is above Maximum";
    }
    if (query.durationMinNanos() != 0 && query.durationMaxNanos() != 0
        && query.durationMinNanos() > query.durationMaxNanos()) {
      return "duration Minimum is above Maximum";
    }
    return null;
  }

  /** Returns the phase-1 trace ids, newest first, padded and legacy forms merged. */
  private static List<TraceId> traceIds(JsonNode response) {
    Set<TraceId> ids = new LinkedHashSet<>();
    for (String key : SearchResponses.bucketKeys(response, ReadQueries.TRACE_IDS_AGGREGATION)) {
      try {
        ids.add(TraceId.parse(key));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("making traceID from string '" + key + "' failed: "
            + e.getMessage(), e);
      }
    }
    return List.copyOf(ids);
  }

  /**
   * Returns every span of the traces {@code ids} from the span indices of
   * {@code [start - 1h, end + 1h]}, one list per trace found, in the order of {@code ids}.
   */
  private Future<List<List<JaegerSpan>>> fetch(List<TraceId> ids, long startNanos,
      long endNanos) {
    if (ids.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    long startMicros = Math.floorDiv(startNanos, 1000);
    long endMicros = Math.floorDiv(endNanos, 1000);
    List<String> indices = spanIndices.between(Math.floorDiv(startMicros - HOUR_MICROS, 1000),
        Math.floorDiv(endMicros + HOUR_MICROS, 1000));
    TraceFetch fetch = new TraceFetch(queries, documents, indices, startMicros, endMicros);
    // Jaeger starts every trace's first page an hour before the window.
    PageCursor first = PageCursor.from(startMicros - HOUR_MICROS);
    return rounds(fetch, fetch.firstPages(ids, first)).map(done -> fetch.traces());
  }

  /** Sends one {@code _msearch} per round until no trace has spans left to fetch. */
  private Future<Void> rounds(TraceFetch fetch, List<TraceFetch.Page> pages) {
    if (pages.isEmpty()) {
      return Future.succeededFuture();
    }
    return search.multiSearch(fetch.requestLines(pages), r -> fetch.absorb(pages, r))
        .compose(next -> rounds(fetch, next));
  }

  private long nowNanos() {
    Instant now = clock.instant();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }

  private static long millis(long nanos) {
    return Math.floorDiv(nanos, 1_000_000L);
  }
}
