package io.sluice.pipeline.service;

import static java.util.Objects.requireNonNull;

import io.sluice.pipeline.ComponentId;
import io.sluice.pipeline.ComponentKind;
import io.sluice.pipeline.PipelineId;
import java.util.List;
import java.util.Map;

/**
 * A whole decoded and validated config: every component's typed config, and the
 * {@code service} section that says which of them run.
 *
 * @param components per kind, component id to the config object its factory decoded; includes
 *     defined-but-unused components, which are validated but never started
 * @param extensions {@code service.extensions}, in written order
 * @param pipelines {@code service.pipelines}, in written order
 * @param telemetry {@code service.telemetry}
 */
public record ServiceConfig(
    Map<ComponentKind, Map<ComponentId, Object>> components,
    List<ComponentId> extensions,
    Map<PipelineId, PipelineConfig> pipelines,
    TelemetryConfig telemetry) {
  /** Checks the parts; the maps keep their iteration order. */
  public ServiceConfig {
    requireNonNull(components, "components");
    extensions = List.copyOf(extensions);
    requireNonNull(pipelines, "pipelines");
    requireNonNull(telemetry, "telemetry");
  }

  /** Returns the decoded config of one component; throws if it is not defined. */
  public Object componentConfig(ComponentKind kind, ComponentId id) {
    Object config = components.getOrDefault(kind, Map.of()).get(id);
    if (config == null) {
      throw new IllegalArgumentException(kind.label() + " \"" + id + "\" is not configured");
    }
    return config;
  }
}
