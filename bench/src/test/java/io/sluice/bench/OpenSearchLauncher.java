package io.sluice.bench;

import io.sluice.testsupport.OpenSearchNode;
import java.io.IOException;
import java.io.InputStream;

/**
 * Runs a real single-node OpenSearch for a measured benchmark run, outside any test: prints
 * {@code OPENSEARCH_URL=<url>} once the node is ready, and stops and deletes it when its own
 * stdin reaches end of file (close the pipe or press Ctrl-D).
 *
 * <p>Run from the bench test classpath; see README.md.
 */
public final class OpenSearchLauncher {
  private OpenSearchLauncher() {}

  /** Starts the node, announces its URL on stdout and waits for stdin to close. */
  public static void main(String[] args) throws IOException {
    try (OpenSearchNode node = OpenSearchNode.start()) {
      System.out.println("OPENSEARCH_URL=" + node.httpUrl());
      System.out.println("OPENSEARCH_LOG=" + node.logFile());
      System.out.flush();
      InputStream in = System.in;
      while (in.read() != -1) {
        // Waits for end of file; what arrives is ignored.
      }
    }
  }
}
