package io.sluice.pipeline;

import static java.util.Objects.requireNonNull;

import java.util.regex.Pattern;

/**
 * A component's identity: {@code type} or {@code type/name}, as the collector spells it.
 *
 * @param type selects the factory; matches {@code [a-zA-Z][0-9a-zA-Z_]{0,62}}
 * @param name tells apart several components of one type; empty when absent
 */
public record ComponentId(String type, String name) {
  private static final Pattern TYPE = Pattern.compile("[a-zA-Z][0-9a-zA-Z_]{0,62}");
  private static final int MAX_NAME_LENGTH = 1024;

  /** Checks the parts. */
  public ComponentId {
    requireNonNull(type, "type");
    requireNonNull(name, "name");
    if (!TYPE.matcher(type).matches()) {
      throw new IllegalArgumentException(
          "invalid character(s) in type \"" + type + "\": must match " + TYPE.pattern());
    }
    if (name.length() > MAX_NAME_LENGTH) {
      throw new IllegalArgumentException("name is longer than " + MAX_NAME_LENGTH + " characters");
    }
  }

  /** Parses {@code type} or {@code type/name}; white space around each part is trimmed. */
  public static ComponentId parse(String text) {
    requireNonNull(text, "text");
    int slash = text.indexOf('/');
    if (slash < 0) {
      return new ComponentId(text.trim(), "");
    }
    String type = text.substring(0, slash).trim();
    String name = text.substring(slash + 1).trim();
    if (type.isEmpty()) {
      throw new IllegalArgumentException("in \"" + text + "\" id: the part before / should not be empty");
    }
    if (name.isEmpty()) {
      throw new IllegalArgumentException("in \"" + text + "\" id: the part after / should not be empty");
    }
    return new ComponentId(type, name);
  }

  @Override
  public String toString() {
    return name.isEmpty() ? type : type + "/" + name;
  }
}
