package io.sluice.storage.es;

import static java.util.Objects.requireNonNull;

import io.sluice.storage.read.TraceId;
import io.sluice.storage.read.TraceQuery;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the compact JSON bodies of the Elasticsearch/OpenSearch reads, as Jaeger v2.1.0's
 * reader asks them (spec §7.4): the services and operations aggregations, the trace-id search
 * (phase 1), one trace's page of spans (phase 2 and trace by id) and the dependencies search.
 *
 * <p>Two deliberate differences from Jaeger, both to return every span: a trace's pages are
 * sorted by {@code startTime} then {@code spanID}, so spans starting in the same microsecond on
 * a page boundary are not skipped, and they ask {@code track_total_hits}, so the total that
 * ends the paging is exact even without {@code rest_total_hits_as_int} (which, sent as Jaeger
 * sends it, already makes it exact; without either, 10,000 would end a longer trace).
 * Ranges use {@code gte}/{@code lte}, which mean what olivere's {@code from}/{@code
 * include_lower} forms mean. Thread-safe.
 */
public final class ReadQueries {
  /** The terms aggregation over trace ids in phase 1. */
  public static final String TRACE_IDS_AGGREGATION = "traceIDs";
  /** The terms aggregation over service names. */
  public static final String SERVICES_AGGREGATION = "distinct_services";
  /** The terms aggregation over operation names. */
  public static final String OPERATIONS_AGGREGATION = "distinct_operations";

  /** Jaeger's upper duration bound when only a minimum is given: 24 h in microseconds. */
  static final long DEFAULT_MAX_DURATION_MICROS = 86_400_000_000L;

  private static final long DAY_MICROS = 86_400_000_000L;

  private final int maxDocCount;
  private final String dotReplacement;
  private final boolean useAliases;

  /**
   * Returns the bodies for a backend.
   *
   * @param maxDocCount the {@code max_doc_count}: aggregation sizes and hits per page
   * @param dotReplacement what replaces {@code .} in tags-as-fields names
   * @param useAliases the reads go to the {@code -read} aliases, so a trace's pages also bound
   *     the start time, as Jaeger does then
   */
  public ReadQueries(int maxDocCount, String dotReplacement, boolean useAliases) {
    this.maxDocCount = maxDocCount;
    this.useAliases = useAliases;
    this.dotReplacement = requireNonNull(dotReplacement, "dotReplacement").isEmpty()
        ? TagsAsFields.DEFAULT_DOT_REPLACEMENT : dotReplacement;
  }

  /** Returns the services search: no hits, a terms aggregation on {@code serviceName}. */
  public String services() {
    JsonBuffer out = new JsonBuffer(160);
    out.writeAscii("{\"size\":0,\"aggregations\":");
    terms(out, SERVICES_AGGREGATION, "serviceName", maxDocCount);
    return out.writeByte('}').toString();
  }

  /** Returns the operations search: a term on the service, terms on {@code operationName}. */
  public String operations(String service) {
    JsonBuffer out = new JsonBuffer(200);
    out.writeAscii("{\"size\":0,\"query\":{\"term\":{\"serviceName\":");
    out.writeString(service).writeAscii("}},\"aggregations\":");
    terms(out, OPERATIONS_AGGREGATION, "operationName", maxDocCount);
    return out.writeByte('}').toString();
  }

  /**
   * Returns the phase-1 search: no hits, every condition of {@code query} in one
   * {@code bool.must}, and the {@code limit} newest trace ids by their latest span start.
   */
  public String traceIds(TraceQuery query, int limit) {
    JsonBuffer out = new JsonBuffer(1024);
    out.writeAscii("{\"size\":0,\"query\":{\"bool\":{\"must\":[");
    if (query.durationMinNanos() != 0 || query.durationMaxNanos() != 0) {
      long max = query.durationMaxNanos() == 0
          ? DEFAULT_MAX_DURATION_MICROS : query.durationMaxNanos() / 1000;
      range(out, "duration", query.durationMinNanos() / 1000, max).writeByte(',');
    }
    range(out, "startTimeMillis", millis(query.startMinNanos()), millis(query.startMaxNanos()));
    if (!query.service().isEmpty()) {
      match(out.writeByte(','), "process.serviceName", query.service());
    }
    if (query.operation() != null && !query.operation().isEmpty()) {
      match(out.writeByte(','), "operationName", query.operation());
    }
    for (Map.Entry<String, String> tag : new TreeMap<>(query.tags()).entrySet()) {
      tagQuery(out.writeByte(','), tag.getKey(), tag.getValue());
    }
    out.writeAscii("]}},\"aggregations\":{\"" + TRACE_IDS_AGGREGATION + "\":{\"terms\":{");
    out.writeAscii("\"field\":\"traceID\",\"size\":").writeLong(limit);
    out.writeAscii(",\"order\":[{\"startTime\":\"desc\"}]},\"aggregations\":{\"startTime\":");
    return out.writeAscii("{\"max\":{\"field\":\"startTime\"}}}}}}").toString();
  }

