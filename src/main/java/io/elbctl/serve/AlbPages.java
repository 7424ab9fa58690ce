package io.elbctl.serve;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The responses the load balancer writes itself: their reason phrases and error pages. */
final class AlbPages {
  static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

  private AlbPages() {}

  static String date() {
    return HTTP_DATE.format(Instant.now());
  }

  /** The page an ALB sends with its own 4xx and 5xx answers. */
  static byte[] errorPage(int status) {
    String title = status + " " + reason(status);
    String page =
        "<html>\r\n<head><title>"
            + title
            + "</title></head>\r\n<body>\r\n<center><h1>"
            + title
            + "</h1></center>\r\n</body>\r\n</html>\r\n";
    return page.getBytes(StandardCharsets.ISO_8859_1);
  }

  static String reason(int status) {
    switch (status) {
      case 101:
        return "Switching Protocols";
      case 200:
        return "OK";
      case 201:
        return "Created";
      case 202:
        return "Accepted";
      case 204:
        return "No Content";
      case 301:
        return "Moved Permanently";
      case 302:
        return "Found";
      case 400:
        return "Bad Request";
      case 401:
        return "Unauthorized";
      case 403:
        return "Forbidden";
      case 404:
        return "Not Found";
      case 405:
        return "Method Not Allowed";
      case 408:
        return "Request Time-out";
      case 429:
        return "Too Many Requests";
      case 463:
        return "Bad Request";
      case 500:
        return "Internal Server Error";
      case 502:
        return "Bad Gateway";
      case 503:
        return "Service Temporarily Unavailable";
      case 504:
        return "Gateway Time-out";
      default:
        return status < 300 ? "OK" : status < 500 ? "Client Error" : "Server Error";
    }
  }
}
