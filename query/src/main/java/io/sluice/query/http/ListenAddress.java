package io.sluice.query.http;

import static java.util.Objects.requireNonNull;

/**
 * A listen address written as the collector's {@code endpoint} keys are: {@code host:port},
 * {@code :port} (every interface) or {@code [v6-address]:port}.
 *
 * @param host the host to bind; {@code 0.0.0.0} for every interface
 * @param port the TCP port; 0 picks a free one
 */
public record ListenAddress(String host, int port) {
  private static final int MAX_PORT = 65535;

  /** Checks the parts. */
  public ListenAddress {
    requireNonNull(host, "host");
    if (port < 0 || port > MAX_PORT) {
      throw new IllegalArgumentException("port " + port + " is out of range 0-" + MAX_PORT);
    }
  }

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException naming the text and what was expected when it has no
   *     port, a bad port or an IPv6 host without brackets
   */
  public static ListenAddress parse(String text) {
    int colon = text.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException(
          "endpoint \"" + text + "\" has no port: expected host:port or :port");
    }
    String host = text.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    } else if (host.contains(":")) {
      throw new IllegalArgumentException("endpoint \"" + text
          + "\": an IPv6 host must be written in brackets, e.g. [::1]:16686");
    }
    return new ListenAddress(host.isEmpty() ? "0.0.0.0" : host, port(text, colon));
  }

  private static int port(String text, int colon) {
    String port = text.substring(colon + 1);
    try {
      int value = Integer.parseInt(port);
      if (value >= 0 && value <= MAX_PORT) {
        return value;
      }
    } catch (NumberFormatException e) {
      // Reported below with the whole endpoint.
    }
    throw new IllegalArgumentException(
        "endpoint \"" + text + "\" has invalid port \"" + port + "\": expected 0-" + MAX_PORT);
  }

  /** Returns {@code host:port}, with brackets around an IPv6 host. */
  @Override
  public String toString() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
