package io.sluice.storage.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UrlsTest {
  @ParameterizedTest
  @CsvSource({
    "http://elastic:SeCrEt123@127.0.0.1:9200, http://***@127.0.0.1:9200",
    "https://user@es.local/path, https://***@es.local/path",
    "http://elastic:SeCrEt123@bad host:9200, http://***@bad host:9200",
    "http://127.0.0.1:9200, http://127.0.0.1:9200",
    "http://127.0.0.1:9200/a@b, http://127.0.0.1:9200/a@b",
  })
  void redactRemovesCredentialsOnly(String url, String expected) {
    assertThat(Urls.redact(url)).isEqualTo(expected);
  }

  @Test
  void redactAllJoinsTheRedactedUrls() {
    assertThat(Urls.redactAll(List.of("http://a:b@h1:9200", "http://h2:9200")))
        .isEqualTo("http://***@h1:9200,http://h2:9200");
  }
}
