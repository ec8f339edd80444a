package io.sluice.query;

import io.sluice.pipeline.CreateSettings;
import io.sluice.pipeline.Extension;
import io.sluice.pipeline.ExtensionFactory;
import io.sluice.pipeline.config.ConfigException;
import io.sluice.pipeline.config.ConfigNode;
import io.sluice.pipeline.config.Fields;
import io.sluice.query.http.ListenAddress;
import java.time.Duration;

/** Makes the {@code jaeger_query} extension and decodes its config. */
public final class JaegerQueryFactory implements ExtensionFactory<JaegerQueryConfig> {
  /** The type name in config files. */
  public static final String TYPE = "jaeger_query";

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public JaegerQueryConfig decodeConfig(ConfigNode node) {
    Fields fields = node.fields();
    ConfigNode storage = fields.node("storage");
    Fields storageFields = storage.fields();
    String traces = storageFields.string("traces", "");
    String archive = storageFields.string("traces_archive", "");
    storageFields.string("metrics", "");
    storageFields.finish();
    String http = httpEndpoint(fields.node("http"));
    String grpc = endpoint(fields.node("grpc"), ":16685");
    String basePath = basePath(fields.node("base_path"), fields.string("base_path", ""));
    acceptUi(fields.node("ui"));
    fields.bool("bearer_token_propagation", false);
    fields.node("multi_tenancy");
    Duration skew = fields.duration("max_clock_skew_adjust", Duration.ZERO);
    fields.bool("enable_tracing", false);
    fields.finish();
    if (traces.isEmpty()) {
      throw ConfigException.at(storage.isPresent() ? storage : node,
          "jaeger_query requires storage.traces: the name of a jaeger_storage backend");
    }
    return new JaegerQueryConfig(traces, archive, http, grpc, basePath, skew);
  }

  @Override
  public Extension create(CreateSettings settings, JaegerQueryConfig config) {
    return new JaegerQueryExtension(settings.id(), config, settings.vertx());
  }

  /** Reads and checks {@code http.endpoint}; default {@code :16686}, every interface. */
  private static String httpEndpoint(ConfigNode http) {
    String endpoint = endpoint(http, ":16686");
    try {
      ListenAddress.parse(endpoint);
    } catch (IllegalArgumentException e) {
      throw ConfigException.at(http.get("endpoint"), e.getMessage());
    }
    return endpoint;
  }

  /**
   * Returns {@code base_path} with {@code /} read as "" (routes at the root), checked as Jaeger
   * checks it: it must start and must not end with a slash.
   */
  private static String basePath(ConfigNode node, String basePath) {
    if (basePath.isEmpty() || basePath.equals("/")) {
      return "";
    }
    if (!basePath.startsWith("/") || basePath.endsWith("/")) {
      throw ConfigException.at(node, "invalid base path '" + basePath
          + "'. Must start but not end with a slash '/', e.g. '/jaeger/ui'");
    }
    if (basePath.contains(":") || basePath.contains("*")) {
      throw ConfigException.at(node, "invalid base path '" + basePath
          + "': ':' and '*' are not supported in base_path");
    }
    return basePath;
  }

  /**
   * Reads a server block's endpoint. The other server keys (TLS, CORS, timeouts...) are
   * accepted but not read: the query server listens on plain HTTP.
   */
  private static String endpoint(ConfigNode server, String defaultEndpoint) {
    if (server.isEmpty()) {
      return defaultEndpoint;
    }
    ConfigNode endpoint = server.get("endpoint");
    return endpoint.isEmpty() ? defaultEndpoint : endpoint.asString();
  }

  private static void acceptUi(ConfigNode ui) {
    Fields fields = ui.fields();
    fields.string("config_file", "");
    fields.string("assets_path", "");
    fields.bool("log_access", false);
    fields.finish();
  }
}
