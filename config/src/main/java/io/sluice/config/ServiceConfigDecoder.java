package io.sluice.config;

import static java.util.Objects.requireNonNull;

import io.sluice.pipeline.ComponentFactory;
import io.sluice.pipeline.ComponentId;
import io.sluice.pipeline.ComponentKind;
import io.sluice.pipeline.Factories;
import io.sluice.pipeline.config.ConfigException;
import io.sluice.pipeline.config.ConfigNode;
import io.sluice.pipeline.config.Fields;
import io.sluice.pipeline.service.ServiceConfig;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes a loaded config into a {@link ServiceConfig} and validates it as the collector does
 * (spec §1.1, §1.2, §1.4).
 *
 * <p>Every component defined in {@code receivers}, {@code processors}, {@code exporters} and
 * {@code extensions} is decoded by its factory, even when no pipeline uses it, so a bad config
 * fails startup either way. Then the references of {@code service} are checked. Every problem is
 * a {@link ConfigException} naming the file, the line and the key path.
 */
public final class ServiceConfigDecoder {
  private static final List<ComponentKind> PIPELINE_KINDS =
      List.of(ComponentKind.RECEIVER, ComponentKind.PROCESSOR, ComponentKind.EXPORTER);

  private ServiceConfigDecoder() {}

  /**
   * Returns the decoded and validated service config.
   *
   * @param root the merged, expanded root map from {@link ConfigLoader}
   * @param factories the component types this build knows
   * @throws ConfigException for the first problem found, in the collector's order: unknown
   *     top-level keys, then each section's ids, types and component configs, then
   *     {@code service}, then the rules of §1.4
   */
  public static ServiceConfig decode(ConfigNode root, Factories factories) {
    requireNonNull(root, "root");
    requireNonNull(factories, "factories");
    Fields top = root.fields();
    Map<ComponentKind, ConfigNode> sections = new EnumMap<>(ComponentKind.class);
    PIPELINE_KINDS.forEach(kind -> sections.put(kind, top.node(kind.section())));
    ConfigNode connectors = top.node("connectors");
    sections.put(ComponentKind.EXTENSION, top.node(ComponentKind.EXTENSION.section()));
    ConfigNode service = top.node("service");
    top.finish();

    Map<ComponentKind, Map<ComponentId, Object>> components = new EnumMap<>(ComponentKind.class);
    for (ComponentKind kind : PIPELINE_KINDS) {
      components.put(kind, decodeSection(kind, sections.get(kind), factories));
    }
    rejectConnectors(connectors);
    ComponentKind extension = ComponentKind.EXTENSION;
    components.put(extension, decodeSection(extension, sections.get(extension), factories));
    ServiceSection decoded = ServiceSection.decode(service);

    ConfigValidator.validate(root, sections, components, decoded);
    return new ServiceConfig(
        components, decoded.extensionIds(), decoded.pipelineConfigs(), decoded.telemetry());
  }

  private static Map<ComponentId, Object> decodeSection(
      ComponentKind kind, ConfigNode section, Factories factories) {
    Map<ComponentId, Object> configs = new LinkedHashMap<>();
    for (Map.Entry<String, ConfigNode> e : section.entries().entrySet()) {
      ConfigNode node = e.getValue();
      ComponentId id = ServiceSection.parseId(e.getKey(), node);
      ComponentFactory<?> factory =
          factories.find(kind, id.type()).orElseThrow(() -> unknownType(kind, id, node, factories));
      if (configs.containsKey(id)) {
        throw ConfigException.at(node, "id \"" + id + "\" is defined twice");
      }
      configs.put(id, decodeComponent(factory, id, node));
    }
    return configs;
  }

  private static Object decodeComponent(
      ComponentFactory<?> factory, ComponentId id, ConfigNode node) {
    Object config;
    try {
      config = factory.decodeConfig(node);
    } catch (ConfigException e) {
      throw e;
    } catch (RuntimeException e) {
      throw ConfigException.at(
          node, "error reading configuration for \"" + id + "\": " + e.getMessage());
    }
    if (config == null) {
      throw new IllegalStateException(
          factory.kind().label() + " factory \"" + factory.type() + "\" decoded a null config");
    }
    return config;
  }

  private static ConfigException unknownType(
      ComponentKind kind, ComponentId id, ConfigNode node, Factories factories) {
    if (id.type().equals("logging")) {
      return ConfigException.at(
          node, "the logging exporter has been deprecated, use the debug exporter instead");
    }
    return ConfigException.at(
        node,
        "unknown type: \"" + id.type() + "\" for id: \"" + id + "\" (valid values: ["
            + String.join(" ", factories.types(kind)) + "])");
  }

  private static void rejectConnectors(ConfigNode connectors) {
    for (Map.Entry<String, ConfigNode> e : connectors.entries().entrySet()) {
      throw ConfigException.at(
          e.getValue(),
          "Sluice has no connectors yet: remove connector \"" + e.getKey()
              + "\" and connect pipelines through a shared exporter or receiver");
    }
  }
}
