package io.sluice.query.http;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import javax.annotation.Nullable;

/**
 * Serves the trace viewer page from the classpath ({@code io/sluice/query/ui/}): the page
 * itself for every path of the UI, with {@code <base href="/">} pointed at {@code base_path}
 * as Jaeger does, and the files under {@code static/} with their content type, an ETag and a
 * short cache lifetime.
 *
 * <p>Files are read from the jar on a worker thread the first time they are asked for and kept;
 * the cache holds only files that exist, so it is bounded by the jar's content.
 */
public final class UiAssets {
  private static final String ROOT = "io/sluice/query/ui/";
  private static final String BASE_TAG = "<base href=\"/\"";
  private static final String CACHE_CONTROL = "public, max-age=300";
  private static final Pattern SAFE_PATH = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._/-]*");
  private static final Map<String, String> CONTENT_TYPES = Map.ofEntries(
      Map.entry("html", "text/html; charset=utf-8"),
      Map.entry("js", "text/javascript; charset=utf-8"),
      Map.entry("mjs", "text/javascript; charset=utf-8"),
      Map.entry("css", "text/css; charset=utf-8"),
      Map.entry("json", "application/json"),
      Map.entry("map", "application/json"),
      Map.entry("svg", "image/svg+xml"),
      Map.entry("png", "image/png"),
      Map.entry("ico", "image/x-icon"),
      Map.entry("woff", "font/woff"),
      Map.entry("woff2", "font/woff2"),
      Map.entry("txt", "text/plain; charset=utf-8"));

  private record Asset(Buffer body, String contentType, String etag) {}

  private final String basePath;
  private final ClassLoader classLoader;
  private final Map<String, Asset> staticFiles = new ConcurrentHashMap<>();
  @Nullable private volatile Buffer indexHtml;

  /**
   * Returns the assets for a server under {@code basePath} ("" or e.g. {@code /jaeger}).
   * Call {@link #load} before serving.
   */
  public UiAssets(String basePath) {
    this.basePath = requireNonNull(basePath, "basePath");
    this.classLoader = UiAssets.class.getClassLoader();
  }

  /**
   * Reads {@code index.html} on a worker of {@code context}; fails, naming the resource, when
   * it is not on the classpath.
   */
  public Future<Void> load(Context context) {
    return context.executeBlocking(() -> {
      byte[] page = read(ROOT + "index.html")
          .orElseThrow(() -> new IllegalStateException(
              "the trace viewer page " + ROOT + "index.html is missing from the classpath"));
      indexHtml = Buffer.buffer(withBasePath(new String(page, StandardCharsets.UTF_8)));
      return null;
    }, false);
  }

  /** Returns the page with its {@code <base href="/"} pointed at the base path. */
  String withBasePath(String page) {
    return basePath.isEmpty() ? page : page.replace(BASE_TAG, "<base href=\"" + basePath + "/\"");
  }

  /** Answers with the page, as Jaeger answers every path its other routes do not take. */
  public void serveIndex(RoutingContext ctx) {
    ctx.response().putHeader("Content-Type", "text/html; charset=utf-8").end(indexHtml);
  }

  /** Answers {@code GET {base}/static/<file>} from the classpath, or Go's 404. */
  public void serveStatic(RoutingContext ctx) {
    String prefix = basePath + "/static/";
    String path = ctx.normalizedPath();
    String name = path.startsWith(prefix) ? path.substring(prefix.length()) : "";
    if (!SAFE_PATH.matcher(name).matches() || name.contains("..") || name.endsWith("/")) {
      notFound(ctx);
      return;
    }
    Asset cached = staticFiles.get(name);
    if (cached != null) {
      send(ctx, cached);
      return;
    }
    ctx.vertx().getOrCreateContext()
        .executeBlocking(() -> read(ROOT + "static/" + name), false)
        .onComplete(ar -> {
          if (ar.failed() || ar.result().isEmpty()) {
            notFound(ctx);
            return;
          }
          Asset asset = asset(name, ar.result().get());
          staticFiles.put(name, asset);
          send(ctx, asset);
        });
  }

  private static void send(RoutingContext ctx, Asset asset) {
    ctx.response()
        .putHeader("Cache-Control", CACHE_CONTROL)
        .putHeader("ETag", asset.etag());
    if (asset.etag().equals(ctx.request().getHeader("If-None-Match"))) {
      ctx.response().setStatusCode(304).end();
      return;
    }
    ctx.response().putHeader("Content-Type", asset.contentType());
    if (ctx.request().method() == HttpMethod.HEAD) {
      // Headers only, with the length the body would have, as Go's file server answers HEAD.
      ctx.response().putHeader("Content-Length", Integer.toString(asset.body().length())).end();
      return;
    }
    ctx.response().end(asset.body());
  }

  private static void notFound(RoutingContext ctx) {
    ctx.response().setStatusCode(404)
        .putHeader("Content-Type", "text/plain; charset=utf-8")
        .putHeader("X-Content-Type-Options", "nosniff")
        .end("404 page not found\n");
  }

  private static Asset asset(String name, byte[] bytes) {
    int dot = name.lastIndexOf('.');
    String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    String type = CONTENT_TYPES.getOrDefault(extension, "application/octet-stream");
    return new Asset(Buffer.buffer(bytes), type, etag(bytes));
  }

  private static String etag(byte[] bytes) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
      return "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  /** Reads a classpath resource; empty when it does not exist. Blocking. */
  private Optional<byte[]> read(String resource) {
    try (InputStream in = classLoader.getResourceAsStream(resource)) {
      return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource + " from the classpath", e);
    }
  }
}
