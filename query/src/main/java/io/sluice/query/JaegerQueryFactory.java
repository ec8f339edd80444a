package io.sluice.query;

import io.sluice.pipeline.CreateSettings;
import io.sluice.pipeline.Extension;
import io.sluice.pipeline.ExtensionFactory;
import io.sluice.pipeline.config.ConfigException;
import io.sluice.pipeline.config.ConfigNode;
import io.sluice.pipeline.config.Fields;
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
    String http = endpoint(fields.node("http"), ":16686");
    String grpc = endpoint(fields.node("grpc"), ":16685");
    String basePath = fields.string("base_path", "");
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
    return new JaegerQueryExtension(settings.id(), config);
  }

  /**
   * Reads a server block's endpoint. The other server keys (TLS, CORS, timeouts...) are
   * accepted but not read, since the query API is not served yet.
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
