package io.elbctl.serve;

import io.elbctl.sim.Request;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Judges a raw HTTP/1.x request head: parses it, classifies it as the ALB's desync mitigation does,
 * and decides by the mode whether it is routed, answered 400, and which connections close after it.
 */
final class RequestGate {
  /** The ALB answers 400 to a head over 64 KB. */
  static final int MAX_HEAD = 64 * 1024;

  private RequestGate() {}

  /** The verdict on a head that outgrew {@link #MAX_HEAD}. */
  static RequestVerdict verdict(int size) {
    return rejected(null, null, null);
  }

  static RequestVerdict judge(byte[] head, String mode, boolean dropInvalidHeaderFields) {
    String text = new String(head, StandardCharsets.ISO_8859_1);
    String[] lines = text.split("\r?\n", -1);
    String[] parts = lines[0].split(" ", -1);
    if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
      return rejected(null, null, null);
    }
    List<Request.Header> headers = new ArrayList<>();
    String host = null;
    long length = -1;
    boolean chunked = false;
    for (int i = 1; i < lines.length; i++) {
      String line = lines[i];
      if (line.isEmpty()) {
        continue;
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        return rejected(parts[0], parts[1], parts[2]);
      }
      String name = line.substring(0, colon);
      String value = line.substring(colon + 1).strip();
      if (name.equalsIgnoreCase("host")) {
        host = value;
      } else if (name.equalsIgnoreCase("content-length")) {
        length = Long.parseLong(value);
      } else if (name.equalsIgnoreCase("transfer-encoding")) {
        chunked = true;
      }
      headers.add(new Request.Header(name, value));
    }
    return new RequestVerdict(
        0, parts[0], parts[1], parts[2], headers, host, length, chunked, null, null, false, false);
  }

  private static RequestVerdict rejected(String method, String target, String version) {
    return new RequestVerdict(
        400,
        method,
        target,
        version,
        List.of(),
        null,
        -1,
        false,
        "Severe",
        "BadHeader",
        true,
        true);
  }
}
