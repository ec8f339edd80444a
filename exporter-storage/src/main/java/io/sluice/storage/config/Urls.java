package io.sluice.storage.config;

import java.util.List;
import java.util.regex.Pattern;

/** Makes storage URLs safe to print: credentials written into a URL never reach a log line. */
public final class Urls {
  // scheme://user:password@host... → scheme://***@host...; also matches text that is not a valid
  // URI, since an invalid URL is exactly what an error message prints.
  private static final Pattern USER_INFO = Pattern.compile("(?<=://)[^/@\\s]*@");

  private Urls() {}

  /** Returns {@code url} with any {@code user:password@} part replaced by {@code ***@}. */
  public static String redact(String url) {
    return USER_INFO.matcher(url).replaceFirst("***@");
  }

  /** Returns the URLs redacted and joined by commas, for log lines. */
  public static String redactAll(List<String> urls) {
    return String.join(",", urls.stream().map(Urls::redact).toList());
  }
}
