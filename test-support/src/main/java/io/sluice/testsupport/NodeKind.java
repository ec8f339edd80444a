package io.sluice.testsupport;

import io.sluice.testsupport.es.ElasticsearchChildJvm;
import io.sluice.testsupport.internal.OpenSearchNodeMain;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * What differs between the search engines that {@link NodeProcess} runs in a child JVM: names for
 * messages and files, the child's main class and ready line, its JVM options and its classpath.
 *
 * @param engine the engine's name in messages, e.g. "OpenSearch"
 * @param launcher the public class that starts such nodes, for messages
 * @param dirProperty the system property that overrides where nodes' files go
 * @param dirName the directory under {@code target/} used otherwise
 * @param mainClass the child's main class, by name so that it is never loaded here
 * @param readyMarker the prefix of the line the child prints with its bound HTTP address
 * @param jvmOptions the child JVM's options
 * @param classpath computes the child's classpath
 */
record NodeKind(String engine, String launcher, String dirProperty, String dirName,
    String mainClass, String readyMarker, List<String> jvmOptions, Supplier<String> classpath) {

  private static final List<String> COMMON_JVM_OPTIONS = List.of(
      "-XX:+UseG1GC",
      "-XX:-OmitStackTraceInFastThrow",
      "-Dfile.encoding=UTF-8",
      "-Djava.awt.headless=true",
      // Both engines (OpenSearch 2.x, Elasticsearch up to 8.15) format dates with the COMPAT
      // locale data, as their own jvm.options say.
      "-Djava.locale.providers=SPI,COMPAT",
      // The node main shuts log4j down itself, after the node has logged its close.
      "-Dlog4j.shutdownHookEnabled=false",
      "-Dlog4j2.disable.jmx=true",
      "-Dio.netty.noUnsafe=true",
      "-Dio.netty.noKeySetOptimization=true",
      "-Dio.netty.recycler.maxCapacityPerThread=0");

  /** OpenSearch 2.19.6, with its jars from test-support's own build. */
  static final NodeKind OPENSEARCH = new NodeKind("OpenSearch", "OpenSearchNode",
      OpenSearchNode.BASE_DIR_PROPERTY, "opensearch",
      "io.sluice.testsupport.internal.OpenSearchNodeMain",
      // A compile-time constant, so reading it never loads the OpenSearch-linked main class.
      OpenSearchNodeMain.READY_MARKER,
      jvmOptions("-Xms512m", "-Xmx1g"),
      NodeKind::openSearchClasspath);

  /**
   * Elasticsearch 8.15.3, with its main class and jars from test-support-es. The names are
   * constants inlined at compile time and the classpath is a lambda, not a method reference, so
   * that OpenSearch users need no test-support-es jar (bench's seed table runs without one).
   */
  static final NodeKind ELASTICSEARCH = new NodeKind("Elasticsearch", "ElasticsearchNode",
      ElasticsearchNode.BASE_DIR_PROPERTY, "elasticsearch",
      ElasticsearchChildJvm.MAIN_CLASS,
      ElasticsearchChildJvm.READY_MARKER,
      jvmOptions("-Xms512m", "-Xmx512m"),
      () -> ElasticsearchChildJvm.classpath());

  private static final String OPENSEARCH_CLASSPATH_RESOURCE = "opensearch.classpath";

  private static List<String> jvmOptions(String... heap) {
    return Stream.concat(Stream.of(heap), COMMON_JVM_OPTIONS.stream()).toList();
  }

  private static String openSearchClasspath() {
    try (InputStream in =
        OpenSearchNode.class.getResourceAsStream(OPENSEARCH_CLASSPATH_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("resource io/sluice/testsupport/"
            + OPENSEARCH_CLASSPATH_RESOURCE
            + " is missing; build test-support with Maven so the dependency plugin writes it");
      }
      String dependencies = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
      return ownLocation() + File.pathSeparator + dependencies;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String ownLocation() {
    try {
      return Path.of(OpenSearchNode.class.getProtectionDomain().getCodeSource().getLocation()
          .toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot locate test-support classes", e);
    }
  }
}
