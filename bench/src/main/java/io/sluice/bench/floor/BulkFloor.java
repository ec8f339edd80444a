package io.sluice.bench.floor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.storage.es.Templates;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The bulk floor: how many span documents per second the engine stores when nothing but a bare
 * loader stands in front of it. It renders the user's traces into the very documents the
 * collector writes, groups them into {@code _bulk} requests of the collector's size, PUTs the
 * same templates, then times only the sending. A collector run on the same engine can at best
 * approach this number.
 */
@Command(
    name = "bulk-floor",
    mixinStandardHelpOptions = true,
    description = {
      "Sends pre-built span documents of the user's trace (rendered by Sluice's "
          + "SpanDocumentWriter) to an OpenSearch or Elasticsearch with _bulk, in requests of "
          + "the collector's size, and prints the documents stored per second.",
      "The templates are PUT first, as the collector does; the documents go to today's "
          + "<prefix>-jaeger-span-<date> index. Exit status 1 when any document was not stored."
    })
public final class BulkFloor implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec CommandSpec spec;

  @Option(names = "--url", paramLabel = "URL", defaultValue = "http://127.0.0.1:9200",
      description = "The engine's base URL (plain HTTP, no credentials). "
          + "Default: ${DEFAULT-VALUE}.")
  String url;

  @Option(names = "--docs", paramLabel = "N", defaultValue = "240000",
      description = "Span documents to send (3 per trace). Default: ${DEFAULT-VALUE}, the span "
          + "count of bench.jar's default run (8 workers x 10,000 traces).")
  int docs;

  @Option(names = "--index-prefix", paramLabel = "PREFIX", defaultValue = "jaeger2-main",
      description = "indices.index_prefix. Default: ${DEFAULT-VALUE} (the user's config).")
  String indexPrefix;

  @Option(names = "--shards", paramLabel = "N", defaultValue = "5",
      description = "Shards in the templates. Default: ${DEFAULT-VALUE} (the user's config).")
  int shards;

  @Option(names = "--replicas", paramLabel = "N", defaultValue = "1",
      description = "Replicas in the templates. Default: ${DEFAULT-VALUE} (the user's config).")
  int replicas;

  @Option(names = "--max-actions", paramLabel = "N",
      defaultValue = "" + 1000,
      description = "bulk_processing.max_actions. Default: ${DEFAULT-VALUE} (Jaeger's).")
  int maxActions;

  @Option(names = "--max-bytes", paramLabel = "BYTES",
      defaultValue = "" + 5_000_000,
      description = "bulk_processing.max_bytes. Default: ${DEFAULT-VALUE} (Jaeger's).")
  long maxBytes;

  @Option(names = "--workers", paramLabel = "N", defaultValue = "1",
      description = "bulk_processing.workers: requests in flight. Default: ${DEFAULT-VALUE} "
          + "(Jaeger's).")
  int workers;

  @Option(names = "--version", paramLabel = "MAJOR", defaultValue = "0",
      description = "The engine's major version for the templates (7: _template, 8: "
          + "_index_template); 0 asks GET / (OpenSearch counts as 7). Default: ${DEFAULT-VALUE}.")
  int version;

  @Option(names = "--no-ids",
      description = "Send span documents without _id, as Jaeger does (the engine makes one); "
          + "by default each carries the collector's deterministic _id.")
  boolean noIds;

  @Option(names = "--service", paramLabel = "NAME", defaultValue = "grm-service",
      description = "The resource's service.name. Default: ${DEFAULT-VALUE}.")
  String serviceName;

  private HttpClient http;

  /** Runs the command line and exits with its status. */
  public static void main(String[] args) {
    System.exit(new CommandLine(new BulkFloor()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    validate();
    http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10)).build();
    PrintWriter out = spec.commandLine().getOut();
    String spanIndices = url + "/" + indexPrefix + "-jaeger-span-*";
    String engine = putTemplates();
    long countBefore = count(spanIndices);

    long buildStart = System.nanoTime();
    List<BulkBodies.Body> bodies = BulkBodies.of(documents(), maxActions, maxBytes);
    long buildNanos = System.nanoTime() - buildStart;
    long loadStart = System.nanoTime();
    BulkLoader.Outcome outcome = new BulkLoader(http, url).send(bodies, workers);
    long loadNanos = System.nanoTime() - loadStart;
    call("POST", spanIndices + "/_refresh", null);
    long countDelta = count(spanIndices) - countBefore;

    new FloorReport(out).print(engine, this, outcome, buildNanos, loadNanos, countDelta);
    return outcome.failed() == 0 && countDelta == outcome.stored() ? 0 : 1;
  }

  private void validate() {
    requirePositive("--docs", docs);
    requirePositive("--shards", shards);
    requirePositive("--replicas", replicas);
    requirePositive("--max-actions", maxActions);
    requirePositive("--max-bytes", maxBytes);
    requirePositive("--workers", workers);
    if (version != 0 && version != 7 && version != 8) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--version must be 0, 7 or 8, got " + version);
    }
  }

  private void requirePositive(String option, long value) {
    if (value <= 0) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          option + " must be positive, got " + value);
    }
  }

  private List<byte[]> documents() {
    Instant now = Instant.now();
    long startEpochNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
    return FloorDocuments.render(docs, serviceName, indexPrefix, !noIds, startEpochNanos);
  }

  // Detects the engine as the collector does and PUTs both templates; returns what was found.
  private String putTemplates() throws IOException, InterruptedException {
    JsonNode root = JSON.readTree(call("GET", url + "/", null));
    String distribution = root.path("version").path("distribution").asText("elasticsearch");
    String number = root.path("version").path("number").asText("?");
    int major = version != 0 ? version
        : "opensearch".equals(distribution) ? 7 : Math.min(8, majorOf(number));
    String api = Templates.usesIndexTemplate(major) ? "/_index_template/" : "/_template/";
    call("PUT", url + api + Templates.spanTemplateName(indexPrefix),
        Templates.spanTemplate(major, indexPrefix, shards, replicas, 0));
    call("PUT", url + api + Templates.serviceTemplateName(indexPrefix),
        Templates.serviceTemplate(major, indexPrefix, shards, replicas, 0));
    return String.format(Locale.ROOT, "%s %s (templates as %d: %s)", distribution, number,
        major, api.substring(1, api.length() - 1));
  }

  private static int majorOf(String number) {
    int dot = number.indexOf('.');
    try {
      return Integer.parseInt(dot < 0 ? number : number.substring(0, dot));
    } catch (NumberFormatException e) {
      throw new IllegalStateException("GET / has no usable version.number: " + number, e);
    }
  }

  private long count(String indices) throws IOException, InterruptedException {
    return JSON.readTree(call("GET", indices + "/_count", null)).path("count").asLong();
  }

  private String call(String method, String uri, String json)
      throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(uri))
        .timeout(Duration.ofMinutes(1))
        .header("Content-Type", "application/json")
        .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(json))
        .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new IOException(method + " " + uri + " answered HTTP " + response.statusCode()
          + ": " + response.body());
    }
    return response.body();
  }

  int docs() {
    return docs;
  }

  int maxActions() {
    return maxActions;
  }

  long maxBytes() {
    return maxBytes;
  }

  int workers() {
    return workers;
  }

  boolean withIds() {
    return !noIds;
  }

  String indexPrefix() {
    return indexPrefix;
  }
}
