package io.elbctl.sim;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The ALB's stickiness cookies: {@code AWSALB} and {@code AWSALBCORS} (a target, duration-based),
 * {@code AWSALBAPP} (a target, application-based) and {@code AWSALBTG} and {@code AWSALBTGCORS} (a
 * target group of a weighted forward). The ALB encrypts their values; elbctl's values are the
 * target or group name in unpadded base64url, so a value printed by {@code simulate} works with
 * {@code serve} and back, and a value an ALB issued (which elbctl cannot read) counts as no cookie.
 */
public final class StickyCookies {
  public static final String TARGET = "AWSALB";
  public static final String TARGET_CORS = "AWSALBCORS";
  public static final String APP = "AWSALBAPP";
  public static final String GROUP = "AWSALBTG";
  public static final String GROUP_CORS = "AWSALBTGCORS";

  private static final DateTimeFormatter EXPIRES =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private StickyCookies() {}

  /** A target's cookie value. */
  public static String targetValue(String group, TargetRef target) {
    return encode(group + "\n" + target.id() + "\n" + target.port());
  }

  /** The target a cookie value names in {@code group}, or null when it names none there. */
  public static TargetRef target(String value, String group) {
    String[] parts = decode(value).split("\n", -1);
    if (parts.length != 3 || !parts[0].equals(group)) {
      return null;
    }
    try {
      return new TargetRef(parts[1], Integer.parseInt(parts[2]));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** A target group's cookie value. */
  public static String groupValue(String group) {
    return encode("tg\n" + group);
  }

  /** The target group a cookie value names, or null. */
  public static String group(String value) {
    String text = decode(value);
    return text.startsWith("tg\n") ? text.substring(3) : null;
  }

  /**
   * The Set-Cookie values ALB sends for a duration-based cookie: the cookie itself and, when {@code
   * cors} is not null, its {@code SameSite=None; Secure} twin for cross-origin requests.
   */
  public static List<String> setCookies(
      String name, String cors, String value, int seconds, Instant now) {
    String expires = "; Expires=" + EXPIRES.format(now.plusSeconds(seconds)) + "; Path=/";
    String main = name + "=" + value + expires;
    return cors == null
        ? List.of(main)
        : List.of(main, cors + "=" + value + expires + "; SameSite=None; Secure");
  }

  /** The cookies of {@code Cookie} headers (first occurrence of a name wins). */
  public static Map<String, String> fromHeaders(List<Request.Header> headers) {
    Map<String, String> cookies = new LinkedHashMap<>();
    for (Request.Header header : headers) {
      if (header.name().equalsIgnoreCase("cookie")) {
        parse(header.value(), cookies);
      }
    }
    return cookies;
  }

  /** The cookies of one {@code Cookie} header value such as {@code a=1; b=2}. */
  public static Map<String, String> parse(String text) {
    Map<String, String> cookies = new LinkedHashMap<>();
    parse(text, cookies);
    return cookies;
  }

  private static void parse(String text, Map<String, String> into) {
    for (String pair : text.split(";")) {
      int equals = pair.indexOf('=');
      if (equals > 0) {
        into.putIfAbsent(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
      }
    }
  }

  /** True when a response's headers set the cookie {@code name}. */
  public static boolean sets(List<Request.Header> responseHeaders, String name) {
    for (Request.Header header : responseHeaders) {
      if (header.name().equalsIgnoreCase("set-cookie")) {
        int equals = header.value().indexOf('=');
        if (equals > 0 && header.value().substring(0, equals).trim().equals(name)) {
          return true;
        }
      }
    }
    return false;
  }

  private static String encode(String text) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String decode(String value) {
    try {
      return new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return "";
    }
  }
}
