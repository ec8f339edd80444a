package io.sluice.storage.opensearch;

import io.sluice.storage.config.AuthConfig;
import io.sluice.storage.config.ElasticsearchConfig;
import io.sluice.storage.config.Urls;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.annotation.Nullable;
import org.apache.hc.client5.http.RouteInfo;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpRequestInterceptor;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.net.URIAuthority;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets the {@code Authorization} header of each request to a backend's nodes, as an HTTP client
 * interceptor. The first that applies wins: {@code auth.basic} (its {@code password_file}
 * watched), the {@code auth.bearer_token} file, then the user and password written in the
 * node's own URL in {@code server_urls}, which is what Go's HTTP client does with URL userinfo.
 * A request that already carries the header keeps it.
 *
 * <p>The password file is checked at most once per {@link #CHECK_INTERVAL} by a daemon thread
 * of its own, so no request thread reads the disk; {@link #close} stops it.
 */
final class AuthHeaders implements HttpRequestInterceptor, AutoCloseable {
  /** How often the password file's modification time is checked. */
  static final Duration CHECK_INTERVAL = Duration.ofSeconds(1);

  private static final Logger log = LoggerFactory.getLogger(AuthHeaders.class);

  private final Map<String, String> byOrigin;
  @Nullable private volatile String everyNode;
  @Nullable private final ScheduledExecutorService watcher;

  private AuthHeaders(
      @Nullable String everyNode,
      Map<String, String> byOrigin,
      @Nullable ScheduledExecutorService watcher) {
    this.everyNode = everyNode;
    this.byOrigin = Map.copyOf(byOrigin);
    this.watcher = watcher;
  }

  /** Returns the headers for {@code config}; throws naming the file when a secret is missing. */
  static AuthHeaders create(String storageName, ElasticsearchConfig config) throws IOException {
    AuthConfig auth = config.auth();
    AuthConfig.Basic basic = auth.basic();
    if (basic.enabled() && !basic.passwordFile().isEmpty()) {
      return watching(storageName, basic.username(), Path.of(basic.passwordFile()));
    }
    if (basic.enabled()) {
      return new AuthHeaders(basicValue(basic.username(), basic.password()), Map.of(), null);
    }
    if (!auth.bearerToken().filePath().isEmpty()) {
      String token = readSecret(auth.bearerToken().filePath(), "auth::bearer_token::file_path");
      return new AuthHeaders("Bearer " + token, Map.of(), null);
    }
    Map<String, String> fromUrls = fromUrls(config);
    if (!fromUrls.isEmpty()) {
      log.info("jaeger_storage '{}': using the user and password written in server_urls {}"
          + " as basic auth", storageName, Urls.redactAll(config.serverUrls()));
    }
    return new AuthHeaders(null, fromUrls, null);
  }

  @Override
  public void process(HttpRequest request, EntityDetails entity, HttpContext context) {
    if (request.containsHeader(HttpHeaders.AUTHORIZATION)) {
      return;
    }
    String value = valueFor(origin(request, context));
    if (value != null) {
      request.addHeader(HttpHeaders.AUTHORIZATION, value);
    }
  }

  /** Returns the header value for a node ({@code scheme://host:port}); null for none. */
  @Nullable
  String valueFor(@Nullable String origin) {
    String all = everyNode;
    if (all != null || origin == null) {
      return all;
    }
    return byOrigin.get(origin);
  }

  /** Stops watching the password file. */
  @Override
  public void close() {
    if (watcher != null) {
      watcher.shutdownNow();
    }
  }

  private static AuthHeaders watching(String storageName, String username, Path file)
      throws IOException {
    PasswordFile password = PasswordFile.read(storageName, file);
    ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "sluice-storage-password-file-" + storageName);
      t.setDaemon(true);
      return t;
    });
    AuthHeaders headers =
        new AuthHeaders(basicValue(username, password.password()), Map.of(), watcher);
    long millis = CHECK_INTERVAL.toMillis();
    watcher.scheduleWithFixedDelay(() -> {
      if (password.refresh()) {
        headers.everyNode = basicValue(username, password.password());
      }
    }, millis, millis, TimeUnit.MILLISECONDS);
    return headers;
  }

  /** Returns the basic credentials written in the URLs, by origin; most URLs have none. */
  private static Map<String, String> fromUrls(ElasticsearchConfig config) {
    Map<String, String> byOrigin = new HashMap<>();
    for (String url : config.serverUrls()) {
      URI uri = URI.create(url.trim());
      String userInfo = uri.getRawUserInfo();
      if (userInfo == null) {
        continue;
      }
      int colon = userInfo.indexOf(':');
      String user = colon < 0 ? userInfo : userInfo.substring(0, colon);
      String password = colon < 0 ? "" : userInfo.substring(colon + 1);
      byOrigin.put(origin(uri.getScheme(), uri.getHost(), uri.getPort()),
          basicValue(decode(user), decode(password)));
    }
    return byOrigin;
  }

  @Nullable
  private static String origin(HttpRequest request, HttpContext context) {
    URIAuthority authority = request.getAuthority();
    if (authority != null && request.getScheme() != null) {
      return origin(request.getScheme(), authority.getHostName(), authority.getPort());
    }
    RouteInfo route = HttpClientContext.castOrCreate(context).getHttpRoute();
    HttpHost target = route == null ? null : route.getTargetHost();
    return target == null
        ? null : origin(target.getSchemeName(), target.getHostName(), target.getPort());
  }

  private static String origin(String scheme, String host, int port) {
    String s = scheme.toLowerCase(Locale.ROOT);
    int p = port > 0 ? port : "https".equals(s) ? 443 : 80;
    return s + "://" + host.toLowerCase(Locale.ROOT) + ":" + p;
  }

  private static String decode(String part) {
    // URL userinfo is percent-encoded ("p%40ss" is "p@ss"); a '+' stays a '+', unlike in forms.
    return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static String basicValue(String username, String password) {
    byte[] pair = (username + ":" + password).getBytes(StandardCharsets.UTF_8);
    return "Basic " + Base64.getEncoder().encodeToString(pair);
  }

  private static String readSecret(String file, String key) throws IOException {
    try {
      return Files.readString(Path.of(file), StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      throw new IOException("cannot read " + key + " \"" + file + "\": " + e, e);
    }
  }
}
