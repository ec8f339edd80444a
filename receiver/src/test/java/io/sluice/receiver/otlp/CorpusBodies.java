package io.sluice.receiver.otlp;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

/** The corpus bodies too large to keep in git, generated from their {@code gen:} name. */
final class CorpusBodies {
  private static final int MIB = 1024 * 1024;
  private static final int CHUNK_BYTES = 64 * 1024;

  private CorpusBodies() {}

  /** Returns the body {@code name} stands for; throws for an unknown name. */
  static byte[] generate(String name) throws IOException {
    return switch (name) {
      case "million-attributes" -> spanWithAttributes(1_000_000);
      case "half-million-json-attributes" -> jsonSpanWithAttributes(500_000);
      case "name-15mib-protobuf" -> protobufSpanNamed(15 * MIB);
      case "name-15mib-json" -> jsonSpanNamed(15 * MIB);
      case "kind-1mib-string-json" -> jsonSpanKind("k".repeat(MIB));
      case "random-21mib" -> random(21 * MIB);
      case "gzip-bomb-64mib" -> zeros(64 * MIB, true);
      case "zlib-bomb-64mib" -> zeros(64 * MIB, false);
      case "zstd-bomb-64mib" -> Compressors.zstd(new byte[64 * MIB]);
      case "snappy-bomb-64mib" -> Compressors.snappy(new byte[64 * MIB]);
      case "lz4-bomb-64mib" -> Compressors.lz4(new byte[64 * MIB]);
      default -> throw new IllegalArgumentException("unknown generated body " + name);
    };
  }

  /**
   * One span with {@code count} attributes {@code a=1}, written field by field so that the
   * test does not build a million objects to make it: about 9 bytes each.
   */
  private static byte[] spanWithAttributes(int count) throws IOException {
    byte[] attribute = KeyValue.newBuilder()
        .setKey("a")
        .setValue(AnyValue.newBuilder().setIntValue(1))
        .build()
        .toByteArray();
    ByteArrayOutputStream attributes = new ByteArrayOutputStream(count * (attribute.length + 2));
    CodedOutputStream out = CodedOutputStream.newInstance(attributes);
    for (int i = 0; i < count; i++) {
      out.writeByteArray(Span.ATTRIBUTES_FIELD_NUMBER, attribute);
    }
    out.flush();
    Span head = Span.newBuilder().setName("attributes").setStartTimeUnixNano(1).build();
    return nest(ByteString.copyFrom(head.toByteArray())
        .concat(ByteString.copyFrom(attributes.toByteArray())));
  }

  private static byte[] protobufSpanNamed(int nameBytes) throws IOException {
    byte[] name = new byte[nameBytes];
    Arrays.fill(name, (byte) 'x');
    Span span = Span.newBuilder().setNameBytes(ByteString.copyFrom(name)).build();
    return nest(span.toByteString());
  }

  /** Wraps span bytes into request { resource_spans { scope_spans { spans } } }. */
  private static byte[] nest(ByteString span) throws IOException {
    ByteString scopeSpans = lengthDelimited(2, span);
    ByteString resourceSpans = lengthDelimited(2, scopeSpans);
    return lengthDelimited(1, resourceSpans).toByteArray();
  }

  private static ByteString lengthDelimited(int field, ByteString payload) throws IOException {
    ByteString.Output bytes = ByteString.newOutput(payload.size() + 16);
    CodedOutputStream out = CodedOutputStream.newInstance(bytes);
    out.writeBytes(field, payload);
    out.flush();
    return bytes.toByteString();
  }

  private static byte[] jsonSpanWithAttributes(int count) {
    StringBuilder json = new StringBuilder(count * 12 + 100)
        .append("{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"name\":\"attributes\",")
        .append("\"attributes\":[");
    for (int i = 0; i < count; i++) {
      json.append(i == 0 ? "" : ",").append("{\"key\":\"a\"}");
    }
    return json.append("]}]}]}]}").toString().getBytes(UTF_8);
  }

  private static byte[] jsonSpanNamed(int nameBytes) {
    return ("{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"name\":\""
        + "x".repeat(nameBytes) + "\"}]}]}]}").getBytes(UTF_8);
  }

  private static byte[] jsonSpanKind(String kind) {
    return ("{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"kind\":\"" + kind
        + "\"}]}]}]}").getBytes(UTF_8);
  }

  private static byte[] random(int bytes) {
    byte[] body = new byte[bytes];
    new Random(21).nextBytes(body);
    return body;
  }

  /** Returns {@code bytes} zero bytes compressed with gzip or zlib, a chunk at a time. */
  private static byte[] zeros(int bytes, boolean gzip) throws IOException {
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    byte[] chunk = new byte[CHUNK_BYTES];
    try (OutputStream out = gzip
        ? new GZIPOutputStream(compressed)
        : new DeflaterOutputStream(compressed)) {
      for (int written = 0; written < bytes; written += chunk.length) {
        out.write(chunk);
      }
    }
    return compressed.toByteArray();
  }
}
