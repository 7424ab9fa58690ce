package io.elbctl.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * One client request as the ALB sees it: method, listener scheme and port, the Host header, the raw
 * path, the query string (without {@code ?}), headers, and the TCP source address.
 *
 * @param scheme {@code http} or {@code https}, or null to take the listener's
 * @param host the Host header as sent (may carry {@code :port}), or null when unknown
 * @param port the listener port the request arrives on, or null for the default listener
 * @param query the query string without {@code ?}, or null when the URL has none
 * @param sourceIp the connection's source address, or null when not given
 */
public record Request(
    String method,
    String scheme,
    String host,
    Integer port,
    String path,
    String query,
    List<Header> headers,
    String sourceIp) {

  /** One request header; names compare case-insensitively, occurrences keep their order. */
  public record Header(String name, String value) {
    /** Parses {@code Name: value}. */
    public static Header parse(String text) {
      int colon = text.indexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException(
            "header '" + text + "' must be written as 'Name: value'");
      }
      return new Header(text.substring(0, colon).trim(), text.substring(colon + 1).trim());
    }
  }

  public Request {
    method = method == null ? "GET" : method;
    path = path == null || path.isEmpty() ? "/" : path;
    headers = headers == null ? List.of() : List.copyOf(headers);
  }

  /** A GET for a path, with everything else left to the listener's defaults. */
  public static Request get(String pathOrUrl) {
    return parse(pathOrUrl, "GET");
  }

  /**
   * Parses a path ({@code /a/b?q=1}) or an absolute URL ({@code https://host:8443/a?q}); a URL sets
   * the scheme, the Host header, the port (explicit or the scheme's default) and the query.
   */
  public static Request parse(String pathOrUrl, String method) {
    String text = pathOrUrl.trim();
    int hash = text.indexOf('#');
    if (hash >= 0) {
      text = text.substring(0, hash);
    }
    String scheme = null;
    String host = null;
    Integer port = null;
    int schemeEnd = text.indexOf("://");
    if (schemeEnd > 0 && !text.startsWith("/")) {
      scheme = text.substring(0, schemeEnd).toLowerCase(java.util.Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) {
        throw new IllegalArgumentException(
            "'" + pathOrUrl + "' is not an http:// or https:// URL or a path starting with /");
      }
      int authorityStart = schemeEnd + 3;
      int pathStart = authorityStart;
      while (pathStart < text.length()
          && text.charAt(pathStart) != '/'
          && text.charAt(pathStart) != '?') {
        pathStart++;
      }
      host = text.substring(authorityStart, pathStart);
      int at = host.lastIndexOf('@');
      if (at >= 0) {
        host = host.substring(at + 1);
      }
      if (host.isEmpty()) {
        throw new IllegalArgumentException("'" + pathOrUrl + "' has no host");
      }
      int colon = portColon(host);
      if (colon >= 0) {
        try {
          port = Integer.parseInt(host.substring(colon + 1));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("'" + pathOrUrl + "' has an invalid port");
        }
        if (port < 1 || port > 65535) {
          throw new IllegalArgumentException("'" + pathOrUrl + "' has an invalid port");
        }
        if (port == (scheme.equals("https") ? 443 : 80)) {
          // Browsers leave the scheme's default port out of the Host header.
          host = host.substring(0, colon);
        }
      } else {
        port = scheme.equals("https") ? 443 : 80;
      }
      text = text.substring(pathStart);
      if (text.startsWith("?")) {
        text = "/" + text;
      }
    } else if (!text.startsWith("/")) {
      throw new IllegalArgumentException(
          "'" + pathOrUrl + "' is neither a path starting with / nor an http(s):// URL");
    }
    int question = text.indexOf('?');
    String path = question >= 0 ? text.substring(0, question) : text;
    String query = question >= 0 ? text.substring(question + 1) : null;
    return new Request(method, scheme, host, port, path, query, List.of(), null);
  }

  /** Index of the colon before a port in a host[:port] authority, or -1. */
  static int portColon(String authority) {
    int colon = authority.lastIndexOf(':');
    if (colon < 0) {
      return -1;
    }
    int bracket = authority.lastIndexOf(']');
    return colon > bracket ? colon : -1;
  }

  /** The Host header without a port. */
  public String hostName() {
    if (host == null) {
      return null;
    }
    int colon = portColon(host);
    return colon >= 0 ? host.substring(0, colon) : host;
  }

  public Request withMethod(String newMethod) {
    return new Request(newMethod, scheme, host, port, path, query, headers, sourceIp);
  }

  public Request withHost(String newHost) {
    return new Request(method, scheme, newHost, port, path, query, headers, sourceIp);
  }

  public Request withPort(Integer newPort) {
    return new Request(method, scheme, host, newPort, path, query, headers, sourceIp);
  }

  public Request withScheme(String newScheme) {
    return new Request(method, newScheme, host, port, path, query, headers, sourceIp);
  }

  public Request withSourceIp(String newSourceIp) {
    return new Request(method, scheme, host, port, path, query, headers, newSourceIp);
  }

  public Request withHeaders(List<Header> newHeaders) {
    return new Request(method, scheme, host, port, path, query, newHeaders, sourceIp);
  }

  public Request withHeader(String name, String value) {
    List<Header> all = new ArrayList<>(headers);
    all.add(new Header(name, value));
    return withHeaders(all);
  }

  /** The path with its query, as it appears in a request line. */
  public String target() {
    return query == null ? path : path + "?" + query;
  }

  /** The request as a URL, when scheme, host and port are known. */
  public String url() {
    StringBuilder out = new StringBuilder();
    if (scheme != null && host != null) {
      out.append(scheme).append("://").append(host);
      boolean defaultPort =
          port == null
              || (scheme.equals("https") && port == 443)
              || (scheme.equals("http") && port == 80);
      if (!defaultPort && portColon(host) < 0) {
        out.append(':').append(port);
      }
    }
    return out.append(target()).toString();
  }
}
