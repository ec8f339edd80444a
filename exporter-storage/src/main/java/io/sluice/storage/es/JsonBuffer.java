package io.sluice.storage.es;

import io.sluice.pipeline.go.GoJson;
import io.sluice.storage.model.GoStrings;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable UTF-8 byte buffer for writing JSON documents on the hot path without a JSON
 * library; reuse one per thread or per bulk request with {@link #reset()}.
 *
 * <p>Strings are escaped exactly as Go's {@code encoding/json} does, by the rules of
 * {@link GoJson}: a lone surrogate (an invalid UTF-8 byte under the {@link GoStrings}
 * convention) becomes {@code &#92;ufffd}, and everything not escaped, DEL included, is written
 * as raw UTF-8. {@link #writeString} keeps its own loop rather than call
 * {@link GoJson#appendString}, because every string of every span document passes through it:
 * it encodes UTF-8 straight into this array, where a {@code StringBuilder} detour would build,
 * encode and copy each string once more. It still asks {@link GoJson} which characters to
 * escape and how, so the escaping rules live in one place.
 * Not thread-safe.
 */
public final class JsonBuffer {
  /** The largest byte array HotSpot allocates (a few header words under 2^31). */
  static final int MAX_ARRAY_BYTES = Integer.MAX_VALUE - 8;
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] REPLACEMENT = "\\ufffd".getBytes(StandardCharsets.US_ASCII);

  private final long maxBytes;
  private byte[] bytes;
  private int size;

  /** Returns an empty buffer with room for 4 KiB. */
  public JsonBuffer() {
    this(4096);
  }

  /** Returns an empty buffer with room for {@code initialCapacityBytes}. */
  public JsonBuffer(int initialCapacityBytes) {
    this(initialCapacityBytes, MAX_ARRAY_BYTES);
  }

  /**
   * Returns an empty buffer with room for {@code initialCapacityBytes} that refuses to grow past
   * {@code maxBytes}: a write that would pass it throws {@link IllegalStateException}.
   */
  public JsonBuffer(int initialCapacityBytes, long maxBytes) {
    this.maxBytes = Math.min(maxBytes, MAX_ARRAY_BYTES);
    bytes = new byte[(int) Math.min(Math.max(16, initialCapacityBytes), this.maxBytes)];
  }

  /** Empties the buffer and keeps its memory. */
  public void reset() {
    size = 0;
  }

  /** Returns the number of bytes written. */
  public int size() {
    return size;
  }

  /** Returns the backing array; bytes {@code [0, size())} are the content. */
  public byte[] array() {
    return bytes;
  }

  /** Returns a copy of the content. */
  public byte[] toByteArray() {
    return Arrays.copyOf(bytes, size);
  }

  /** Returns the content decoded as UTF-8. */
  @Override
  public String toString() {
    return new String(bytes, 0, size, StandardCharsets.UTF_8);
  }

  /** Appends one ASCII character, e.g. a brace or a newline. */
  public JsonBuffer writeByte(char c) {
    ensure(1);
    bytes[size++] = (byte) c;
    return this;
  }

  /** Appends text that needs no escaping and is pure ASCII, such as a quoted field name. */
  public JsonBuffer writeAscii(String ascii) {
    int length = ascii.length();
    ensure(length);
    for (int i = 0; i < length; i++) {
      bytes[size++] = (byte) ascii.charAt(i);
    }
    return this;
  }

  /** Appends raw UTF-8 bytes, e.g. a pre-rendered document. */
  public JsonBuffer writeBytes(byte[] source, int offset, int length) {
    ensure(length);
    System.arraycopy(source, offset, bytes, size, length);
    size += length;
    return this;
  }

  /** Appends a signed decimal number. */
  public JsonBuffer writeLong(long value) {
    if (value < 0) {
      if (value == Long.MIN_VALUE) {
        return writeAscii("-9223372036854775808");
      }
      writeByte('-');
      value = -value;
    }
    return writeUnsignedLong(value);
  }

  /** Appends {@code value} read as an unsigned 64-bit number, as Go prints a uint64. */
  public JsonBuffer writeUnsignedLong(long value) {
    if (value < 0) {
      return writeAscii(Long.toUnsignedString(value));
    }
    ensure(20);
    int digits = digitCount(value);
    int end = size + digits;
    for (int i = end - 1; i >= size; i--) {
      bytes[i] = (byte) ('0' + value % 10);
      value /= 10;
    }
    size = end;
    return this;
  }

  /** Appends a quoted JSON string escaped as Go's {@code encoding/json} does. */
  public JsonBuffer writeString(String s) {
    int length = s.length();
    ensure(length * 6 + 2);
    bytes[size++] = '"';
    for (int i = 0; i < length; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        if (GoJson.escapesAscii(c)) {
          writeEscapedAscii(c);
        } else {
          bytes[size++] = (byte) c;
        }
      } else if (c < 0x800) {
        bytes[size++] = (byte) (0xC0 | (c >> 6));
        bytes[size++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isSurrogate(c)) {
        i = writeSurrogate(s, i);
      } else if (c == '\u2028' || c == '\u2029') {
        writeUnicodeEscape(c);
      } else {
        bytes[size++] = (byte) (0xE0 | (c >> 12));
        bytes[size++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        bytes[size++] = (byte) (0x80 | (c & 0x3F));
      }
    }
    bytes[size++] = '"';
    return this;
  }

  /** Writes a surrogate pair as UTF-8, a lone one as the replacement escape; returns the index. */
  private int writeSurrogate(String s, int i) {
    if (GoJson.isSurrogatePair(s, i)) {
      int cp = Character.toCodePoint(s.charAt(i), s.charAt(i + 1));
      bytes[size++] = (byte) (0xF0 | (cp >> 18));
      bytes[size++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
      bytes[size++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
      bytes[size++] = (byte) (0x80 | (cp & 0x3F));
      return i + 1;
    }
    System.arraycopy(REPLACEMENT, 0, bytes, size, REPLACEMENT.length);
    size += REPLACEMENT.length;
    return i;
  }

  private void writeEscapedAscii(char c) {
    char shortForm = GoJson.shortEscape(c);
    if (shortForm == 0) {
      writeUnicodeEscape(c);
    } else {
      bytes[size++] = '\\';
      bytes[size++] = (byte) shortForm;
    }
  }

  private void writeUnicodeEscape(char c) {
    bytes[size++] = '\\';
    bytes[size++] = 'u';
    bytes[size++] = HEX[(c >> 12) & 0xf];
    bytes[size++] = HEX[(c >> 8) & 0xf];
    bytes[size++] = HEX[(c >> 4) & 0xf];
    bytes[size++] = HEX[c & 0xf];
  }

  private static int digitCount(long value) {
    int digits = 1;
    for (long limit = 10; digits < 19 && value >= limit; limit *= 10) {
      digits++;
    }
    return digits;
  }

  private void ensure(int extra) {
    if (size + extra > bytes.length) {
      grow(extra);
    }
  }

  /**
   * Doubles the array (in long arithmetic: an int would wrap past 1 GiB and grow by a few bytes
   * per write, copying the whole buffer each time) up to the buffer's limit.
   *
   * @throws IllegalStateException naming the limit when the content would pass it
   */
  private void grow(int extra) {
    long needed = (long) size + extra;
    if (needed > maxBytes) {
      throw new IllegalStateException("the JSON output would be more than " + maxBytes
          + " bytes, the most this buffer holds");
    }
    long doubled = Math.min((long) bytes.length * 2, maxBytes);
    bytes = Arrays.copyOf(bytes, (int) Math.max(doubled, needed));
  }
}
