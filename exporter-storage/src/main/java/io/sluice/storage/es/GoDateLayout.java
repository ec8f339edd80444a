package io.sluice.storage.es;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Formats UTC times with a Go reference-time layout such as {@code "2006-01-02"}, as Jaeger's
 * {@code date_layout} settings do (spec §4.2).
 *
 * <p>Supported tokens: {@code 2006} (year), {@code 06} (two-digit year), {@code 01} and
 * {@code 1} (month), {@code 02} and {@code 2} (day), {@code 15} (hour, 24h), {@code 03} and
 * {@code 3} (hour, 12h), {@code 04} and {@code 4} (minute), {@code 05} and {@code 5} (second).
 * Every other character is copied, so month and weekday names, AM/PM, zones and fractions are
 * not supported: they would come out as literal text. The last name is cached per time unit of
 * the layout, so formatting the same day or hour again costs a comparison. Thread-safe.
 */
public final class GoDateLayout {
  private static final long DAY_MILLIS = 86_400_000L;

  private enum Token {
    YEAR, YEAR2, MONTH, MONTH1, DAY, DAY1, HOUR, HOUR12, HOUR12_1, MINUTE, MINUTE1, SECOND,
    SECOND1
  }

  private record Part(Token token, String literal) {}

  private record Cached(long unit, String text) {}

  private final String layout;
  private final List<Part> parts;
  private final long unitMillis;
  private volatile Cached cached = new Cached(Long.MIN_VALUE, "");

  private GoDateLayout(String layout, List<Part> parts, long unitMillis) {
    this.layout = layout;
    this.parts = parts;
    this.unitMillis = unitMillis;
  }

  /** Returns the formatter for a Go layout, e.g. "2006-01-02" or "2006-01-02-15". */
  public static GoDateLayout of(String layout) {
    requireNonNull(layout, "layout");
    List<Part> parts = parse(layout);
    return new GoDateLayout(layout, List.copyOf(parts), unitMillis(parts));
  }

  /** Returns the layout text. */
  public String layout() {
    return layout;
  }

  /** Returns the UTC time {@code epochMillis} formatted with this layout. */
  public String format(long epochMillis) {
    long unit = Math.floorDiv(epochMillis, unitMillis);
    Cached last = cached;
    if (last.unit == unit) {
      return last.text;
    }
    String text = render(epochMillis);
    cached = new Cached(unit, text);
    return text;
  }

  private String render(long epochMillis) {
    LocalDateTime t = LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC);
    StringBuilder out = new StringBuilder(layout.length() + 4);
    for (Part part : parts) {
      if (part.token == null) {
        out.append(part.literal);
      } else {
        appendToken(out, part.token, t);
      }
    }
    return out.toString();
  }

  private static void appendToken(StringBuilder out, Token token, LocalDateTime t) {
    int hour12 = t.getHour() % 12 == 0 ? 12 : t.getHour() % 12;
    switch (token) {
      case YEAR -> out.append(String.format("%04d", t.getYear()));
      case YEAR2 -> pad2(out, Math.floorMod(t.getYear(), 100));
      case MONTH -> pad2(out, t.getMonthValue());
      case MONTH1 -> out.append(t.getMonthValue());
      case DAY -> pad2(out, t.getDayOfMonth());
      case DAY1 -> out.append(t.getDayOfMonth());
      case HOUR -> pad2(out, t.getHour());
      case HOUR12 -> pad2(out, hour12);
      case HOUR12_1 -> out.append(hour12);
      case MINUTE -> pad2(out, t.getMinute());
      case MINUTE1 -> out.append(t.getMinute());
      case SECOND -> pad2(out, t.getSecond());
      case SECOND1 -> out.append(t.getSecond());
    }
  }

  private static void pad2(StringBuilder out, int value) {
    if (value < 10) {
      out.append('0');
    }
    out.append(value);
  }

  private static List<Part> parse(String layout) {
    List<Part> parts = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    int i = 0;
    while (i < layout.length()) {
      Token token = null;
      int width = 0;
      for (String candidate : new String[] {"2006", "01", "02", "03", "04", "05", "06", "15"}) {
        if (layout.startsWith(candidate, i)) {
          token = longToken(candidate);
          width = candidate.length();
          break;
        }
      }
      if (token == null) {
        token = shortToken(layout.charAt(i));
        width = 1;
      }
      if (token == null) {
        literal.append(layout.charAt(i));
      } else {
        flush(parts, literal);
        parts.add(new Part(token, null));
      }
      i += width;
    }
    flush(parts, literal);
    return parts;
  }

  private static Token longToken(String text) {
    return switch (text) {
      case "2006" -> Token.YEAR;
      case "01" -> Token.MONTH;
      case "02" -> Token.DAY;
      case "03" -> Token.HOUR12;
      case "04" -> Token.MINUTE;
      case "05" -> Token.SECOND;
      case "06" -> Token.YEAR2;
      default -> Token.HOUR;
    };
  }

  private static Token shortToken(char c) {
    return switch (c) {
      case '1' -> Token.MONTH1;
      case '2' -> Token.DAY1;
      case '3' -> Token.HOUR12_1;
      case '4' -> Token.MINUTE1;
      case '5' -> Token.SECOND1;
      default -> null;
    };
  }

  private static void flush(List<Part> parts, StringBuilder literal) {
    if (literal.length() > 0) {
      parts.add(new Part(null, literal.toString()));
      literal.setLength(0);
    }
  }

  /** Returns the finest unit the layout prints, so cached names never span two values. */
  private static long unitMillis(List<Part> parts) {
    long unit = DAY_MILLIS;
    for (Part part : parts) {
      if (part.token == null) {
        continue;
      }
      unit = Math.min(unit, switch (part.token) {
        case SECOND, SECOND1 -> 1_000L;
        case MINUTE, MINUTE1 -> 60_000L;
        case HOUR, HOUR12, HOUR12_1 -> 3_600_000L;
        default -> DAY_MILLIS;
      });
    }
    return unit;
  }
}
