package io.elbctl.spec;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The rules for DNS names that the validator, the planner and the gateway share: Route 53's stored
 * form, comparison form, syntax, zone membership and wildcard coverage.
 */
public final class DnsName {
  private static final Pattern LABEL = Pattern.compile("(?!-)[A-Za-z0-9_-]{1,63}(?<!-)");

  private DnsName() {}

  /** A DNS name in Route 53's stored form: lower case with a trailing dot, {@code \052} as *. */
  public static String fqdn(String name) {
    String lower = name.toLowerCase(Locale.ROOT).replace("\\052", "*");
    return lower.endsWith(".") ? lower : lower + ".";
  }

  /** A DNS name for comparison: lower case, without the trailing dot. */
  public static String normalize(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
  }

  /** Null when {@code name} is a valid DNS name (optionally a leading {@code *.}), else why not. */
  public static String problem(String name, boolean wildcardAllowed) {
    String body = name;
    if (body.endsWith(".")) {
      body = body.substring(0, body.length() - 1);
    }
    if (body.startsWith("*.")) {
      if (!wildcardAllowed) {
        return "must not be a wildcard";
      }
      body = body.substring(2);
    }
    if (body.isEmpty() || body.length() > 253) {
      return "must be a DNS name of 1-253 characters";
    }
    if (!body.contains(".")) {
      return "must be a fully qualified domain name such as example.com";
    }
    for (String label : body.split("\\.", -1)) {
      if (!LABEL.matcher(label).matches()) {
        return "is not a valid DNS name: label \""
            + label
            + "\" must be 1-63 letters, digits or"
            + " hyphens, not beginning or ending with a hyphen";
      }
    }
    return null;
  }

  /** True when {@code name} is {@code zone} or a name below it. */
  public static boolean inZone(String name, String zone) {
    String n = normalize(name);
    String z = normalize(zone);
    return n.equals(z) || n.endsWith("." + z);
  }

  /** True when a certificate for {@code certName} is valid for host {@code record}. */
  public static boolean covers(String certName, String record) {
    String c = normalize(certName);
    String r = normalize(record);
    if (c.equals(r)) {
      return true;
    }
    if (c.startsWith("*.") && !r.startsWith("*.")) {
      int dot = r.indexOf('.');
      return dot > 0 && r.substring(dot + 1).equals(c.substring(2));
    }
    return false;
  }
}
