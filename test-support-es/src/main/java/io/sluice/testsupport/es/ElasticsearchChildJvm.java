package io.sluice.testsupport.es;

import io.sluice.testsupport.es.internal.ElasticsearchNodeMain;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * What a launcher needs to spawn the Elasticsearch child JVM: its main class, the line it prints
 * when ready, and its classpath. This class links no Elasticsearch class, so it is safe to load
 * in the JVM under test; only the child loads {@link ElasticsearchNodeMain}.
 */
public final class ElasticsearchChildJvm {
  /** The child's main class, by name so that it is never loaded here. */
  public static final String MAIN_CLASS = "io.sluice.testsupport.es.internal.ElasticsearchNodeMain";
  /** The prefix of the line announcing the HTTP address (a constant, inlined at compile time). */
  public static final String READY_MARKER = ElasticsearchNodeMain.READY_MARKER;

  private static final String CLASSPATH_RESOURCE = "elasticsearch.classpath";

  private ElasticsearchChildJvm() {}

  /**
   * Returns the child's classpath: this module's classes, then the Elasticsearch 8.15.3 jars the
   * build recorded in {@code io/sluice/testsupport/es/elasticsearch.classpath}.
   */
  public static String classpath() {
    try (InputStream in = ElasticsearchChildJvm.class.getResourceAsStream(CLASSPATH_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("resource io/sluice/testsupport/es/" + CLASSPATH_RESOURCE
            + " is missing; build test-support-es with Maven so the dependency plugin writes it");
      }
      String dependencies = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
      return ownLocation() + File.pathSeparator + dependencies;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String ownLocation() {
    try {
      return Path.of(ElasticsearchChildJvm.class.getProtectionDomain().getCodeSource()
          .getLocation().toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot locate test-support-es classes", e);
    }
  }
}
