package io.sluice.config;

import io.sluice.pipeline.ComponentId;
import io.sluice.pipeline.PipelineId;
import io.sluice.pipeline.config.ConfigException;
import io.sluice.pipeline.config.ConfigNode;
import io.sluice.pipeline.config.Fields;
import io.sluice.pipeline.service.PipelineConfig;
import io.sluice.pipeline.service.TelemetryConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The decoded {@code service} section, with the node of every id kept so that validation can
 * say where a reference was written.
 */
record ServiceSection(
    ConfigNode extensionsNode,
    List<Ref> extensions,
    ConfigNode pipelinesNode,
    List<Pipeline> pipelines,
    TelemetryConfig telemetry) {

  /** One component id as written in a list, and where. */
  record Ref(ComponentId id, ConfigNode node) {}

  /** One entry of {@code service.pipelines}, and where each part was written. */
  record Pipeline(
      PipelineId id,
      ConfigNode node,
      ConfigNode receiversNode,
      List<Ref> receivers,
      List<Ref> processors,
      ConfigNode exportersNode,
      List<Ref> exporters) {

    PipelineConfig toConfig() {
      return new PipelineConfig(id, ids(receivers), ids(processors), ids(exporters));
    }
  }

  /** Decodes {@code service}; rejects unknown keys and malformed ids, but checks no references. */
  static ServiceSection decode(ConfigNode service) {
    Fields fields = service.fields();
    ConfigNode extensions = fields.node("extensions");
    ConfigNode pipelines = fields.node("pipelines");
    ConfigNode telemetry = fields.node("telemetry");
    fields.finish();
    return new ServiceSection(
        extensions,
        refs(extensions),
        pipelines,
        decodePipelines(pipelines),
        TelemetryDecoder.decode(telemetry));
  }

  /** Returns {@code service.extensions} without repeats, in written order. */
  List<ComponentId> extensionIds() {
    return ids(extensions).stream().distinct().toList();
  }

  /** Returns the pipelines in written order. */
  Map<PipelineId, PipelineConfig> pipelineConfigs() {
    Map<PipelineId, PipelineConfig> configs = new LinkedHashMap<>();
    pipelines.forEach(p -> configs.put(p.id(), p.toConfig()));
    return configs;
  }

  private static List<Pipeline> decodePipelines(ConfigNode pipelines) {
    List<Pipeline> decoded = new ArrayList<>();
    Map<PipelineId, ConfigNode> seen = new LinkedHashMap<>();
    for (Map.Entry<String, ConfigNode> e : pipelines.entries().entrySet()) {
      ConfigNode node = e.getValue();
      PipelineId id = parsePipelineId(e.getKey(), node);
      if (seen.put(id, node) != null) {
        throw ConfigException.at(node, "pipeline \"" + id + "\" is defined twice");
      }
      decoded.add(decodePipeline(id, node));
    }
    return decoded;
  }

  private static Pipeline decodePipeline(PipelineId id, ConfigNode node) {
    Fields fields = node.fields();
    ConfigNode receivers = fields.node("receivers");
    ConfigNode processors = fields.node("processors");
    ConfigNode exporters = fields.node("exporters");
    fields.finish();
    return new Pipeline(
        id, node, receivers, refs(receivers), refs(processors), exporters, refs(exporters));
  }

  private static PipelineId parsePipelineId(String text, ConfigNode node) {
    int slash = text.indexOf('/');
    if (text.isBlank()) {
      throw ConfigException.at(node, "id must not be empty");
    }
    if (slash >= 0 && text.substring(0, slash).isBlank()) {
      throw ConfigException.at(
          node, "in \"" + text + "\" id: the part before / should not be empty");
    }
    if (slash >= 0 && text.substring(slash + 1).isBlank()) {
      throw ConfigException.at(
          node, "in \"" + text + "\" id: the part after / should not be empty");
    }
    return PipelineId.parse(text);
  }

  /**
   * Reads a list of component ids: a YAML list, or one string split on {@code ,} as the
   * collector does for lists.
   */
  private static List<Ref> refs(ConfigNode node) {
    List<Ref> refs = new ArrayList<>();
    if (node.kind() == ConfigNode.Kind.SCALAR) {
      for (String part : node.asString().split(",", -1)) {
        refs.add(new Ref(parseId(part.trim(), node), node));
      }
      return refs;
    }
    if (node.kind() == ConfigNode.Kind.MAP) {
      throw ConfigException.at(node, "expected a list of component ids, got a map");
    }
    for (ConfigNode element : node.elements()) {
      refs.add(new Ref(parseId(element.asString(), element), element));
    }
    return refs;
  }

  /** Parses a component id, locating a malformed one at {@code node}. */
  static ComponentId parseId(String text, ConfigNode node) {
    try {
      return ComponentId.parse(text);
    } catch (IllegalArgumentException e) {
      throw ConfigException.at(node, e.getMessage());
    }
  }

  private static List<ComponentId> ids(List<Ref> refs) {
    return refs.stream().map(Ref::id).toList();
  }
}
