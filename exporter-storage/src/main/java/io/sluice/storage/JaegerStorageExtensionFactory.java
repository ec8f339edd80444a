package io.sluice.storage;

import io.sluice.pipeline.CreateSettings;
import io.sluice.pipeline.Extension;
import io.sluice.pipeline.ExtensionFactory;
import io.sluice.pipeline.config.ConfigNode;
import io.sluice.storage.config.JaegerStorageConfig;

/** Makes the {@code jaeger_storage} extension and decodes its {@code backends}. */
public final class JaegerStorageExtensionFactory implements ExtensionFactory<JaegerStorageConfig> {
  /** The type name written in config files. */
  public static final String TYPE = "jaeger_storage";

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public JaegerStorageConfig decodeConfig(ConfigNode node) {
    return JaegerStorageConfig.decode(node);
  }

  @Override
  public Extension create(CreateSettings settings, JaegerStorageConfig config) {
    return new JaegerStorageExtension(settings, config);
  }
}
