package io.sluice.storage.opensearch;

import static io.sluice.storage.config.YamlNodes.map;

/**
 * The reader contract and the Elasticsearch/OpenSearch-only cases against a real Elasticsearch
 * 8.15 node, configured under {@code elasticsearch:} (composable templates, ES 8 answers).
 */
class ElasticsearchTraceReaderTest extends OpenSearchTraceReaderTest {
  @Override
  protected SearchFixture startFixture() {
    return SearchFixture.startElasticsearch(map());
  }
}
