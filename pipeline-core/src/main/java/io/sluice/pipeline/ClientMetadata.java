package io.sluice.pipeline;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The client metadata of a request (HTTP headers or gRPC metadata), as the collector's
 * {@code client.Info.Metadata}: keys are lowercased, each maps to the values in arrival order.
 *
 * <p>A receiver fills it only when {@code include_metadata} is on; otherwise data carries
 * {@link #EMPTY}. The batch processor's {@code metadata_keys} read it to pick a shard.
 *
 * @param values the values by lowercased key; unmodifiable, never null
 */
public record ClientMetadata(Map<String, List<String>> values) {
  /** The metadata of data that carries none. */
  public static final ClientMetadata EMPTY = new ClientMetadata(Map.of());

  /**
   * Copies {@code values}, lowercasing keys; values of keys that differ only in case are joined
   * in iteration order.
   */
  public ClientMetadata {
    requireNonNull(values, "values");
    values = normalize(values);
  }

  /** Returns metadata holding {@code values}, or {@link #EMPTY} when there is none. */
  public static ClientMetadata of(Map<String, List<String>> values) {
    return values.isEmpty() ? EMPTY : new ClientMetadata(values);
  }

  /** Returns the values of {@code key}, looked up case-insensitively; empty when absent. */
  public List<String> get(String key) {
    List<String> found = values.get(key.toLowerCase(Locale.ROOT));
    return found == null ? List.of() : found;
  }

  /** Returns true when there is no key. */
  public boolean isEmpty() {
    return values.isEmpty();
  }

  private static Map<String, List<String>> normalize(Map<String, List<String>> values) {
    if (values.isEmpty()) {
      return Map.of();
    }
    Map<String, List<String>> joined = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> e : values.entrySet()) {
      joined.computeIfAbsent(e.getKey().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
          .addAll(e.getValue());
    }
    Map<String, List<String>> copy = new LinkedHashMap<>();
    joined.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    return Collections.unmodifiableMap(copy);
  }
}
