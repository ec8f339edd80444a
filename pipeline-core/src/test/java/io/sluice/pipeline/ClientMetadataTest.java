package io.sluice.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientMetadataTest {
  @Test
  void keysAreLowercasedAndValuesOfSameKeyJoined() {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("X-Tenant", List.of("a"));
    headers.put("x-tenant", List.of("b"));

    ClientMetadata metadata = ClientMetadata.of(headers);

    assertThat(metadata.values()).containsExactly(Map.entry("x-tenant", List.of("a", "b")));
    assertThat(metadata.get("X-TENANT")).containsExactly("a", "b");
    assertThat(metadata.get("missing")).isEmpty();
  }

  @Test
  void noValuesIsTheSharedEmptyInstance() {
    assertThat(ClientMetadata.of(Map.of())).isSameAs(ClientMetadata.EMPTY);
    assertThat(ClientMetadata.EMPTY.isEmpty()).isTrue();
  }

  @Test
  void tracesWithoutMetadataCarryEmpty() {
    Traces traces = Traces.of(List.of());
    ClientMetadata tenant = ClientMetadata.of(Map.of("x-tenant", List.of("a")));

    assertThat(traces.metadata()).isSameAs(ClientMetadata.EMPTY);
    assertThat(traces.withMetadata(ClientMetadata.EMPTY)).isSameAs(traces);
    assertThat(traces.withMetadata(tenant).metadata()).isEqualTo(tenant);
    assertThat(Traces.of(List.of(), tenant).metadata()).isEqualTo(tenant);
  }
}
