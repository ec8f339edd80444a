package io.sluice.storage.opensearch;

import io.sluice.storage.config.ElasticsearchConfig;
import io.sluice.storage.config.TlsConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.client5.http.ssl.DefaultHostnameVerifier;
import org.apache.hc.client5.http.ssl.HostnameVerificationPolicy;
import org.apache.hc.client5.http.ssl.NoopHostnameVerifier;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.nio.ssl.TlsStrategy;
import org.apache.hc.core5.util.Timeout;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.transport.OpenSearchTransport;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;

/**
 * Builds the opensearch-java client for a backend: the httpclient5 transport with the configured
 * nodes, the credentials of {@link AuthHeaders}, TLS and the request timeout.
 */
final class SearchClients {
  /** The answer timeout when {@code query_timeout} is 0: far above a healthy bulk's latency. */
  static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofSeconds(60);

  private SearchClients() {}

  /**
   * Returns a client for {@code config} whose requests carry the {@code Authorization} header
   * that {@code auth} sets; throws naming the file when a TLS file cannot be read.
   */
  static OpenSearchClient create(ElasticsearchConfig config, AuthHeaders auth) throws IOException {
    HttpHost[] hosts = hosts(config.serverUrls());
    TlsStrategy tls = tlsStrategy(config.tls());
    ApacheHttpClient5TransportBuilder builder = ApacheHttpClient5TransportBuilder.builder(hosts)
        .setHttpClientConfigCallback(http -> http
            .addRequestInterceptorLast(auth)
            .setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create()
                .setTlsStrategy(tls)
                .setMaxConnPerRoute(Math.max(4, config.bulkProcessing().workers() + 2))
                .setMaxConnTotal(Math.max(8, 2 * config.bulkProcessing().workers() + 4))
                .build()));
    long millis = responseTimeout(config).toMillis();
    builder.setRequestConfigCallback(rc -> rc.setResponseTimeout(Timeout.ofMilliseconds(millis)));
    OpenSearchTransport transport = builder.build();
    return new OpenSearchClient(transport);
  }

  /**
   * Returns how long a request may wait for its answer: {@code query_timeout}, or, where Jaeger
   * waits forever (0), {@link #DEFAULT_RESPONSE_TIMEOUT}, so that a connection the server stopped
   * answering on is given up and the bulk request retried instead of stalling every write.
   */
  static Duration responseTimeout(ElasticsearchConfig config) {
    return config.queryTimeout().isZero() ? DEFAULT_RESPONSE_TIMEOUT : config.queryTimeout();
  }

  private static HttpHost[] hosts(List<String> urls) {
    HttpHost[] hosts = new HttpHost[urls.size()];
    for (int i = 0; i < hosts.length; i++) {
      URI uri = URI.create(urls.get(i).trim());
      int port = uri.getPort() > 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
      hosts[i] = new HttpHost(uri.getScheme(), uri.getHost(), port);
    }
    return hosts;
  }

  private static TlsStrategy tlsStrategy(TlsConfig tls) throws IOException {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keyManagers(tls), trustManagers(tls), null);
      return ClientTlsStrategyBuilder.create()
          .setSslContext(context)
          .setHostVerificationPolicy(HostnameVerificationPolicy.CLIENT)
          .setHostnameVerifier(hostnameVerifier(tls))
          .buildAsync();
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot set up TLS from the tls block: " + e.getMessage(), e);
    }
  }

  private static HostnameVerifier hostnameVerifier(TlsConfig tls) {
    if (tls.insecureSkipVerify()) {
      return NoopHostnameVerifier.INSTANCE;
    }
    DefaultHostnameVerifier verifier = new DefaultHostnameVerifier();
    if (tls.serverNameOverride().isEmpty()) {
      return verifier;
    }
    return (host, session) -> verifier.verify(tls.serverNameOverride(), session);
  }

  private static javax.net.ssl.KeyManager[] keyManagers(TlsConfig tls)
      throws IOException, GeneralSecurityException {
    if (tls.certFile().isEmpty() || tls.keyFile().isEmpty()) {
      return null;
    }
    Collection<? extends Certificate> chain = certificates(tls.certFile());
    PrivateKey key = privateKey(tls.keyFile());
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    store.setKeyEntry("client", key, new char[0], chain.toArray(new Certificate[0]));
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(store, new char[0]);
    return kmf.getKeyManagers();
  }

  private static TrustManager[] trustManagers(TlsConfig tls)
      throws IOException, GeneralSecurityException {
    if (tls.insecureSkipVerify()) {
      return new TrustManager[] {new TrustAll()};
    }
    if (tls.caFile().isEmpty()) {
      return null;
    }
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    int i = 0;
    for (Certificate cert : certificates(tls.caFile())) {
      store.setCertificateEntry("ca-" + i++, cert);
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(store);
    return tmf.getTrustManagers();
  }

  private static Collection<? extends Certificate> certificates(String file)
      throws IOException, GeneralSecurityException {
    try (InputStream in = Files.newInputStream(Path.of(file))) {
      return CertificateFactory.getInstance("X.509").generateCertificates(in);
    }
  }

  private static PrivateKey privateKey(String file) throws IOException, GeneralSecurityException {
    String pem = Files.readString(Path.of(file), StandardCharsets.US_ASCII);
    if (!pem.contains("-----BEGIN PRIVATE KEY-----")) {
      throw new GeneralSecurityException("tls::key_file \"" + file
          + "\" is not a PKCS#8 PEM key (BEGIN PRIVATE KEY); convert it with openssl pkcs8");
    }
    String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64));
    for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(spec);
      } catch (GeneralSecurityException e) {
        // Try the next algorithm; the PEM header does not say which one it is.
      }
    }
    throw new GeneralSecurityException("tls::key_file \"" + file + "\": unsupported key type");
  }

  /** Accepts any server certificate: {@code tls.insecure_skip_verify: true}. */
  private static final class TrustAll implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
