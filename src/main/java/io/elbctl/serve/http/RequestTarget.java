package io.elbctl.serve.http;

import java.util.List;
import java.util.Locale;

/**
 * Where a request goes: its host and its target in origin form, or why it cannot be routed. These
 * are RFC 7230's rules for a server (sections 5.3 and 5.4) and apply in every desync mode, after
 * classification: an HTTP/1.1 request needs exactly one Host field with a valid, non-empty value; a
 * target is origin form ({@code /path?query}), absolute form ({@code http://host/path}) or {@code
 * *} for OPTIONS; an absolute-form target whose authority differs from the Host field is refused
 * rather than routed by one and forwarded with the other. The bytes of the path are not judged here
 * (spaces and control characters are the classifier's); the engine forwards {@link
 * Routable#originForm()} and {@link Routable#host()} as the Host field.
 */
public sealed interface RequestTarget permits RequestTarget.Routable, RequestTarget.Unroutable {

  /**
   * A request that can be routed.
   *
   * @param host the host (and port, if given) to route by and send upstream as Host, or empty for
   *     an HTTP/1.0 request without one
   * @param originForm the target to send upstream: the path and query
   */
  record Routable(String host, byte[] originForm) implements RequestTarget {
    public Routable {
      originForm = originForm.clone();
    }

    @Override
    public byte[] originForm() {
      return originForm.clone();
    }

    /** The origin-form target as ISO-8859-1 text. */
    public String originFormText() {
      return HttpBytes.latin1(originForm, 0, originForm.length);
    }
  }

  /**
   * A request to answer with 400 and {@code Connection: close}.
   *
   * @param reason one sentence for logs and tests
   */
  record Unroutable(String reason) implements RequestTarget {}

  /** The status for an unroutable request. */
  int REJECT_STATUS = 400;

  /** Decides where {@code head} goes. */
  static RequestTarget of(RequestHead head) {
    List<HeaderField> hosts = head.fieldsNamed("Host");
    HttpVersion version = HttpVersion.of(head.version());
    boolean http11 = version.kind() == HttpVersion.Kind.HTTP_1 && version.minor() >= 1;
    if (hosts.size() > 1) {
      return new Unroutable("the request has " + hosts.size() + " Host fields");
    }
    if (hosts.isEmpty() && http11) {
      return new Unroutable("an HTTP/1.1 request has no Host field");
    }
    String host = hosts.isEmpty() ? "" : hosts.get(0).trimmedValue();
    if (!hosts.isEmpty() && !isValidAuthority(host)) {
      return new Unroutable(
          host.isEmpty() ? "the Host field is empty" : "the Host field is not a host[:port]");
    }
    byte[] target = head.target();
    String text = HttpBytes.latin1(target, 0, target.length);
    if (text.startsWith("/")) {
      return new Routable(host, target);
    }
    if (text.equals("*") && head.methodText().equals("OPTIONS")) {
      return new Routable(host, target);
    }
    return absoluteForm(text, host, hosts.isEmpty());
  }

  private static RequestTarget absoluteForm(String text, String host, boolean noHostField) {
    String lower = text.toLowerCase(Locale.ROOT);
    int schemeEnd = lower.startsWith("http://") ? 7 : lower.startsWith("https://") ? 8 : -1;
    if (schemeEnd < 0) {
      return new Unroutable("the request target is not /path, http(s)://host/path or *");
    }
    int authorityEnd = schemeEnd;
    while (authorityEnd < text.length() && "/?#".indexOf(text.charAt(authorityEnd)) < 0) {
      authorityEnd++;
    }
    String authority = text.substring(schemeEnd, authorityEnd);
    if (!isValidAuthority(authority)) {
      return new Unroutable("the authority of the absolute-form target is not a host[:port]");
    }
    if (!noHostField && !authority.equalsIgnoreCase(host)) {
      return new Unroutable("the absolute-form target names a host other than the Host field");
    }
    String rest = text.substring(authorityEnd);
    String path = rest.startsWith("/") ? rest : "/" + rest;
    return new Routable(authority, HttpBytes.latin1(path));
  }

  /**
   * A reg-name or IP literal, optionally with a port: no whitespace, userinfo, path or controls.
   */
  private static boolean isValidAuthority(String authority) {
    if (authority.isEmpty()) {
      return false;
    }
    int colon = authority.lastIndexOf(':');
    String hostPart = authority;
    if (colon >= 0 && authority.indexOf(']', colon) < 0) {
      String port = authority.substring(colon + 1);
      if (port.isEmpty() || port.length() > 5 || !allMatch(port, Character::isDigit)) {
        return false;
      }
      hostPart = authority.substring(0, colon);
    }
    if (hostPart.startsWith("[") && hostPart.endsWith("]")) {
      return hostPart.length() > 2
          && allMatch(
              hostPart.substring(1, hostPart.length() - 1),
              c -> c == ':' || c == '.' || Character.digit(c, 16) >= 0);
    }
    return !hostPart.isEmpty()
        && allMatch(
            hostPart,
            c -> c < 0x80 && (Character.isLetterOrDigit(c) || "-._~!$&'()*+,;=%".indexOf(c) >= 0));
  }

  /** Whether every char of {@code s} passes: a plain loop, as this runs for every request. */
  private static boolean allMatch(String s, java.util.function.IntPredicate test) {
    for (int i = 0; i < s.length(); i++) {
      if (!test.test(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