  /**
   * Returns one page of a trace's spans in {@code (startTime, spanID)} order after
   * {@code after}, for a read of spans starting in {@code [startMicros, endMicros]}. With read
   * aliases the spans must also start within a day of that window, as Jaeger asks then.
   */
  public String tracePage(TraceId id, PageCursor after, long startMicros, long endMicros) {
    JsonBuffer out = new JsonBuffer(400);
    out.writeAscii("{\"query\":{\"bool\":{\"must\":[");
    traceIdQuery(out, id);
    if (useAliases) {
      range(out.writeByte(','), "startTimeMillis", Math.floorDiv(startMicros - DAY_MICROS, 1000),
          Math.floorDiv(endMicros + DAY_MICROS, 1000));
    }
    out.writeAscii("]}},\"size\":").writeLong(maxDocCount);
    out.writeAscii(",\"sort\":[{\"startTime\":{\"order\":\"asc\"}},");
    out.writeAscii("{\"spanID\":{\"order\":\"asc\"}}],\"search_after\":[");
    out.writeLong(after.startTimeMicros()).writeByte(',').writeString(after.spanId());
    return out.writeAscii("],\"track_total_hits\":true}").toString();
  }

  /**
   * Returns the dependencies search: documents whose {@code timestamp} is in
   * {@code [start, end]}, at most {@code max_doc_count} of them.
   */
  public String dependencies(Instant start, Instant end) {
    JsonBuffer out = new JsonBuffer(160);
    out.writeAscii("{\"query\":{\"range\":{\"timestamp\":{\"gte\":");
    out.writeString(start.toString()).writeAscii(",\"lte\":").writeString(end.toString());
    out.writeAscii("}}},\"size\":").writeLong(maxDocCount);
    return out.writeByte('}').toString();
  }

  /**
   * Returns the {@code _msearch} header line naming the indices of every sub-search, with
   * missing indices skipped.
   */
  public static String searchHeader(List<String> indices) {
    JsonBuffer out = new JsonBuffer(64 + 40 * indices.size());
    out.writeAscii("{\"index\":[");
    for (int i = 0; i < indices.size(); i++) {
      if (i > 0) {
        out.writeByte(',');
      }
      out.writeString(indices.get(i));
    }
    return out.writeAscii("],\"ignore_unavailable\":true}").toString();
  }

  /**
   * Returns the trace id as Jaeger wrote it before 1.16, without leading zeros:
   * {@code %x} of the low half, or {@code %x%016x} of both halves.
   */
  public static String legacyTraceId(TraceId id) {
    if (id.high() == 0) {
      return Long.toHexString(id.low());
    }
    return Long.toHexString(id.high()) + id.toHex().substring(16);
  }

  /**
   * Writes the term on {@code traceID}; for an id starting with {@code 0}, a should of the
   * padded id (boosted) and its legacy unpadded form, which older Jaeger versions stored.
   */
  private static void traceIdQuery(JsonBuffer out, TraceId id) {
    String padded = id.toHex();
    if (padded.charAt(0) != '0') {
      out.writeAscii("{\"term\":{\"traceID\":").writeString(padded).writeAscii("}}");
      return;
    }
    out.writeAscii("{\"bool\":{\"should\":[{\"term\":{\"traceID\":{\"value\":");
    out.writeString(padded).writeAscii(",\"boost\":2}}},{\"term\":{\"traceID\":");
    out.writeString(legacyTraceId(id)).writeAscii("}}]}}");
  }

  /**
   * Writes the five ways a tag may be stored (spec §7.4): a regexp on the tags-as-fields
   * objects of the span and the process, and a nested key match plus value regexp on the
   * span tags, the process tags and the log fields.
   */
  private void tagQuery(JsonBuffer out, String key, String valueRegex) {
    String field = key.replace(".", dotReplacement);
    out.writeAscii("{\"bool\":{\"should\":[");
    objectRegexp(out, "tag." + field, valueRegex);
    objectRegexp(out.writeByte(','), "process.tag." + field, valueRegex);
    for (String path : List.of("tags", "process.tags", "logs.fields")) {
      nestedTag(out.writeByte(','), path, key, valueRegex);
    }
    out.writeAscii("]}}");
  }

  private static void objectRegexp(JsonBuffer out, String field, String valueRegex) {
    out.writeAscii("{\"bool\":{\"must\":");
    regexp(out, field, valueRegex).writeAscii("}}");
  }

  private static void nestedTag(JsonBuffer out, String path, String key, String valueRegex) {
    out.writeAscii("{\"nested\":{\"path\":\"").writeAscii(path);
    out.writeAscii("\",\"query\":{\"bool\":{\"must\":[");
    match(out, path + ".key", key).writeByte(',');
    regexp(out, path + ".value", valueRegex).writeAscii("]}}}}");
  }

  private static JsonBuffer regexp(JsonBuffer out, String field, String value) {
    out.writeAscii("{\"regexp\":{").writeString(field).writeAscii(":{\"value\":");
    return out.writeString(value).writeAscii("}}}");
  }

  private static JsonBuffer match(JsonBuffer out, String field, String value) {
    out.writeAscii("{\"match\":{").writeString(field).writeAscii(":{\"query\":");
    return out.writeString(value).writeAscii("}}}");
  }

  private static JsonBuffer range(JsonBuffer out, String field, long gte, long lte) {
    out.writeAscii("{\"range\":{\"").writeAscii(field).writeAscii("\":{\"gte\":").writeLong(gte);
    return out.writeAscii(",\"lte\":").writeLong(lte).writeAscii("}}}");
  }

  private static void terms(JsonBuffer out, String name, String field, int size) {
    out.writeAscii("{\"").writeAscii(name).writeAscii("\":{\"terms\":{\"field\":\"");
    out.writeAscii(field).writeAscii("\",\"size\":").writeLong(size).writeAscii("}}}");
  }

  /** Returns the start-time bound in milliseconds as Jaeger computes it: µs, then / 1000. */
  private static long millis(long nanos) {
    return Math.floorDiv(Math.floorDiv(nanos, 1000), 1000);
  }
}
