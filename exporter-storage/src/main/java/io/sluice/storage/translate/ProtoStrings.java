package io.sluice.storage.translate;

import com.google.protobuf.ByteString;
import io.sluice.storage.model.GoStrings;

/**
 * Reads protobuf string fields the way Go sees them, keeping invalid UTF-8 bytes.
 *
 * <p>protobuf-java refuses invalid UTF-8 in proto3 string fields both when parsing (the
 * receiver answers 400 where Jaeger, whose gogo-proto decoder does not check, accepts it) and
 * in builders, so every string that reaches Sluice is valid and Jaeger's UTF-8 sanitizer has
 * nothing to do. The check stays as cheap insurance: the decoded string is used as-is unless it
 * holds U+FFFD, and only then are the raw bytes consulted. Known shortcoming: the generated
 * String getter replaces a raw {@code ByteString} field with its lossy decoding, so bytes that
 * only reflection could have put there are seen as U+FFFD, not as invalid. Reading the bytes
 * first would catch that but costs an encode and a decode per string (measured at +1 to 2.5
 * microseconds for a span of 15 string attributes), too much for a case the wire cannot produce.
 */
final class ProtoStrings {
  private ProtoStrings() {}

  /** Returns true when the field's bytes are valid UTF-8. */
  static boolean isValid(String decoded, ByteString raw) {
    return decoded.indexOf('\uFFFD') < 0 || raw.isValidUtf8();
  }

  /** Returns the field as a Go string (see {@link GoStrings}). */
  static String read(String decoded, ByteString raw) {
    return isValid(decoded, raw) ? decoded : GoStrings.decodeUtf8(raw.toByteArray());
  }
}
