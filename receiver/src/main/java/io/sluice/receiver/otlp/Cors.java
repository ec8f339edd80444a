package io.sluice.receiver.otlp;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.annotation.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cross-origin handling for the OTLP/HTTP server, as the collector configures it
 * (spec/collector-runtime.md §3.7): on only when {@code allowed_origins} is not empty, with
 * credentials allowed, and preflight requests answered 204 before the OTLP handler.
 */
final class Cors {
  private static final Logger LOG = LoggerFactory.getLogger(Cors.class);
  private static final Set<String> ALWAYS_ALLOWED_HEADERS =
      Set.of("accept", "accept-language", "content-type", "content-language", "origin");
  private static final Set<String> ALLOWED_METHODS = Set.of("GET", "POST", "HEAD");

  private final List<String> origins;
  private final List<String> headers;
  private final int maxAgeSeconds;

  Cors(@Nullable OtlpReceiverConfig.Cors config) {
    this.origins = config == null ? List.of() : lowerCase(config.allowedOrigins());
    this.headers = config == null ? List.of() : lowerCase(config.allowedHeaders());
    this.maxAgeSeconds = config == null ? 0 : config.maxAgeSeconds();
    if (origins.isEmpty() && !headers.isEmpty()) {
      LOG.warn("otlp receiver: cors.allowed_headers is set but cors.allowed_origins is empty, "
          + "so CORS stays disabled; set cors.allowed_origins to enable it");
    }
  }

  /**
   * Adds the CORS headers {@code request} calls for; returns true when it was a preflight
   * request and has been answered.
   */
  boolean handle(HttpServerRequest request) {
    if (origins.isEmpty()) {
      return false;
    }
    String origin = request.getHeader(HttpHeaders.ORIGIN);
    String requestedMethod = request.getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD);
    if (request.method() == HttpMethod.OPTIONS && requestedMethod != null) {
      preflight(request, origin, requestedMethod);
      return true;
    }
    HttpServerResponse response = request.response();
    // As rs/cors writes it; Vert.x's HttpHeaders.ORIGIN constant is lower-case "origin".
    response.putHeader(HttpHeaders.VARY, "Origin");
    if (origin != null && originAllowed(origin)) {
      allowOrigin(response, origin);
    }
    return false;
  }

  private void preflight(HttpServerRequest request, @Nullable String origin, String method) {
    HttpServerResponse response = request.response();
    response.putHeader(HttpHeaders.VARY, "Origin, Access-Control-Request-Method, "
        + "Access-Control-Request-Headers");
    String requestedHeaders = request.getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS);
    if (origin != null && originAllowed(origin)
        && ALLOWED_METHODS.contains(method.toUpperCase(Locale.ROOT))
        && headersAllowed(requestedHeaders)) {
      allowOrigin(response, origin);
      response.putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, method.toUpperCase(Locale.ROOT));
      if (requestedHeaders != null && !requestedHeaders.isBlank()) {
        response.putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, requestedHeaders);
      }
      if (maxAgeSeconds > 0) {
        response.putHeader(HttpHeaders.ACCESS_CONTROL_MAX_AGE, Integer.toString(maxAgeSeconds));
      }
    }
    response.setStatusCode(204).end();
  }

  private static void allowOrigin(HttpServerResponse response, String origin) {
    response.putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
    response.putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
  }

  private boolean originAllowed(String origin) {
    String candidate = origin.toLowerCase(Locale.ROOT);
    for (String allowed : origins) {
      if (matches(allowed, candidate)) {
        return true;
      }
    }
    return false;
  }

  private static boolean matches(String pattern, String origin) {
    int star = pattern.indexOf('*');
    if (star < 0) {
      return pattern.equals(origin);
    }
    String prefix = pattern.substring(0, star);
    String suffix = pattern.substring(star + 1);
    return origin.length() >= prefix.length() + suffix.length()
        && origin.startsWith(prefix)
        && origin.endsWith(suffix);
  }

  private boolean headersAllowed(@Nullable String requested) {
    if (requested == null || requested.isBlank() || headers.contains("*")) {
      return true;
    }
    for (String header : requested.split(",")) {
      String name = header.trim().toLowerCase(Locale.ROOT);
      if (!name.isEmpty() && !ALWAYS_ALLOWED_HEADERS.contains(name) && !headers.contains(name)) {
        return false;
      }
    }
    return true;
  }

  private static List<String> lowerCase(List<String> values) {
    List<String> out = new ArrayList<>();
    for (String value : values) {
      out.add(value.toLowerCase(Locale.ROOT));
    }
    return List.copyOf(out);
  }
}
