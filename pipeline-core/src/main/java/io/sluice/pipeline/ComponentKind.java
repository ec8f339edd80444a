package io.sluice.pipeline;

import java.util.Locale;

/** The five sections of a config file, minus connectors, which Sluice does not have yet. */
public enum ComponentKind {
  RECEIVER,
  PROCESSOR,
  EXPORTER,
  EXTENSION;

  /** Returns the lowercase singular word the collector prints, e.g. {@code receiver}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Returns the config section holding this kind, e.g. {@code receivers}. */
  public String section() {
    return label() + "s";
  }
}
