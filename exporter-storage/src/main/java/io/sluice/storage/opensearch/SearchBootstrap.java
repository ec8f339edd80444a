package io.sluice.storage.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.storage.config.ElasticsearchConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch.generic.Body;
import org.opensearch.client.opensearch.generic.OpenSearchGenericClient;
import org.opensearch.client.opensearch.generic.Requests;
import org.opensearch.client.opensearch.generic.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a search backend does before its first write (spec §4.4, §5 "Startup"): detect the
 * engine's major version with {@code GET /} unless {@code version} is set, then PUT the span and
 * service templates when {@code create_mappings} is on and ILM is off.
 */
final class SearchBootstrap {
  private static final Logger log = LoggerFactory.getLogger(SearchBootstrap.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String storageName;
  private final ElasticsearchConfig config;
  private final OpenSearchGenericClient client;

  SearchBootstrap(String storageName, ElasticsearchConfig config, OpenSearchClient client) {
    this.storageName = storageName;
    this.config = config;
    this.client = client.generic();
  }

  /** Runs detection and template creation; returns the major version used for mappings. */
  int run() throws IOException {
    int version = config.version() != 0 ? config.version() : detectVersion();
    if (config.createMappings() && !config.useIlm()) {
      putTemplates(version);
    }
    return version;
  }

  private int detectVersion() throws IOException {
    JsonNode root = JSON.readTree(call("GET", "/", null));
    JsonNode v = root.path("version");
    String number = v.path("number").asText("");
    int major = parseMajor(number);
    if ("opensearch".equals(v.path("distribution").asText(""))) {
      log.info("jaeger_storage '{}': OpenSearch {}.x detected, using ES 7.x index mappings",
          storageName, major);
      return 7;
    }
    log.info("jaeger_storage '{}': Elasticsearch detected, version {}", storageName, major);
    if (major < 7) {
      throw new IOException("Elasticsearch " + number + " is not supported; Sluice needs 7 or"
          + " later (set version: to override detection)");
    }
    return Math.min(major, 8);
  }

  private void putTemplates(int version) throws IOException {
    TemplateBodies.Template span = TemplateBodies.span(config, version);
    TemplateBodies.Template service = TemplateBodies.service(config, version);
    call("PUT", span.endpoint(), span.body());
    call("PUT", service.endpoint(), service.body());
    log.info("jaeger_storage '{}': templates {} and {} are in place", storageName,
        span.endpoint(), service.endpoint());
  }

  private byte[] call(String method, String endpoint, String body) throws IOException {
    Requests.JsonBodyBuilder request = Requests.builder().method(method).endpoint(endpoint);
    if (body != null) {
      request.body(Body.from(body.getBytes(StandardCharsets.UTF_8), "application/json"));
    }
    try (Response response = client.execute(request.build())) {
      byte[] answer = response.getBody().map(Body::bodyAsBytes).orElse(new byte[0]);
      if (response.getStatus() / 100 != 2) {
        throw new IOException(method + " " + endpoint + " answered HTTP " + response.getStatus()
            + ": " + abbreviate(new String(answer, StandardCharsets.UTF_8)));
      }
      return answer;
    }
  }

  private static int parseMajor(String number) throws IOException {
    int dot = number.indexOf('.');
    try {
      return Integer.parseInt(dot < 0 ? number : number.substring(0, dot));
    } catch (NumberFormatException e) {
      throw new IOException("GET / has no version.number, got \"" + number + "\"", e);
    }
  }

  private static String abbreviate(String text) {
    return text.length() <= 300 ? text : text.substring(0, 300) + "…";
  }
}
