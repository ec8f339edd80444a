package io.sluice.storage.config;

import io.sluice.pipeline.config.ConfigException;
import io.sluice.pipeline.config.ConfigNode;
import io.sluice.pipeline.config.Fields;

/**
 * {@code auth}: basic credentials and a bearer token for the search engine.
 *
 * @param basic user name and password; empty user name means no basic auth
 * @param bearerToken a token read from a file; empty path means none
 */
public record AuthConfig(Basic basic, BearerToken bearerToken) {
  /** Returns no authentication. */
  public static AuthConfig none() {
    return new AuthConfig(new Basic("", "", ""), new BearerToken("", false));
  }

  /** Decodes an {@code auth} block. */
  public static AuthConfig decode(ConfigNode node) {
    Fields f = node.fields();
    AuthConfig auth = new AuthConfig(Basic.decode(f.node("basic")),
        BearerToken.decode(f.node("bearer_token")));
    f.finish();
    return auth;
  }

  /**
   * {@code auth.basic}. The password never appears in {@link #toString()}.
   *
   * @param username empty when basic auth is off
   * @param password the password written inline; empty when absent
   * @param passwordFile a file whose trimmed content is the password; empty when absent
   */
  public record Basic(String username, String password, String passwordFile) {
    /** Decodes {@code auth.basic}; a password and a password file together are an error. */
    public static Basic decode(ConfigNode node) {
      Fields f = node.fields();
      Basic basic = new Basic(f.string("username", ""), f.string("password", ""),
          f.string("password_file", ""));
      f.finish();
      if (!basic.password.isEmpty() && !basic.passwordFile.isEmpty()) {
        throw ConfigException.at(node,
            "both password and password_file are set; provide only one of them");
      }
      return basic;
    }

    /** Returns true when a user name is configured. */
    public boolean enabled() {
      return !username.isEmpty();
    }

    @Override
    public String toString() {
      return "Basic[username=" + username + ", password=" + (password.isEmpty() ? "" : "<redacted>")
          + ", passwordFile=" + passwordFile + "]";
    }
  }

  /**
   * {@code auth.bearer_token}.
   *
   * @param filePath a file holding the token; empty when absent
   * @param fromContext take the token from the incoming request; accepted, not used by writes
   */
  public record BearerToken(String filePath, boolean fromContext) {
    /** Decodes {@code auth.bearer_token}. */
    public static BearerToken decode(ConfigNode node) {
      Fields f = node.fields();
      BearerToken token = new BearerToken(f.string("file_path", ""), f.bool("from_context", false));
      f.finish();
      return token;
    }
  }
}
