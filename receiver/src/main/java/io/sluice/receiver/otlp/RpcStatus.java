package io.sluice.receiver.otlp;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import javax.annotation.Nullable;

/**
 * Encodes {@code google.rpc.Status} messages by hand, so that no extra proto library is needed:
 * {@code code} (field 1), {@code message} (field 2) and, when a retry delay is known, one
 * {@code google.rpc.RetryInfo} detail (field 3), which OTLP/gRPC clients read as the time to
 * wait before retrying.
 */
final class RpcStatus {
  private static final String RETRY_INFO_TYPE = "type.googleapis.com/google.rpc.RetryInfo";

  private RpcStatus() {}

  /** Returns the serialized status; zero and empty fields are omitted, as protobuf does. */
  static byte[] encode(int code, String message, @Nullable Duration retryDelay) {
    return write(out -> {
      if (code != 0) {
        out.writeInt32(1, code);
      }
      if (!message.isEmpty()) {
        out.writeString(2, message);
      }
      if (retryDelay != null) {
        out.writeBytes(3, ByteString.copyFrom(retryInfoAny(retryDelay)));
      }
    });
  }

  private static byte[] retryInfoAny(Duration delay) {
    byte[] duration = write(out -> {
      if (delay.getSeconds() != 0) {
        out.writeInt64(1, delay.getSeconds());
      }
      if (delay.getNano() != 0) {
        out.writeInt32(2, delay.getNano());
      }
    });
    byte[] retryInfo = write(out -> out.writeBytes(1, ByteString.copyFrom(duration)));
    return write(out -> {
      out.writeString(1, RETRY_INFO_TYPE);
      out.writeBytes(2, ByteString.copyFrom(retryInfo));
    });
  }

  private static byte[] write(Writer writer) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      CodedOutputStream out = CodedOutputStream.newInstance(bytes);
      writer.write(out);
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @FunctionalInterface
  private interface Writer {
    void write(CodedOutputStream out) throws IOException;
  }
}
