package io.sluice.config;

import io.sluice.pipeline.ComponentId;
import io.sluice.pipeline.ComponentKind;
import io.sluice.pipeline.PipelineId;
import io.sluice.pipeline.config.ConfigException;
import io.sluice.pipeline.config.ConfigNode;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks the whole-config rules of spec §1.4, in the collector's order and with its wording.
 *
 * <p>A problem about something missing is located at the node that should hold it (an absent
 * key is located at its parent); a bad reference is located where it was written.
 */
final class ConfigValidator {
  private static final String PIPELINES_PATH = "service::pipelines";

  private ConfigValidator() {}

  static void validate(
      ConfigNode root,
      Map<ComponentKind, ConfigNode> sections,
      Map<ComponentKind, Map<ComponentId, Object>> components,
      ServiceSection service) {
    if (components.values().stream().allMatch(Map::isEmpty)) {
      throw ConfigException.at(root, "empty configuration file");
    }
    if (components.get(ComponentKind.RECEIVER).isEmpty()) {
      throw ConfigException.at(
          sections.get(ComponentKind.RECEIVER), "no receiver configuration specified in config");
    }
    if (components.get(ComponentKind.EXPORTER).isEmpty()) {
      throw ConfigException.at(
          sections.get(ComponentKind.EXPORTER), "no exporter configuration specified in config");
    }
    validatePipelines(service);
    checkExtensionReferences(service, components.get(ComponentKind.EXTENSION));
    for (ServiceSection.Pipeline pipeline : service.pipelines()) {
      checkReferences(pipeline, ComponentKind.RECEIVER, pipeline.receivers(), components);
      checkReferences(pipeline, ComponentKind.PROCESSOR, pipeline.processors(), components);
      checkReferences(pipeline, ComponentKind.EXPORTER, pipeline.exporters(), components);
    }
  }

  private static void validatePipelines(ServiceSection service) {
    if (service.pipelines().isEmpty()) {
      throw ConfigException.at(service.pipelinesNode(), "service must have at least one pipeline");
    }
    for (ServiceSection.Pipeline pipeline : service.pipelines()) {
      checkSignal(pipeline);
      if (pipeline.receivers().isEmpty()) {
        throw pipelineError(pipeline.receiversNode(), pipeline, "must have at least one receiver");
      }
      if (pipeline.exporters().isEmpty()) {
        throw pipelineError(pipeline.exportersNode(), pipeline, "must have at least one exporter");
      }
      Set<ComponentId> processors = new HashSet<>();
      for (ServiceSection.Ref ref : pipeline.processors()) {
        if (!processors.add(ref.id())) {
          throw pipelineError(
              ref.node(), pipeline, "references processor \"" + ref.id() + "\" multiple times");
        }
      }
    }
  }

  private static void checkSignal(ServiceSection.Pipeline pipeline) {
    String signal = pipeline.id().signal();
    if (signal.equals(PipelineId.TRACES)) {
      return;
    }
    if (signal.equals("metrics") || signal.equals("logs")) {
      throw pipelineError(
          pipeline.node(),
          pipeline,
          "Sluice carries traces only; remove this " + signal + " pipeline or send " + signal
              + " to an OpenTelemetry Collector");
    }
    throw pipelineError(pipeline.node(), pipeline, "unknown signal \"" + signal + "\"");
  }

  private static ConfigException pipelineError(
      ConfigNode at, ServiceSection.Pipeline pipeline, String problem) {
    return new ConfigException(
        at.location(), PIPELINES_PATH, "pipeline \"" + pipeline.id() + "\": " + problem);
  }

  private static void checkExtensionReferences(
      ServiceSection service, Map<ComponentId, Object> extensions) {
    for (ServiceSection.Ref ref : service.extensions()) {
      if (!extensions.containsKey(ref.id())) {
        throw new ConfigException(
            ref.node().location(),
            "service::extensions",
            "references extension \"" + ref.id() + "\" which is not configured");
      }
    }
  }

  private static void checkReferences(
      ServiceSection.Pipeline pipeline,
      ComponentKind kind,
      List<ServiceSection.Ref> refs,
      Map<ComponentKind, Map<ComponentId, Object>> components) {
    for (ServiceSection.Ref ref : refs) {
      if (!components.get(kind).containsKey(ref.id())) {
        throw new ConfigException(
            ref.node().location(),
            PIPELINES_PATH + "::" + pipeline.id(),
            "references " + kind.label() + " \"" + ref.id() + "\" which is not configured");
      }
    }
  }
}
