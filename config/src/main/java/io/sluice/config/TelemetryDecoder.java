package io.sluice.config;

import io.sluice.pipeline.config.ConfigException;
import io.sluice.pipeline.config.ConfigNode;
import io.sluice.pipeline.config.Fields;
import io.sluice.pipeline.service.TelemetryConfig;
import io.sluice.pipeline.telemetry.MetricsLevel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes {@code service.telemetry} (spec §5.1) into a {@link TelemetryConfig}, starting from
 * {@link TelemetryConfig#defaults()}.
 *
 * <p>Sluice serves its metrics from one Prometheus endpoint, so of {@code metrics.readers} only
 * the first pull/Prometheus reader is used; the deprecated {@code metrics.address} is used when
 * there are no readers. Log sampling, output paths, initial fields and the development, caller
 * and stack trace switches are accepted and ignored, as is {@code traces}.
 */
final class TelemetryDecoder {
  private static final Logger LOG = LoggerFactory.getLogger(ServiceConfigDecoder.class);

  private static final Set<String> LOG_LEVELS =
      Set.of("debug", "info", "warn", "error", "dpanic", "panic", "fatal");
  private static final Set<String> LOG_ENCODINGS = Set.of("console", "json");
  private static final List<String> IGNORED_LOG_KEYS =
      List.of(
          "sampling",
          "output_paths",
          "error_output_paths",
          "initial_fields",
          "processors");
  private static final List<String> IGNORED_LOG_SWITCHES =
      List.of("development", "disable_caller", "disable_stacktrace");

  private TelemetryDecoder() {}

  /** Returns the telemetry settings; an absent or empty node gives the defaults. */
  static TelemetryConfig decode(ConfigNode telemetry) {
    Fields fields = telemetry.fields();
    ConfigNode metrics = fields.node("metrics");
    ConfigNode logs = fields.node("logs");
    ConfigNode resource = fields.node("resource");
    fields.node("traces");
    fields.finish();

    TelemetryConfig defaults = TelemetryConfig.defaults();
    Fields metricFields = metrics.fields();
    MetricsLevel level = metricsLevel(metricFields.node("level"), defaults.metricsLevel());
    Endpoint endpoint =
        endpoint(
            metricFields.node("readers"),
            metricFields.node("address"),
            new Endpoint(defaults.metricsHost(), defaults.metricsPort()));
    metricFields.finish();

    Fields logFields = logs.fields();
    String logLevel = logLevel(logFields.node("level"), defaults.logLevel());
    String encoding = logEncoding(logFields.node("encoding"), defaults.logEncoding());
    IGNORED_LOG_KEYS.forEach(logFields::node);
    IGNORED_LOG_SWITCHES.forEach(key -> logFields.bool(key, false));
    logFields.finish();

    return new TelemetryConfig(
        level, endpoint.host(), endpoint.port(), resource(resource), logLevel, encoding);
  }

  private record Endpoint(String host, int port) {}

  private static MetricsLevel metricsLevel(ConfigNode node, MetricsLevel defaultLevel) {
    if (node.isEmpty()) {
      return defaultLevel;
    }
    try {
      return MetricsLevel.parse(node.asString());
    } catch (IllegalArgumentException e) {
      throw ConfigException.at(node, e.getMessage());
    }
  }

  private static Endpoint endpoint(ConfigNode readers, ConfigNode address, Endpoint defaults) {
    if (!readers.elements().isEmpty()) {
      return readerEndpoint(readers.elements().get(0));
    }
    if (address.isEmpty()) {
      return defaults;
    }
    Endpoint endpoint = splitHostPort(address);
    LOG.warn(
        "service::telemetry::metrics::address at {} is deprecated in favor of"
            + " service::telemetry::metrics::readers; serving metrics on {}",
        address.location(),
        address.asString());
    return endpoint;
  }

  /** Reads {@code - pull: {exporter: {prometheus: {host: h, port: p}}}}. */
  private static Endpoint readerEndpoint(ConfigNode reader) {
    Fields readerFields = reader.fields();
    ConfigNode pull = readerFields.node("pull");
    ConfigNode periodic = readerFields.node("periodic");
    readerFields.finish();
    if (!pull.isPresent()) {
      throw ConfigException.at(
          periodic.isPresent() ? periodic : reader,
          "Sluice serves internal metrics only through a pull reader with a prometheus exporter");
    }
    Fields pullFields = pull.fields();
    ConfigNode exporter = pullFields.node("exporter");
    pullFields.node("producers");
    pullFields.finish();
    Fields exporterFields = exporter.fields();
    ConfigNode prometheus = exporterFields.node("prometheus");
    exporterFields.finish();
    if (!prometheus.isPresent()) {
      throw ConfigException.at(exporter, "a pull reader needs a prometheus exporter");
    }
    return prometheusEndpoint(prometheus);
  }

  private static Endpoint prometheusEndpoint(ConfigNode prometheus) {
    Fields fields = prometheus.fields();
    ConfigNode host = fields.node("host");
    ConfigNode port = fields.node("port");
    fields.bool("without_units", false);
    fields.bool("without_type_suffix", false);
    fields.bool("without_scope_info", false);
    fields.node("with_resource_constant_labels");
    fields.finish();
    if (host.isEmpty()) {
      throw ConfigException.at(host, "host must be specified");
    }
    if (port.isEmpty()) {
      throw ConfigException.at(port, "port must be specified");
    }
    return new Endpoint(host.asString(), checkPort(port, port.asInt()));
  }

  /** Splits {@code host:port} or {@code [v6]:port} as Go's {@code net.SplitHostPort} does. */
  private static Endpoint splitHostPort(ConfigNode address) {
    String text = address.asString();
    int colon = text.lastIndexOf(':');
    if (colon < 0) {
      throw invalidAddress(address, text, "missing port in address");
    }
    String host = text.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    } else if (host.contains(":") || host.contains("[") || host.contains("]")) {
      throw invalidAddress(address, text, "too many colons in address");
    }
    try {
      return new Endpoint(host, checkPort(address, Integer.parseInt(text.substring(colon + 1))));
    } catch (NumberFormatException e) {
      throw new ConfigException(
          address.location(),
          address.path(),
          "failing to extract the port from the metrics address \"" + text + "\"");
    }
  }

  private static ConfigException invalidAddress(ConfigNode node, String text, String why) {
    return ConfigException.at(
        node, "failing to parse metrics address \"" + text + "\": " + why);
  }

  private static int checkPort(ConfigNode node, int port) {
    if (port < 0 || port > 65535) {
      throw ConfigException.at(node, "port " + port + " is out of range 0-65535");
    }
    return port;
  }

  private static String logLevel(ConfigNode node, String defaultLevel) {
    if (node.isEmpty()) {
      return defaultLevel;
    }
    String level = node.asString().toLowerCase(Locale.ROOT);
    if (!LOG_LEVELS.contains(level)) {
      throw ConfigException.at(
          node,
          "unrecognized level: \"" + node.asString()
              + "\" (expected debug, info, warn, error, dpanic, panic or fatal)");
    }
    return level;
  }

  private static String logEncoding(ConfigNode node, String defaultEncoding) {
    if (node.isEmpty()) {
      return defaultEncoding;
    }
    String encoding = node.asString();
    if (!LOG_ENCODINGS.contains(encoding)) {
      throw ConfigException.at(
          node, "no encoder registered for name \"" + encoding + "\" (expected console or json)");
    }
    return encoding;
  }

  /** Reads the resource map; a key with no value suppresses that attribute. */
  private static Map<String, Optional<String>> resource(ConfigNode resource) {
    Map<String, Optional<String>> attributes = new LinkedHashMap<>();
    resource
        .entries()
        .forEach(
            (key, value) ->
                attributes.put(
                    key, value.isEmpty() ? Optional.empty() : Optional.of(value.asString())));
    return attributes;
  }
}
