package io.sluice.storage.translate;

import static io.sluice.storage.translate.Otlp.attr;
import static io.sluice.storage.translate.Otlp.str;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Span;
import io.sluice.storage.model.JaegerProcess;
import java.util.List;
import org.junit.jupiter.api.Test;

class SanitizersTest {
  private static final byte[] BAD = {'a', (byte) 0xff, 'b'};

  private static String service(KeyValue... attributes) {
    return Sanitizers.serviceName(Resource.newBuilder().addAllAttributes(List.of(attributes))
        .build());
  }

  @Test
  void serviceNamePlaceholdersMatchJaeger() {
    assertThat(service()).isEqualTo("missing-service-name");
    assertThat(service(str("host", "a"))).isEqualTo("missing-service-name");
    assertThat(service(attr("service.name", AnyValue.newBuilder().setIntValue(1).build())))
        .isEqualTo("service-name-wrong-type");
    assertThat(service(str("service.name", ""))).isEqualTo("empty-service-name");
    assertThat(service(str("service.name", "svc"), str("service.name", "second")))
        .isEqualTo("svc");
  }

  @Test
  void protobufRefusesInvalidUtf8BeforeTheUtf8SanitizerCouldSeeIt() {
    byte[] wire = {0x0a, 3, 'a', (byte) 0xff, 'b'};

    assertThatThrownBy(() -> KeyValue.parseFrom(wire))
        .isInstanceOf(InvalidProtocolBufferException.class)
        .hasMessage("Protocol message had invalid UTF-8.");
    assertThatThrownBy(() -> KeyValue.newBuilder().setKeyBytes(ByteString.copyFrom(BAD)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void validAttributesPassTheSanitizerUnchanged() {
    JaegerProcess process = OtlpToJaeger.process(Resource.newBuilder()
        .addAttributes(str("k", "a\ufffdb")).addAttributes(str("service.name", "svc")).build());

    assertThat(process.tags())
        .containsExactly(io.sluice.storage.model.KeyValue.string("k", "a\ufffdb"));
  }

  @Test
  void validSpanNameIsKept() {
    Span span = Span.newBuilder().setName("GET /").build();

    assertThat(Sanitizers.spanName(span)).isEqualTo("GET /");
    assertThat(Sanitizers.isSpanNameValid(span)).isTrue();
  }
}
