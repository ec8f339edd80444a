package io.sluice.storage.config;

import io.sluice.pipeline.config.ConfigNode;
import io.sluice.pipeline.config.Fields;

/**
 * {@code tls}: the OpenTelemetry client TLS settings that Sluice uses for the search engine.
 *
 * @param insecure true for plain HTTP without TLS (the default is false, but an {@code http://}
 *     URL never uses TLS)
 * @param caFile PEM file of the certificate authorities to trust; empty for the JVM defaults
 * @param certFile PEM client certificate for mutual TLS; empty when none
 * @param keyFile PEM PKCS#8 private key of {@code certFile}
 * @param insecureSkipVerify accept any server certificate and host name
 * @param serverNameOverride the host name to verify instead of the URL's
 */
public record TlsConfig(
    boolean insecure,
    String caFile,
    String certFile,
    String keyFile,
    boolean insecureSkipVerify,
    String serverNameOverride) {
  /** Returns the defaults: TLS with the JVM trust store, when the URL is {@code https}. */
  public static TlsConfig defaults() {
    return new TlsConfig(false, "", "", "", false, "");
  }

  /** Decodes a {@code tls} block. */
  public static TlsConfig decode(ConfigNode node) {
    Fields f = node.fields();
    TlsConfig tls = new TlsConfig(
        f.bool("insecure", false),
        f.string("ca_file", ""),
        f.string("cert_file", ""),
        f.string("key_file", ""),
        f.bool("insecure_skip_verify", false),
        f.string("server_name_override", ""));
    f.finish();
    return tls;
  }
}
