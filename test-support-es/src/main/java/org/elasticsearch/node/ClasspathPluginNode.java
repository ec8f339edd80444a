package org.elasticsearch.node;

import java.util.Collection;
import java.util.List;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.plugins.MockPluginsService;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.plugins.PluginsService;

/**
 * A node whose plugins are classes on the classpath rather than bundles under a plugins
 * directory, with every service real.
 *
 * <p>It sits in Elasticsearch's own package because the hooks it needs, {@link Node}'s
 * construction and {@link NodeServiceProvider}, are package-private. The test framework's
 * {@code MockNode} uses the same hooks, but its constructors call {@code ESTestCase}, which drags
 * in randomizedtesting and Lucene's test framework; this class only borrows
 * {@link MockPluginsService}, which needs neither.
 */
public final class ClasspathPluginNode extends Node {
  /** Builds (but does not start) a node on {@code environment} with {@code plugins}. */
  public ClasspathPluginNode(Environment environment,
      Collection<Class<? extends Plugin>> plugins) {
    super(NodeConstruction.prepareConstruction(
        environment, new ClasspathPlugins(List.copyOf(plugins)), true));
  }

  /** Hands the node a plugins service built from plugin classes. */
  private static final class ClasspathPlugins extends NodeServiceProvider {
    private final List<Class<? extends Plugin>> plugins;

    ClasspathPlugins(List<Class<? extends Plugin>> plugins) {
      this.plugins = plugins;
    }

    @Override
    PluginsService newPluginService(Environment environment, Settings settings) {
      return new MockPluginsService(settings, environment, plugins);
    }
  }
}
