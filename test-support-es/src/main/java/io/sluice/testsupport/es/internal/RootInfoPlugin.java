package io.sluice.testsupport.es.internal;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.elasticsearch.cluster.metadata.IndexNameExpressionResolver;
import org.elasticsearch.cluster.node.DiscoveryNodes;
import org.elasticsearch.cluster.service.ClusterService;
import org.elasticsearch.common.io.stream.NamedWriteableRegistry;
import org.elasticsearch.common.settings.ClusterSettings;
import org.elasticsearch.common.settings.IndexScopedSettings;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.common.settings.SettingsFilter;
import org.elasticsearch.features.NodeFeature;
import org.elasticsearch.plugins.ActionPlugin;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.rest.RestController;
import org.elasticsearch.rest.RestHandler;

/**
 * Serves {@code GET /} and {@code HEAD /} as an Elasticsearch 8 distribution does. In 8.x that
 * endpoint lives in the {@code rest-root} module, which is not published as a Maven artifact,
 * so a node started from Maven artifacts has no {@code /} without this plugin; clients use it to
 * detect the version (Sluice's storage does, unless {@code version:} is set).
 */
public final class RootInfoPlugin extends Plugin implements ActionPlugin {
  private final AtomicReference<ClusterService> clusterService = new AtomicReference<>();

  /** Creates the plugin; the node instantiates it from the classpath. */
  public RootInfoPlugin() {}

  @Override
  public Collection<?> createComponents(PluginServices services) {
    clusterService.set(services.clusterService());
    return List.of();
  }

  @Override
  public Collection<RestHandler> getRestHandlers(Settings settings,
      NamedWriteableRegistry namedWriteableRegistry, RestController restController,
      ClusterSettings clusterSettings, IndexScopedSettings indexScopedSettings,
      SettingsFilter settingsFilter, IndexNameExpressionResolver indexNameExpressionResolver,
      Supplier<DiscoveryNodes> nodesInCluster, Predicate<NodeFeature> clusterSupportsFeature) {
    return List.of(new RootInfoAction(clusterService::get));
  }
}
