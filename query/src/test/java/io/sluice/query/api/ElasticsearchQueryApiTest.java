package io.sluice.query.api;

import io.sluice.storage.config.SearchFlavor;

/**
 * The query API contract over a real Elasticsearch 8.15.3 node (test-support's shared node),
 * configured under {@code elasticsearch:} (composable index templates): Jaeger answers the same
 * on Elasticsearch as on OpenSearch, so every expectation is OpenSearch's.
 */
class ElasticsearchQueryApiTest extends SearchQueryApiContract {
  @Override
  protected SearchFlavor flavor() {
    return SearchFlavor.ELASTICSEARCH;
  }
}
