package io.sluice.storage.opensearch;

import io.sluice.storage.config.ElasticsearchConfig;
import io.sluice.storage.config.IndicesConfig.IndexOptions;
import io.sluice.storage.es.Templates;

/** Where and what to PUT for the span and service templates of a backend (spec §4.4). */
final class TemplateBodies {
  private TemplateBodies() {}

  /** One template request: the endpoint ({@code /_template/<name>} or the ES 8 form) and body. */
  record Template(String endpoint, String body) {}

  /** Returns the span template for the engine's major {@code version}. */
  static Template span(ElasticsearchConfig config, int version) {
    String prefix = config.indices().indexPrefix();
    IndexOptions o = config.indices().spans();
    return new Template(endpoint(version, Templates.spanTemplateName(prefix)),
        Templates.spanTemplate(version, prefix, o.shards(), o.replicas(), o.priority()));
  }

  /** Returns the service template for the engine's major {@code version}. */
  static Template service(ElasticsearchConfig config, int version) {
    String prefix = config.indices().indexPrefix();
    IndexOptions o = config.indices().services();
    return new Template(endpoint(version, Templates.serviceTemplateName(prefix)),
        Templates.serviceTemplate(version, prefix, o.shards(), o.replicas(), o.priority()));
  }

  private static String endpoint(int version, String name) {
    return (Templates.usesIndexTemplate(version) ? "/_index_template/" : "/_template/") + name;
  }
}
