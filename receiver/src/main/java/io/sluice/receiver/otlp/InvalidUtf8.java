package io.sluice.receiver.otlp;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.UnsafeByteOperations;
import com.google.protobuf.WireFormat;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * Finds where a request body breaks UTF-8, so that the 400 answer can say which field to fix.
 *
 * <p>protobuf-java refuses a proto3 string that is not UTF-8 with "Protocol message had invalid
 * UTF-8." and no field; {@link #protobufField} walks the same bytes with the message descriptors
 * and names the first such field. It runs only after that failure, so valid requests pay
 * nothing. See RATIONALE.md for why such a request is refused rather than repaired.
 */
final class InvalidUtf8 {
  /** The nesting the walk follows, as deep as protobuf-java's default recursion limit. */
  private static final int MAX_DEPTH = 100;

  private InvalidUtf8() {}

  /** Returns whether {@code bytes} are well-formed UTF-8 (no overlong forms, no surrogates). */
  static boolean isValid(byte[] bytes) {
    return UnsafeByteOperations.unsafeWrap(bytes).isValidUtf8();
  }

  /** Returns the offset of the first byte that is not well-formed UTF-8, or -1 if none. */
  static int firstInvalidByte(byte[] bytes) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CoderResult result = decoder.decode(in, CharBuffer.allocate(bytes.length), true);
    return result.isError() ? in.position() : -1;
  }

  /**
   * Returns the path of the first string field of an {@code ExportTraceServiceRequest} body that
   * is not UTF-8, e.g. {@code resource_spans[0].scope_spans[0].spans[2].name}; null when none
   * is found or the body is malformed before it.
   */
  @Nullable
  static String protobufField(byte[] body) {
    try {
      return find(CodedInputStream.newInstance(body), ExportTraceServiceRequest.getDescriptor(),
          "", 0);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  @Nullable
  private static String find(CodedInputStream in, Descriptor type, String path, int depth)
      throws IOException {
    Map<Integer, Integer> seen = new HashMap<>();
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      FieldDescriptor field = type.findFieldByNumber(WireFormat.getTagFieldNumber(tag));
      if (field == null || WireFormat.getTagWireType(tag) != WireFormat.WIRETYPE_LENGTH_DELIMITED) {
        in.skipField(tag);
        continue;
      }
      int index = seen.merge(field.getNumber(), 1, Integer::sum) - 1;
      String here = path + field.getName() + (field.isRepeated() ? "[" + index + "]" : "");
      String found = findInField(in, field, here, depth);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  @Nullable
  private static String findInField(
      CodedInputStream in, FieldDescriptor field, String here, int depth) throws IOException {
    if (field.getType() == FieldDescriptor.Type.STRING) {
      ByteString value = in.readBytes();
      return value.isValidUtf8() ? null : here;
    }
    if (field.getType() != FieldDescriptor.Type.MESSAGE || depth >= MAX_DEPTH) {
      in.skipRawBytes(in.readRawVarint32());
      return null;
    }
    int limit = in.pushLimit(in.readRawVarint32());
    String found = find(in, field.getMessageType(), here + ".", depth + 1);
    in.skipRawBytes(in.getBytesUntilLimit());
    in.popLimit(limit);
    return found;
  }
}
