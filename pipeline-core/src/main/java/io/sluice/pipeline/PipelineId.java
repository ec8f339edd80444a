package io.sluice.pipeline;

import static java.util.Objects.requireNonNull;

/**
 * A pipeline's identity: {@code signal} or {@code signal/name}, e.g. {@code traces/storage}.
 *
 * @param signal {@code traces}, {@code metrics} or {@code logs}
 * @param name empty when absent
 */
public record PipelineId(String signal, String name) {
  /** The only signal Sluice carries. */
  public static final String TRACES = "traces";

  /** Checks the parts. */
  public PipelineId {
    requireNonNull(signal, "signal");
    requireNonNull(name, "name");
  }

  /** Parses {@code signal} or {@code signal/name}; the signal is not checked here. */
  public static PipelineId parse(String text) {
    requireNonNull(text, "text");
    int slash = text.indexOf('/');
    if (slash < 0) {
      return new PipelineId(text.trim(), "");
    }
    return new PipelineId(text.substring(0, slash).trim(), text.substring(slash + 1).trim());
  }

  @Override
  public String toString() {
    return name.isEmpty() ? signal : signal + "/" + name;
  }
}
