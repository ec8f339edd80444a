package io.sluice.storage.opensearch;

import io.sluice.storage.config.ElasticsearchConfig;
import io.sluice.storage.es.IndexNames;

/** Picks the index a span's documents are written to: dated indices, or the write aliases. */
interface IndexNamer {
  /** Returns the span index for a span starting at {@code startTimeNanos}. */
  String spanIndex(long startTimeNanos);

  /** Returns the service index for a span starting at {@code startTimeNanos}. */
  String serviceIndex(long startTimeNanos);

  /**
   * Returns the namer for {@code config}: {@code <prefix->jaeger-span-write} and
   * {@code …-service-write} with {@code use_aliases} (spec §4.3), else dated names (§4.2).
   */
  static IndexNamer of(ElasticsearchConfig config) {
    String prefix = config.indices().indexPrefix();
    if (config.useAliases()) {
      String spans = IndexNames.prefixed(prefix, "jaeger-span-write");
      String services = IndexNames.prefixed(prefix, "jaeger-service-write");
      return new IndexNamer() {
        @Override
        public String spanIndex(long startTimeNanos) {
          return spans;
        }

        @Override
        public String serviceIndex(long startTimeNanos) {
          return services;
        }
      };
    }
    IndexNames names = new IndexNames(prefix, config.indices().spans().dateLayout(),
        config.indices().services().dateLayout());
    return new IndexNamer() {
      @Override
      public String spanIndex(long startTimeNanos) {
        return names.spanIndex(startTimeNanos);
      }

      @Override
      public String serviceIndex(long startTimeNanos) {
        return names.serviceIndex(startTimeNanos);
      }
    };
  }
}
