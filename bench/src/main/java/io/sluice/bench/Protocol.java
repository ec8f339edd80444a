package io.sluice.bench;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The OTLP transport the load is sent with, named as {@code OTEL_EXPORTER_OTLP_PROTOCOL} is. */
public enum Protocol {
  /** OTLP/HTTP with protobuf bodies, to {@code <endpoint>/v1/traces}; default port 4318. */
  HTTP_PROTOBUF("http/protobuf", "http://localhost:4318"),
  /** OTLP/gRPC, unary {@code TraceService/Export}; default port 4317. */
  GRPC("grpc", "http://localhost:4317");

  private final String flag;
  private final String defaultEndpoint;

  Protocol(String flag, String defaultEndpoint) {
    this.flag = flag;
    this.defaultEndpoint = defaultEndpoint;
  }

  /** Returns the protocol's name as {@code --protocol} and the OTel environment spell it. */
  public String flag() {
    return flag;
  }

  /** Returns the collector's default endpoint for this protocol on localhost. */
  public String defaultEndpoint() {
    return defaultEndpoint;
  }

  /**
   * Returns the protocol named {@code flag}.
   *
   * @throws IllegalArgumentException naming the value and the accepted ones if none matches
   */
  public static Protocol fromFlag(String flag) {
    for (Protocol protocol : values()) {
      if (protocol.flag.equals(flag)) {
        return protocol;
      }
    }
    throw new IllegalArgumentException("--protocol: unsupported value '" + flag
        + "', expected one of " + Arrays.stream(values()).map(Protocol::flag)
        .collect(Collectors.joining(", ")));
  }

  @Override
  public String toString() {
    return flag;
  }
}
