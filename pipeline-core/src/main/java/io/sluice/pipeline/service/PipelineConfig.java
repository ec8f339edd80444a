package io.sluice.pipeline.service;

import static java.util.Objects.requireNonNull;

import io.sluice.pipeline.ComponentId;
import io.sluice.pipeline.PipelineId;
import java.util.List;

/**
 * One entry of {@code service.pipelines}: the ids of its components, in written order.
 *
 * @param id the pipeline id, e.g. {@code traces} or {@code traces/storage}
 * @param receivers at least one
 * @param processors in order, each at most once
 * @param exporters at least one
 */
public record PipelineConfig(
    PipelineId id,
    List<ComponentId> receivers,
    List<ComponentId> processors,
    List<ComponentId> exporters) {
  /** Copies the lists. */
  public PipelineConfig {
    requireNonNull(id, "id");
    receivers = List.copyOf(receivers);
    processors = List.copyOf(processors);
    exporters = List.copyOf(exporters);
  }
}
