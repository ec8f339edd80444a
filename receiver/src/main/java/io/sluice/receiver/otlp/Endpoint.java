package io.sluice.receiver.otlp;

import static java.util.Objects.requireNonNull;

/**
 * A listen address written as {@code host:port}, as the collector's {@code endpoint} keys are.
 *
 * @param host the host to bind; {@code 0.0.0.0} for all interfaces
 * @param port the TCP port; 0 picks a free port
 */
public record Endpoint(String host, int port) {
  /** The host that {@code :port} means: every interface. */
  public static final String ALL_INTERFACES = "0.0.0.0";

  /** Checks the parts. */
  public Endpoint {
    requireNonNull(host, "host");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " is out of range 0-65535");
    }
  }

  /**
   * Parses {@code host:port}, {@code :port} (every interface) or {@code [v6-address]:port};
   * throws {@link IllegalArgumentException} naming the text and what was expected otherwise.
   */
  public static Endpoint parse(String text) {
    requireNonNull(text, "text");
    int colon = text.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException(
          "endpoint \"" + text + "\" has no port: expected host:port or :port");
    }
    return new Endpoint(parseHost(text, text.substring(0, colon)), parsePort(text, colon));
  }

  private static String parseHost(String text, String host) {
    if (host.startsWith("[") && host.endsWith("]")) {
      return host.substring(1, host.length() - 1);
    }
    if (host.contains(":")) {
      throw new IllegalArgumentException(
          "endpoint \"" + text + "\": an IPv6 host must be written in brackets, e.g. [::1]:4318");
    }
    return host.isEmpty() ? ALL_INTERFACES : host;
  }

  private static int parsePort(String text, int colon) {
    String port = text.substring(colon + 1);
    try {
      int value = Integer.parseInt(port);
      if (value >= 0 && value <= 65535) {
        return value;
      }
    } catch (NumberFormatException e) {
      // fall through to the error below
    }
    throw new IllegalArgumentException(
        "endpoint \"" + text + "\" has invalid port \"" + port + "\": expected 0-65535");
  }

  @Override
  public String toString() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
