package io.elbctl.sim;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * A request reduced once to what conditions compare: the path to match, the lower-cased host,
 * header values and query pairs, and the source address bytes; matching then never allocates. One
 * instance belongs to one request on one thread.
 */
public final class PreparedRequest {
  private static final String[] NONE = new String[0];

  final Request request;
  final String path;
  final String host;
  final String method;
  final String[] headerNames;
  final String[] headerValues;
  private String[] queryKeys;
  private String[] queryValues;
  private byte[] sourceIp;
  private boolean sourceParsed;

  PreparedRequest(Request request, Semantics semantics) {
    this.request = request;
    this.path =
        semantics.pathDecoding() == Semantics.PathDecoding.decode
            ? percentDecode(request.path())
            : request.path();
    String hostHeader = headerHost(request);
    if (hostHeader != null && semantics.hostPort() == Semantics.HostPort.strip) {
      int colon = Request.portColon(hostHeader);
      hostHeader = colon >= 0 ? hostHeader.substring(0, colon) : hostHeader;
    }
    this.host = hostHeader == null ? null : hostHeader.toLowerCase(Locale.ROOT);
    this.method = request.method();
    List<Request.Header> headers = request.headers();
    if (headers.isEmpty()) {
      this.headerNames = NONE;
      this.headerValues = NONE;
      return;
    }
    this.headerNames = new String[headers.size()];
    this.headerValues = new String[headers.size()];
    for (int i = 0; i < headers.size(); i++) {
      headerNames[i] = headers.get(i).name().toLowerCase(Locale.ROOT);
      headerValues[i] = headers.get(i).value().toLowerCase(Locale.ROOT);
    }
  }

  /** Query keys, lower-cased; parsed on first use since most rules never look at the query. */
  String[] queryKeys() {
    if (queryKeys == null) {
      parseQuery();
    }
    return queryKeys;
  }

  String[] queryValues() {
    if (queryValues == null) {
      parseQuery();
    }
    return queryValues;
  }

  /** The source address bytes, or null; parsed on first use. */
  byte[] sourceIp() {
    if (!sourceParsed) {
      sourceIp = Cidr.address(request.sourceIp());
      sourceParsed = true;
    }
    return sourceIp;
  }

  private void parseQuery() {
    String[] keys;
    String[] values;
    String query = request.query();
    if (query == null || query.isEmpty()) {
      keys = new String[0];
      values = new String[0];
    } else {
      int count = 1;
      for (int i = 0; i < query.length(); i++) {
        if (query.charAt(i) == '&') {
          count++;
        }
      }
      keys = new String[count];
      values = new String[count];
      String lower = query.toLowerCase(Locale.ROOT);
      int start = 0;
      for (int k = 0; k < count; k++) {
        int end = lower.indexOf('&', start);
        if (end < 0) {
          end = lower.length();
        }
        int equals = lower.indexOf('=', start);
        if (equals < 0 || equals > end) {
          keys[k] = lower.substring(start, end);
          values[k] = "";
        } else {
          keys[k] = lower.substring(start, equals);
          values[k] = lower.substring(equals + 1, end);
        }
        start = end + 1;
      }
    }
    queryValues = values;
    queryKeys = keys;
  }

  /** The Host header: an explicit {@code Host} header wins over the URL's authority. */
  private static String headerHost(Request request) {
    for (Request.Header header : request.headers()) {
      if (header.name().equalsIgnoreCase("host")) {
        return header.value();
      }
    }
    return request.host();
  }

  public Request request() {
    return request;
  }

  /** Decodes %XX escapes; malformed escapes stay as written. */
  static String percentDecode(String text) {
    if (text.indexOf('%') < 0) {
      return text;
    }
    byte[] out = new byte[text.length() * 3];
    int n = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '%' && i + 2 < text.length()) {
        int high = Character.digit(text.charAt(i + 1), 16);
        int low = Character.digit(text.charAt(i + 2), 16);
        if (high >= 0 && low >= 0) {
          out[n++] = (byte) (high * 16 + low);
          i += 2;
          continue;
        }
      }
      byte[] bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
      for (byte b : bytes) {
        out[n++] = b;
      }
    }
    return new String(out, 0, n, StandardCharsets.UTF_8);
  }
}
