package io.sluice.storage.es;

import static java.util.Objects.requireNonNull;

import io.sluice.storage.model.JaegerSpan;

/**
 * The service/operation document Jaeger writes next to each span (spec §3.3): exactly
 * {@code {"serviceName":…,"operationName":…}}, no span kind.
 *
 * @param serviceName the process service name
 * @param operationName the span's operation name
 */
public record ServiceDocument(String serviceName, String operationName) {
  /** Checks the names. */
  public ServiceDocument {
    requireNonNull(serviceName, "serviceName");
    requireNonNull(operationName, "operationName");
  }

  /** Returns the service document of a span. */
  public static ServiceDocument of(JaegerSpan span) {
    return new ServiceDocument(span.process().serviceName(), span.operationName());
  }

  /** Returns the document {@code _id}: {@link ServiceIds#fnv1a64Hex} of the two names. */
  public String id() {
    return ServiceIds.fnv1a64Hex(serviceName, operationName);
  }

  /** Appends the document to {@code out}, without a trailing newline. */
  public void write(JsonBuffer out) {
    out.writeAscii("{\"serviceName\":").writeString(serviceName);
    out.writeAscii(",\"operationName\":").writeString(operationName).writeByte('}');
  }

  /** Returns the document as a string. */
  public String toJson() {
    JsonBuffer out = new JsonBuffer(128);
    write(out);
    return out.toString();
  }
}
