package io.sluice.storage.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.storage.es.PageCursor;
import io.sluice.storage.es.ReadQueries;
import io.sluice.storage.es.SearchResponses;
import io.sluice.storage.es.SpanDocumentReader;
import io.sluice.storage.model.JaegerSpan;
import io.sluice.storage.read.TraceId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One read of whole traces by id (spec §7.4 phase 2): builds each round's {@code _msearch} (a
 * page of spans per trace still incomplete) and takes in its answer.
 *
 * <p>A trace needs another page while it has fewer spans fetched than its total hits and the
 * last page was not empty; the next page starts after the last span's sort values. Rounds run
 * one after the other (each starts when the previous future completes), so the plain
 * collections need no lock.
 *
 * <p>Nothing caps how many spans a read holds: as in Jaeger, a trace of a million spans, or a
 * search whose traces add up to more than the client's 100 MB answer buffer, costs that much
 * heap or fails the read with the client's error instead of returning part of it.
 */
final class TraceFetch {
  /** The next page to ask for one trace. */
  record Page(TraceId id, PageCursor after, long fetched) {}

  private final ReadQueries queries;
  private final SpanDocumentReader documents;
  private final String header;
  private final long startMicros;
  private final long endMicros;
  private final Map<TraceId, List<JaegerSpan>> spans = new LinkedHashMap<>();

  TraceFetch(ReadQueries queries, SpanDocumentReader documents, List<String> indices,
      long startMicros, long endMicros) {
    this.queries = queries;
    this.documents = documents;
    this.header = ReadQueries.searchHeader(indices);
    this.startMicros = startMicros;
    this.endMicros = endMicros;
  }

  /** Returns the first page of each trace, all starting after {@code first}. */
  List<Page> firstPages(List<TraceId> ids, PageCursor first) {
    List<Page> pages = new ArrayList<>(ids.size());
    for (TraceId id : ids) {
      spans.put(id, new ArrayList<>());
      pages.add(new Page(id, first, 0));
    }
    return pages;
  }

  /** Returns the NDJSON of one round: a header and a body per page, each line ended. */
  String requestLines(List<Page> pages) {
    StringBuilder lines = new StringBuilder(pages.size() * (header.length() + 400));
    for (Page page : pages) {
      lines.append(header).append('\n')
          .append(queries.tracePage(page.id(), page.after(), startMicros, endMicros))
          .append('\n');
    }
    return lines.toString();
  }

  /**
   * Adds the spans of a round's answer and returns the pages still to fetch.
   *
   * @throws IllegalStateException when a search failed or a document cannot be read
   */
  List<Page> absorb(List<Page> pages, JsonNode response) {
    List<JsonNode> items = SearchResponses.items(response, pages.size());
    List<Page> next = new ArrayList<>();
    for (int i = 0; i < pages.size(); i++) {
      Page page = pages.get(i);
      String error = SearchResponses.error(items.get(i));
      if (error != null) {
        throw new IllegalStateException(
            "searching the spans of trace " + page.id().toHex() + " failed: " + error);
      }
      SearchResponses.Hits hits = SearchResponses.hits(items.get(i));
      List<SearchResponses.Hit> found = hits.hits();
      found.forEach(hit -> spans.get(page.id()).add(read(hit)));
      long fetched = page.fetched() + found.size();
      if (!found.isEmpty() && fetched < hits.totalHits()) {
        next.add(new Page(page.id(), cursorAfter(found.get(found.size() - 1)), fetched));
      }
    }
    return next;
  }

  /** Returns the spans of each trace found, in the order the ids were given. */
  List<List<JaegerSpan>> traces() {
    List<List<JaegerSpan>> traces = new ArrayList<>(spans.size());
    spans.values().forEach(trace -> {
      if (!trace.isEmpty()) {
        traces.add(List.copyOf(trace));
      }
    });
    return traces;
  }

  private JaegerSpan read(SearchResponses.Hit hit) {
    try {
      return documents.read(hit.source());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("reading span document " + hit.index() + "/" + hit.id()
          + " failed: " + e.getMessage(), e);
    }
  }

  private static PageCursor cursorAfter(SearchResponses.Hit last) {
    JsonNode sort = last.sort();
    String spanId = sort.path(1).isTextual()
        ? sort.path(1).asText() : last.source().path("spanID").asText();
    return new PageCursor(sort.path(0).asLong(), spanId);
  }
}
