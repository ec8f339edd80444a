package io.sluice.pipeline.telemetry;

import static java.util.Objects.requireNonNull;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Quantile;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import io.prometheus.metrics.model.snapshots.SummarySnapshot.SummaryDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.UnknownSnapshot;
import io.prometheus.metrics.model.snapshots.UnknownSnapshot.UnknownDataPointSnapshot;
import io.sluice.pipeline.go.GoFloat;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Writes a Prometheus registry as text exposition format 0.0.4, byte for byte as the collector
 * inside Jaeger v2.1.0 serves it on {@code :8888/metrics} (spec/collector-runtime.md §5.2).
 *
 * <p>That means: counters keep their registered name (no {@code _total}); families are sorted by
 * name and series by label values; labels are sorted by name, with {@code le} last on histogram
 * buckets; every series carries the resource labels; a {@code target_info} gauge of value 1 holds
 * the resource labels alone; values and bucket bounds are printed like Go's
 * {@code strconv.FormatFloat(f, 'g', -1, 64)}. A meter without a description gets an empty
 * {@code # HELP} line, as client_golang prints one. Micrometer's {@code <name>_max} gauge of a
 * histogram or summary is left out, since the collector has no such series.
 */
public final class PrometheusText {
  /** The Content-Type of the exposition, as the collector sends it. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private static final String TARGET_INFO = "target_info";
  private static final String TARGET_INFO_HELP = "Target metadata";

  private final PrometheusRegistry registry;
  private final Map<String, String> resourceLabels;

  /**
   * Creates a writer over {@code registry}.
   *
   * @param resourceLabels label name to value, added to every series and to {@code target_info};
   *     names must already be valid label names, e.g. {@code service_name}
   */
  public PrometheusText(PrometheusRegistry registry, Map<String, String> resourceLabels) {
    this.registry = requireNonNull(registry, "registry");
    this.resourceLabels = new TreeMap<>(requireNonNull(resourceLabels, "resourceLabels"));
  }

  /** Returns the current exposition of every metric in the registry. */
  public String scrape() {
    List<Family> families = families(registry.scrape());
    families.add(targetInfo());
    families.sort(Comparator.comparing(Family::name));
    StringBuilder out = new StringBuilder(4096);
    for (Family family : families) {
      family.writeTo(out);
    }
    return out.toString();
  }

  private List<Family> families(MetricSnapshots snapshots) {
    Set<String> distributions = new HashSet<>();
    for (MetricSnapshot s : snapshots) {
      if (s instanceof HistogramSnapshot || s instanceof SummarySnapshot) {
        distributions.add(s.getMetadata().getPrometheusName());
      }
    }
    List<Family> families = new ArrayList<>();
    for (MetricSnapshot s : snapshots) {
      String name = s.getMetadata().getPrometheusName();
      if (s instanceof GaugeSnapshot && isMicrometerMax(name, distributions)) {
        continue;
      }
      Family family = toFamily(s);
      if (family != null && !family.series.isEmpty()) {
        families.add(family);
      }
    }
    return families;
  }

  private static boolean isMicrometerMax(String name, Set<String> distributions) {
    return name.endsWith("_max")
        && distributions.contains(name.substring(0, name.length() - "_max".length()));
  }

  private Family toFamily(MetricSnapshot snapshot) {
    String name = snapshot.getMetadata().getPrometheusName();
    String help = snapshot.getMetadata().getHelp();
    if (snapshot instanceof CounterSnapshot counter) {
      Family family = new Family(name, help, "counter");
      for (CounterDataPointSnapshot p : counter.getDataPoints()) {
        family.add(labels(p.getLabels())).sample(name, "", p.getValue());
      }
      return family;
    }
    if (snapshot instanceof GaugeSnapshot gauge) {
      Family family = new Family(name, help, "gauge");
      for (GaugeDataPointSnapshot p : gauge.getDataPoints()) {
        family.add(labels(p.getLabels())).sample(name, "", p.getValue());
      }
      return family;
    }
    if (snapshot instanceof HistogramSnapshot histogram) {
      Family family = new Family(name, help, "histogram");
      for (HistogramDataPointSnapshot p : histogram.getDataPoints()) {
        addHistogram(family.add(labels(p.getLabels())), name, p);
      }
      return family;
    }
    if (snapshot instanceof SummarySnapshot summary) {
      Family family = new Family(name, help, "summary");
      for (SummaryDataPointSnapshot p : summary.getDataPoints()) {
        addSummary(family.add(labels(p.getLabels())), name, p);
      }
      return family;
    }
    if (snapshot instanceof UnknownSnapshot unknown) {
      Family family = new Family(name, help, "untyped");
      for (UnknownDataPointSnapshot p : unknown.getDataPoints()) {
        family.add(labels(p.getLabels())).sample(name, "", p.getValue());
      }
      return family;
    }
    return null;
  }

  private static void addHistogram(Series series, String name, HistogramDataPointSnapshot p) {
    ClassicHistogramBuckets buckets = p.getClassicBuckets();
    long cumulative = 0;
    for (int i = 0; i < buckets.size(); i++) {
      cumulative += buckets.getCount(i);
      series.bucket(name, GoFloat.formatSample(buckets.getUpperBound(i)), cumulative);
    }
    series.sample(name, "_sum", p.hasSum() ? p.getSum() : 0);
    series.sample(name, "_count", p.hasCount() ? p.getCount() : cumulative);
  }

  private static void addSummary(Series series, String name, SummaryDataPointSnapshot p) {
    for (Quantile q : p.getQuantiles()) {
      series.quantile(name, GoFloat.formatSample(q.getQuantile()), q.getValue());
    }
    series.sample(name, "_sum", p.hasSum() ? p.getSum() : 0);
    series.sample(name, "_count", p.hasCount() ? p.getCount() : 0);
  }

  private Family targetInfo() {
    Family family = new Family(TARGET_INFO, TARGET_INFO_HELP, "gauge");
    family.add(labels(Labels.EMPTY)).sample(TARGET_INFO, "", 1);
    return family;
  }

  /** Returns the series' labels and the resource labels, sorted by name. */
  private LabelSet labels(Labels labels) {
    Map<String, String> sorted = new TreeMap<>(resourceLabels);
    for (int i = 0; i < labels.size(); i++) {
      sorted.put(labels.getPrometheusName(i), labels.getValue(i));
    }
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, String> e : sorted.entrySet()) {
      out.append(out.length() == 0 ? "" : ",").append(e.getKey()).append("=\"");
      escapeLabelValue(e.getValue(), out);
      out.append('"');
    }
    return new LabelSet(out.toString(), List.copyOf(sorted.values()));
  }

  private static void escapeLabelValue(String value, StringBuilder out) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '"' -> out.append("\\\"");
        case '\n' -> out.append("\\n");
        default -> out.append(c);
      }
    }
  }

  private static String escapeHelp(String help) {
    return help.replace("\\", "\\\\").replace("\n", "\\n");
  }

  /** One metric family: its header and its series, which are sorted by label values. */
  private static final class Family {
    private final String name;
    private final String help;
    private final String type;
    private final List<Series> series = new ArrayList<>();

    Family(String name, String help, String type) {
      this.name = name;
      // Micrometer fills a missing description with a blank; the collector prints it empty.
      this.help = help == null || help.isBlank() ? "" : help;
      this.type = type;
    }

    String name() {
      return name;
    }

    Series add(LabelSet labels) {
      Series s = new Series(labels);
      series.add(s);
      return s;
    }

    void writeTo(StringBuilder out) {
      out.append("# HELP ").append(name).append(' ').append(escapeHelp(help)).append('\n');
      out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
      series.sort((a, b) -> compareValues(a.labels.values(), b.labels.values()));
      for (Series s : series) {
        out.append(s.lines);
      }
    }
  }

  /**
   * Orders series as client_golang does: label values compared one by one, labels being sorted by
   * name and every series of a family having the same label names.
   */
  private static int compareValues(List<String> a, List<String> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int c = a.get(i).compareTo(b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  /** Labels rendered as {@code a="b",c="d"}, and their values in name order for sorting. */
  private record LabelSet(String rendered, List<String> values) {}

  /** The rendered sample lines of one label set. */
  private static final class Series {
    private final LabelSet labels;
    private final StringBuilder lines = new StringBuilder();

    Series(LabelSet labels) {
      this.labels = labels;
    }

    void sample(String name, String suffix, double value) {
      lines.append(name).append(suffix);
      if (!labels.rendered().isEmpty()) {
        lines.append('{').append(labels.rendered()).append('}');
      }
      lines.append(' ').append(GoFloat.formatSample(value)).append('\n');
    }

    void bucket(String name, String le, long cumulativeCount) {
      extra(name, "_bucket", "le", le, cumulativeCount);
    }

    void quantile(String name, String quantile, double value) {
      extra(name, "", "quantile", quantile, value);
    }

    private void extra(String name, String suffix, String label, String labelValue, double value) {
      lines.append(name).append(suffix).append('{').append(labels.rendered());
      lines.append(labels.rendered().isEmpty() ? "" : ",");
      lines.append(label).append("=\"").append(labelValue);
      lines.append("\"} ").append(GoFloat.formatSample(value)).append('\n');
    }
  }
}
