package io.sluice.query.adjust;

import io.sluice.pipeline.go.GoDurations;
import io.sluice.storage.model.Ids;
import io.sluice.storage.model.KeyValue;
import io.sluice.storage.model.SpanLog;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Shifts a span that starts before or ends after its parent when the two ran on different
 * hosts (the process {@code ip} tag differs or is unknown), as Jaeger's {@code ClockSkew}
 * adjuster does: the child is centred in its parent, or, when it lasted longer, moved to start
 * with it. A shift above {@code maxDeltaNanos} is not applied; a warning says so instead.
 *
 * <p>The tree is walked with an explicit stack, so a 10,000-span chain cannot overflow the
 * thread's stack.
 */
final class ClockSkewAdjuster implements Adjuster {
  static final String WARNING_DUPLICATE_SPAN_ID =
      "duplicate span IDs; skipping clock skew adjustment";

  private final long maxDeltaNanos;

  ClockSkewAdjuster(long maxDeltaNanos) {
    this.maxDeltaNanos = maxDeltaNanos;
  }

  private static final class Node {
    final AdjustableSpan span;
    final String hostKey;
    final List<Node> children = new ArrayList<>(2);

    Node(AdjustableSpan span) {
      this.span = span;
      this.hostKey = HostKey.of(span.processTags());
    }
  }

  private record Step(Node node, Node parent, String hostKey, long deltaNanos) {}

  @Override
  public List<AdjustableSpan> adjust(List<AdjustableSpan> spans) {
    Map<Long, Node> nodes = nodes(spans);
    Deque<Step> stack = new ArrayDeque<>();
    for (Node root : roots(nodes)) {
      stack.push(new Step(root, null, root.hostKey, 0));
    }
    while (!stack.isEmpty()) {
      Step step = stack.pop();
      Node node = step.node();
      String hostKey = step.hostKey();
      long delta = step.deltaNanos();
      if (step.parent() != null && (!node.hostKey.equals(hostKey) || node.hostKey.isEmpty())) {
        hostKey = node.hostKey;
        delta = skewNanos(node.span, step.parent().span);
      }
      shift(node.span, delta);
      for (Node child : node.children) {
        stack.push(new Step(child, node, hostKey, delta));
      }
    }
    return spans;
  }

  private static Map<Long, Node> nodes(List<AdjustableSpan> spans) {
    Map<Long, Node> nodes = new LinkedHashMap<>();
    for (AdjustableSpan span : spans) {
      if (nodes.containsKey(span.spanId())) {
        span.addWarning(WARNING_DUPLICATE_SPAN_ID);
      } else {
        nodes.put(span.spanId(), new Node(span));
      }
    }
    return nodes;
  }

  /** Links children to parents; returns the spans with no parent or an unknown one. */
  private static List<Node> roots(Map<Long, Node> nodes) {
    List<Node> roots = new ArrayList<>();
    for (Node node : nodes.values()) {
      long parentId = node.span.parentSpanId();
      if (parentId == 0) {
        roots.add(node);
        continue;
      }
      Node parent = nodes.get(parentId);
      if (parent != null) {
        parent.children.add(node);
      } else {
        node.span.addWarning("invalid parent span IDs=" + Ids.spanIdHex(parentId)
            + "; skipping clock skew adjustment");
        roots.add(node);
      }
    }
    return roots;
  }

  /** Returns how far to move {@code child} so that it sits inside its (adjusted) parent. */
  static long skewNanos(AdjustableSpan child, AdjustableSpan parent) {
    long parentStart = parent.startTimeNanos();
    long childStart = child.startTimeNanos();
    long parentDuration = parent.durationNanos();
    long childDuration = child.durationNanos();
    if (childDuration > parentDuration) {
      // An async child, or a parent that timed out: only make sure it does not start earlier.
      return childStart < parentStart ? parentStart - childStart : 0;
    }
    long parentEnd = parentStart + parentDuration;
    long childEnd = childStart + childDuration;
    if (childStart >= parentStart && childEnd <= parentEnd) {
      return 0;
    }
    // Assume the network latency is split equally between request and response.
    long latency = (parentDuration - childDuration) / 2;
    return parentStart + latency - childStart;
  }

  private void shift(AdjustableSpan span, long deltaNanos) {
    if (deltaNanos == 0) {
      return;
    }
    if (Math.abs(deltaNanos) > maxDeltaNanos) {
      span.addWarning(maxDeltaNanos == 0
          ? "clock skew adjustment disabled; not applying calculated delta of "
              + GoDurations.format(deltaNanos)
          : "max clock skew adjustment delta of " + GoDurations.format(maxDeltaNanos)
              + " exceeded; not applying calculated delta of " + GoDurations.format(deltaNanos));
      return;
    }
    span.startTimeNanos(span.startTimeNanos() + deltaNanos);
    span.addWarning("This span's timestamps were adjusted by " + GoDurations.format(deltaNanos));
    List<SpanLog> logs = span.logs();
    for (int i = 0; i < logs.size(); i++) {
      SpanLog log = logs.get(i);
      logs.set(i, new SpanLog(log.timestampNanos() + deltaNanos, log.fields()));
    }
  }

  /** The host identity of a span: its process {@code ip} tag as text, or "" when unknown. */
  static final class HostKey {
    private HostKey() {}

    static String of(List<KeyValue> processTags) {
      for (KeyValue tag : processTags) {
        if (tag.key().equals("ip")) {
          return switch (tag.type()) {
            case STRING -> tag.stringValue();
            case INT64 -> IpText.ipv4((int) tag.int64Value());
            case BINARY -> IpText.of(tag.binaryValue());
            default -> "";
          };
        }
      }
      return "";
    }
  }
}
