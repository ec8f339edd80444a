package io.sluice.config;

import io.sluice.pipeline.ComponentFactory;
import io.sluice.pipeline.ComponentKind;
import io.sluice.pipeline.CreateSettings;
import io.sluice.pipeline.Exporter;
import io.sluice.pipeline.ExporterFactory;
import io.sluice.pipeline.Extension;
import io.sluice.pipeline.ExtensionFactory;
import io.sluice.pipeline.Factories;
import io.sluice.pipeline.Processor;
import io.sluice.pipeline.ProcessorFactory;
import io.sluice.pipeline.Receiver;
import io.sluice.pipeline.ReceiverFactory;
import io.sluice.pipeline.TracesConsumer;
import io.sluice.pipeline.config.ConfigNode;
import io.sluice.pipeline.config.Fields;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Small factories standing in for the real components, which live in other modules: each reads
 * a fixed set of keys and rejects any other, as a real factory's {@code decodeConfig} does.
 */
final class TestFactories {
  private TestFactories() {}

  /** The keys a test component read, with their nodes; absent keys are left out. */
  record TestConfig(String type, Map<String, ConfigNode> values) {
    /** Returns the node under a top-level key. */
    ConfigNode get(String key) {
      return values.get(key);
    }
  }

  /** Returns the component types of the Jaeger fixture, plus a few more to choose from. */
  static Factories jaeger() {
    return Factories.of(
        List.of(
            new TestReceiverFactory("otlp", "protocols"),
            new TestReceiverFactory("jaeger", "protocols"),
            new TestProcessorFactory("batch", "timeout", "send_batch_size"),
            new TestProcessorFactory("memory_limiter", "check_interval", "limit_mib"),
            new TestExporterFactory("jaeger_storage_exporter", "trace_storage"),
            new TestExporterFactory("debug", "verbosity"),
            new TestExtensionFactory("jaeger_storage", "backends"),
            new TestExtensionFactory("jaeger_query", "storage", "http", "grpc"),
            new TestExtensionFactory("healthcheckv2", "use_v2", "http", "grpc")));
  }

  private static TestConfig read(String type, ConfigNode node, String... keys) {
    Fields fields = node.fields();
    Map<String, ConfigNode> values = new LinkedHashMap<>();
    for (String key : keys) {
      ConfigNode value = fields.node(key);
      if (value.isPresent()) {
        values.put(key, value);
      }
    }
    fields.finish();
    return new TestConfig(type, values);
  }

  private abstract static class KeyReader implements ComponentFactory<TestConfig> {
    private final String type;
    private final String[] keys;

    KeyReader(String type, String... keys) {
      this.type = type;
      this.keys = keys;
    }

    @Override
    public String type() {
      return type;
    }

    @Override
    public TestConfig decodeConfig(ConfigNode node) {
      return read(type, node, keys);
    }
  }

  private static final class TestReceiverFactory extends KeyReader
      implements ReceiverFactory<TestConfig> {
    TestReceiverFactory(String type, String... keys) {
      super(type, keys);
    }

    @Override
    public ComponentKind kind() {
      return ComponentKind.RECEIVER;
    }

    @Override
    public Receiver createTraces(CreateSettings s, TestConfig c, TracesConsumer next) {
      throw new UnsupportedOperationException("test factory");
    }
  }

  private static final class TestProcessorFactory extends KeyReader
      implements ProcessorFactory<TestConfig> {
    TestProcessorFactory(String type, String... keys) {
      super(type, keys);
    }

    @Override
    public ComponentKind kind() {
      return ComponentKind.PROCESSOR;
    }

    @Override
    public Processor createTraces(CreateSettings s, TestConfig c, TracesConsumer next) {
      throw new UnsupportedOperationException("test factory");
    }
  }

  private static final class TestExporterFactory extends KeyReader
      implements ExporterFactory<TestConfig> {
    TestExporterFactory(String type, String... keys) {
      super(type, keys);
    }

    @Override
    public ComponentKind kind() {
      return ComponentKind.EXPORTER;
    }

    @Override
    public Exporter createTraces(CreateSettings s, TestConfig c) {
      throw new UnsupportedOperationException("test factory");
    }
  }

  private static final class TestExtensionFactory extends KeyReader
      implements ExtensionFactory<TestConfig> {
    TestExtensionFactory(String type, String... keys) {
      super(type, keys);
    }

    @Override
    public ComponentKind kind() {
      return ComponentKind.EXTENSION;
    }

    @Override
    public Extension create(CreateSettings s, TestConfig c) {
      throw new UnsupportedOperationException("test factory");
    }
  }
}
