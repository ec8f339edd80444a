package io.sluice.storage.es;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.storage.read.DependencyLink;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.Nullable;

/**
 * Reads the parts of Elasticsearch/OpenSearch search answers that the trace reader needs:
 * terms-aggregation keys, hits with their total and sort values, {@code _msearch} items,
 * dependency documents and error objects. Failures are {@link IllegalArgumentException}s whose
 * message says what was missing.
 */
public final class SearchResponses {
  /**
   * One hit of a search.
   *
   * @param index the {@code _index}
   * @param id the {@code _id}
   * @param source the document
   * @param sort the sort values; empty when the search was not sorted
   */
  public record Hit(String index, String id, JsonNode source, JsonNode sort) {}

  /**
   * The hits of one search.
   *
   * @param totalHits how many documents matched, over every page
   * @param hits this page's hits, in sort order
   */
  public record Hits(long totalHits, List<Hit> hits) {}

  private SearchResponses() {}

  /**
   * Returns the keys of the buckets of the terms aggregation {@code name}, in bucket order;
   * empty when the answer has no aggregations at all (no index matched).
   */
  public static List<String> bucketKeys(JsonNode response, String name) {
    JsonNode aggregations = response.path("aggregations");
    if (aggregations.isMissingNode()) {
      return List.of();
    }
    JsonNode buckets = aggregations.path(name).path("buckets");
    if (!buckets.isArray()) {
      throw new IllegalArgumentException("could not find aggregation of " + name);
    }
    List<String> keys = new ArrayList<>(buckets.size());
    for (JsonNode bucket : buckets) {
      if (!bucket.path("key").isTextual()) {
        throw new IllegalArgumentException("non-string key found in aggregation " + name
            + ": " + bucket.path("key"));
      }
      keys.add(bucket.path("key").asText());
    }
    return keys;
  }

  /** Returns the hits of a search answer (or of one {@code _msearch} item). */
  public static Hits hits(JsonNode response) {
    JsonNode hits = response.path("hits");
    JsonNode total = hits.path("total");
    long totalHits = total.isNumber() ? total.asLong() : total.path("value").asLong();
    List<Hit> out = new ArrayList<>(hits.path("hits").size());
    for (JsonNode hit : hits.path("hits")) {
      out.add(new Hit(hit.path("_index").asText(), hit.path("_id").asText(),
          hit.path("_source"), hit.path("sort")));
    }
    return new Hits(totalHits, out);
  }

  /** Returns the item answers of an {@code _msearch}, one per sub-search, in order. */
  public static List<JsonNode> items(JsonNode response, int expected) {
    JsonNode responses = response.path("responses");
    if (!responses.isArray() || responses.size() != expected) {
      throw new IllegalArgumentException("_msearch answered " + responses.size()
          + " responses to " + expected + " searches");
    }
    List<JsonNode> items = new ArrayList<>(expected);
    responses.forEach(items::add);
    return items;
  }

  /**
   * Returns the links of every dependencies document among the hits, in hit order.
   *
   * @throws IllegalArgumentException naming the document when a link is malformed
   */
  public static List<DependencyLink> dependencyLinks(Hits hits) {
    List<DependencyLink> links = new ArrayList<>();
    for (Hit hit : hits.hits()) {
      for (JsonNode link : hit.source().path("dependencies")) {
        JsonNode calls = link.path("callCount");
        if (!link.path("parent").isTextual() || !link.path("child").isTextual()
            || !calls.canConvertToLong() || calls.asLong() < 0) {
          throw new IllegalArgumentException("unmarshalling dependencies document " + hit.index()
              + "/" + hit.id() + " failed: malformed link " + link);
        }
        links.add(new DependencyLink(
            link.path("parent").asText(), link.path("child").asText(), calls.asLong()));
      }
    }
    return links;
  }

  /**
   * Returns a one-line description of an {@code error} object ({@code type: reason}, with the
   * first root cause when it differs), or null when the answer has none.
   */
  @Nullable
  public static String error(JsonNode response) {
    JsonNode error = response.path("error");
    if (error.isMissingNode() || error.isNull()) {
      return null;
    }
    if (error.isTextual()) {
      return error.asText();
    }
    String text = error.path("type").asText() + ": " + error.path("reason").asText();
    JsonNode root = error.path("root_cause").path(0);
    String rootText = root.path("type").asText() + ": " + root.path("reason").asText();
    return root.isMissingNode() || rootText.equals(text) ? text : text + " (" + rootText + ")";
  }
}
