package io.sluice.storage.model;

import java.util.Locale;

/** The type of a Jaeger tag or log field value, as in the Jaeger IDL {@code ValueType} enum. */
public enum ValueType {
  STRING,
  BOOL,
  INT64,
  FLOAT64,
  BINARY;

  private final String lowerName = name().toLowerCase(Locale.ROOT);

  /** Returns the lowercase name Elasticsearch documents carry in {@code type}, e.g. "int64". */
  public String lowerName() {
    return lowerName;
  }
}
