package io.sluice.collector.health;

/**
 * A {@code host:port} listen address as the collector writes it: {@code localhost:13133},
 * {@code :13133} (every interface), {@code [::1]:13133}.
 *
 * @param host the host to bind; {@code 0.0.0.0} when the text has none
 * @param port 0 to 65535
 */
record Endpoint(String host, int port) {
  private static final int MAX_PORT = 65535;

  /** Parses {@code text}; throws {@link IllegalArgumentException} naming it when malformed. */
  static Endpoint parse(String text) {
    int colon = text.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException(
          "endpoint \"" + text + "\": missing port, expected host:port");
    }
    String host = text.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    return new Endpoint(host.isEmpty() ? "0.0.0.0" : host, port(text, text.substring(colon + 1)));
  }

  private static int port(String text, String port) {
    try {
      int p = Integer.parseInt(port);
      if (p >= 0 && p <= MAX_PORT) {
        return p;
      }
    } catch (NumberFormatException e) {
      // Reported below with the whole endpoint.
    }
    throw new IllegalArgumentException(
        "endpoint \"" + text + "\": invalid port \"" + port + "\", expected 0 to " + MAX_PORT);
  }
}
