package io.sluice.storage.opensearch;

import java.io.IOException;
import java.util.Map;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch.generic.Body;
import org.opensearch.client.opensearch.generic.OpenSearchGenericClient;
import org.opensearch.client.opensearch.generic.Requests;
import org.opensearch.client.opensearch.generic.Response;

/**
 * POSTs pre-rendered NDJSON to {@code /_bulk} through the opensearch-java generic client, so the
 * documents go out byte for byte as rendered, never through a mapper.
 */
final class HttpBulkTransport implements BulkTransport {
  private static final String NDJSON = "application/x-ndjson";

  private final OpenSearchGenericClient client;
  private final String description;

  HttpBulkTransport(OpenSearchClient client, String description) {
    this.client = client.generic();
    this.description = description;
  }

  @Override
  public BulkTransport.Answer post(byte[] ndjson) throws IOException {
    try (Response response = client.execute(Requests.builder()
        .method("POST")
        .endpoint("/_bulk")
        .query(Map.of())
        .body(Body.from(ndjson, NDJSON))
        .build())) {
      byte[] body = response.getBody().map(Body::bodyAsBytes).orElse(new byte[0]);
      return new BulkTransport.Answer(response.getStatus(), body);
    }
  }

  @Override
  public String describe() {
    return description;
  }
}
