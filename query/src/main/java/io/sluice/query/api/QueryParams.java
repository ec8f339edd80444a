package io.sluice.query.api;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * The parameters of a query string, read as Go's {@code url.ParseQuery} reads them: names are
 * case-sensitive, {@code +} is a space, and a pair with a bad escape or a semicolon is left out
 * (Go reports it, and Jaeger's {@code FormValue} ignores the report).
 */
public final class QueryParams {
  private final Map<String, List<String>> values;

  private QueryParams(Map<String, List<String>> values) {
    this.values = values;
  }

  /** Parses a raw query string (without {@code ?}); null or "" gives no parameters. */
  public static QueryParams parse(@Nullable String rawQuery) {
    Map<String, List<String>> values = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return new QueryParams(values);
    }
    for (String pair : rawQuery.split("&", -1)) {
      if (pair.isEmpty() || pair.indexOf(';') >= 0) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      String decodedName;
      String decodedValue;
      try {
        decodedName = unescape(name);
        decodedValue = unescape(value);
      } catch (IllegalArgumentException e) {
        continue; // Go's ParseQuery skips the pair and keeps going.
      }
      values.computeIfAbsent(decodedName, k -> new ArrayList<>(1)).add(decodedValue);
    }
    return new QueryParams(values);
  }

  /** Returns parameters given as alternating names and values, for tests and callers. */
  public static QueryParams of(String... namesAndValues) {
    Map<String, List<String>> values = new LinkedHashMap<>();
    for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
      values.computeIfAbsent(namesAndValues[i], k -> new ArrayList<>(1))
          .add(namesAndValues[i + 1]);
    }
    return new QueryParams(values);
  }

  /** Returns the first value of {@code name}, or "" as Go's {@code FormValue} does. */
  public String first(String name) {
    List<String> list = values.get(name);
    return list == null ? "" : list.get(0);
  }

  /** Returns every value of {@code name} in order; empty when absent. */
  public List<String> all(String name) {
    return values.getOrDefault(name, List.of());
  }

  /** Returns true when {@code name} was given, even with an empty value. */
  public boolean contains(String name) {
    return values.containsKey(name);
  }

  private static String unescape(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }
}
