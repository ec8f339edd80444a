package io.sluice.storage.es;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.storage.read.TraceId;
import io.sluice.storage.read.TraceQuery;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bodies of the reads (spec §7.4), compared with the shapes Jaeger v2.1.0 sends. */
class ReadQueriesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long MS = 1_000_000L;

  private final ReadQueries queries = new ReadQueries(10_000, "@", false);

  @Test
  void servicesAggregateServiceNames() {
    assertThat(queries.services()).isEqualTo("{\"size\":0,\"aggregations\":{\"distinct_services\""
        + ":{\"terms\":{\"field\":\"serviceName\",\"size\":10000}}}}");
  }

  @Test
  void operationsAggregateOperationNamesOfOneService() {
    assertThat(queries.operations("a \"b\"")).isEqualTo("{\"size\":0,\"query\":{\"term\":"
        + "{\"serviceName\":\"a \\\"b\\\"\"}},\"aggregations\":{\"distinct_operations\":"
        + "{\"terms\":{\"field\":\"operationName\",\"size\":10000}}}}");
  }

  @Test
  void traceIdSearchOfTheWorkedExampleQuery() {
    // GET /api/traces?service=oteltrace&start=1734429000000000&end=1734430200000000
    //     &limit=20&minDuration=20ms (spec §9.3)
    TraceQuery query = new TraceQuery("oteltrace", null, Map.of(), 1_734_429_000_000_000_000L,
        1_734_430_200_000_000_000L, 20 * MS, 0, 20);

    assertThat(queries.traceIds(query, 20)).isEqualTo("{\"size\":0,\"query\":{\"bool\":"
        + "{\"must\":[{\"range\":{\"duration\":{\"gte\":20000,\"lte\":86400000000}}},"
        + "{\"range\":{\"startTimeMillis\":{\"gte\":1734429000000,\"lte\":1734430200000}}},"
        + "{\"match\":{\"process.serviceName\":{\"query\":\"oteltrace\"}}}]}},"
        + "\"aggregations\":{\"traceIDs\":{\"terms\":{\"field\":\"traceID\",\"size\":20,"
        + "\"order\":[{\"startTime\":\"desc\"}]},\"aggregations\":{\"startTime\":"
        + "{\"max\":{\"field\":\"startTime\"}}}}}}");
  }

  @Test
  void traceIdSearchWithOperationAndMaximumDurationOnly() throws IOException {
    TraceQuery query = new TraceQuery("svc", "GET", Map.of(), 5_000_000, 9_999_999, 0, 3 * MS,
        7);

    JsonNode must = JSON.readTree(queries.traceIds(query, 7)).at("/query/bool/must");

    assertThat(must).isEqualTo(JSON.readTree("[{\"range\":{\"duration\":{\"gte\":0,\"lte\":3000}}},"
        + "{\"range\":{\"startTimeMillis\":{\"gte\":5,\"lte\":9}}},"
        + "{\"match\":{\"process.serviceName\":{\"query\":\"svc\"}}},"
        + "{\"match\":{\"operationName\":{\"query\":\"GET\"}}}]"));
  }

  @Test
  void eachTagIsAShouldOfTheFiveWaysATagIsStored() throws IOException {
    // Jaeger's fixtures query_01..03.json: a plain value, a pattern and an escaped star.
    for (String value : List.of("spook", "spo.*", "spo\\*")) {
      TraceQuery query =
          new TraceQuery("svc", null, Map.of("bat.foo", value), 0, 1_000_000, 0, 0, 10);

      JsonNode must = JSON.readTree(queries.traceIds(query, 10)).at("/query/bool/must");

      assertThat(must.get(2)).isEqualTo(expectedTagQuery("bat.foo", "bat@foo", value));
    }
  }

  @Test
  void severalTagsAreEachRequired() throws IOException {
    TraceQuery query = new TraceQuery("svc", null, Map.of("b", "2", "a", "1"), 0, 0, 0, 0, 10);

    JsonNode must = JSON.readTree(queries.traceIds(query, 10)).at("/query/bool/must");

    assertThat(must).hasSize(4);
    assertThat(must.get(2)).isEqualTo(expectedTagQuery("a", "a", "1"));
    assertThat(must.get(3)).isEqualTo(expectedTagQuery("b", "b", "2"));
  }

  @Test
  void aTracePageSortsByStartThenSpanIdAfterTheCursor() {
    TraceId id = TraceId.parse("5b8efff798038103d269b633813fc60c");

    assertThat(queries.tracePage(id, PageCursor.from(1_734_425_400_000_000L), 0, 0))
        .isEqualTo("{\"query\":{\"bool\":{\"must\":[{\"term\":{\"traceID\":"
            + "\"5b8efff798038103d269b633813fc60c\"}}]}},\"size\":10000,\"sort\":["
            + "{\"startTime\":{\"order\":\"asc\"}},{\"spanID\":{\"order\":\"asc\"}}],"
            + "\"search_after\":[1734425400000000,\"\"],\"track_total_hits\":true}");
  }

  @Test
  void anIdWithLeadingZerosAlsoMatchesItsLegacyUnpaddedForm() throws IOException {
    String page = queries.tracePage(TraceId.parse("00f067aa0ba902b7"),
        new PageCursor(7, "00000000000000ff"), 0, 0);

    assertThat(JSON.readTree(page).at("/query/bool/must/0")).isEqualTo(JSON.readTree(
        "{\"bool\":{\"should\":[{\"term\":{\"traceID\":{\"value\":\"00f067aa0ba902b7\","
            + "\"boost\":2}}},{\"term\":{\"traceID\":\"f067aa0ba902b7\"}}]}}"));
    assertThat(JSON.readTree(page).get("search_after").toString())
        .isEqualTo("[7,\"00000000000000ff\"]");
  }

  @Test
  void legacyIdsDropLeadingZerosOfTheWholeId() {
    assertThat(ReadQueries.legacyTraceId(TraceId.parse("00f067aa0ba902b7")))
        .isEqualTo("f067aa0ba902b7");
    assertThat(ReadQueries.legacyTraceId(TraceId.parse("0af7651916cd43dd0048eb211c80319c")))
        .isEqualTo("af7651916cd43dd0048eb211c80319c");
  }

  @Test
  void withReadAliasesATracePageIsBoundedToADayAroundTheWindow() throws IOException {
    ReadQueries aliases = new ReadQueries(50, "@", true);
    long start = 1_734_429_600_000_000L;

    String page = aliases.tracePage(TraceId.parse("a1"), PageCursor.from(start), start,
        start + 1_000_000);

    assertThat(JSON.readTree(page).at("/query/bool/must/1")).isEqualTo(JSON.readTree(
        "{\"range\":{\"startTimeMillis\":{\"gte\":1734343200000,\"lte\":1734516001000}}}"));
    assertThat(JSON.readTree(page).get("size").asInt()).isEqualTo(50);
  }

  @Test
  void dependenciesSearchATimestampRange() {
    assertThat(queries.dependencies(java.time.Instant.parse("2024-12-16T10:00:00Z"),
        java.time.Instant.parse("2024-12-17T10:00:00.5Z")))
        .isEqualTo("{\"query\":{\"range\":{\"timestamp\":{\"gte\":\"2024-12-16T10:00:00Z\","
            + "\"lte\":\"2024-12-17T10:00:00.500Z\"}}},\"size\":10000}");
  }

  @Test
  void theSearchHeaderNamesTheIndicesAndSkipsMissingOnes() {
    assertThat(ReadQueries.searchHeader(List.of("a-2024-12-17", "a-2024-12-16")))
        .isEqualTo("{\"index\":[\"a-2024-12-17\",\"a-2024-12-16\"],\"ignore_unavailable\":true}");
  }

  /** The should of Jaeger's fixtures, built here from its parts. */
  private static JsonNode expectedTagQuery(String key, String field, String value)
      throws IOException {
    String v = JSON.writeValueAsString(value);
    String k = JSON.writeValueAsString(key);
    StringBuilder should = new StringBuilder();
    for (String object : List.of("tag.", "process.tag.")) {
      should.append("{\"bool\":{\"must\":{\"regexp\":{\"").append(object).append(field)
          .append("\":{\"value\":").append(v).append("}}}}},");
    }
    for (String path : List.of("tags", "process.tags", "logs.fields")) {
      should.append("{\"nested\":{\"path\":\"").append(path).append("\",\"query\":{\"bool\":")
          .append("{\"must\":[{\"match\":{\"").append(path).append(".key\":{\"query\":")
          .append(k).append("}}},{\"regexp\":{\"").append(path).append(".value\":{\"value\":")
          .append(v).append("}}}]}}}},");
    }
    should.setLength(should.length() - 1);
    return JSON.readTree("{\"bool\":{\"should\":[" + should + "]}}");
  }
}
