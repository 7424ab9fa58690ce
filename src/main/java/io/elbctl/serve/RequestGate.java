package io.elbctl.serve;

import io.elbctl.serve.http.BodyFraming;
import io.elbctl.serve.http.Classification;
import io.elbctl.serve.http.DesyncClassifier;
import io.elbctl.serve.http.DesyncMode;
import io.elbctl.serve.http.HeaderField;
import io.elbctl.serve.http.InvalidHeaderFields;
import io.elbctl.serve.http.MitigationDecision;
import io.elbctl.serve.http.RequestHead;
import io.elbctl.sim.Request;
import java.util.ArrayList;
import java.util.List;

/**
 * Judges a parsed HTTP/1.x request head as the ALB does: classifies it, lets the desync mitigation
 * mode decide whether it is routed and which connections close after it, refuses framing that could
 * be read two ways and HTTP/1.1 requests without a usable host, and puts the request in the form it
 * is forwarded in (absolute-form turned into origin-form with its authority as the host, invalid
 * header fields dropped when asked to).
 */
final class RequestGate {
  private RequestGate() {}

  /** The verdict on a head the parser refused (over ALB's limits or unparseable). */
  static RequestVerdict unparseable() {
    return new RequestVerdict(
        400, null, null, null, List.of(), null, -1, false, null, null, true, false);
  }

  /**
   * The target with SP and control bytes percent-encoded, so the target routes by the same path the
   * load balancer did instead of splitting the request line at a space.
   */
  static String encodeUnsafe(String target) {
    StringBuilder encoded = null;
    for (int i = 0; i < target.length(); i++) {
      char c = target.charAt(i);
      boolean unsafe = c <= 0x20 || c == 0x7f;
      if (unsafe && encoded == null) {
        encoded = new StringBuilder(target.length() + 8).append(target, 0, i);
      }
      if (encoded != null) {
        if (unsafe) {
          encoded.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
          encoded.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
        } else {
          encoded.append(c);
        }
      }
    }
    return encoded == null ? target : encoded.toString();
  }

  static RequestVerdict judge(RequestHead head, DesyncMode mode, boolean dropInvalidHeaderFields) {
    Classification classification = DesyncClassifier.classify(head);
    String tier = classification.logClassification();
    String reason = classification.logReason();
    String method = head.methodText();
    String target = head.targetText();
    String version = head.versionText();
    MitigationDecision decision = mode.decide(classification);
    BodyFraming framing = BodyFraming.of(head);
    String host = null;
    int hosts = 0;
    for (HeaderField field : head.fieldsNamed("Host")) {
      host = field.trimmedValue();
      hosts++;
    }
    boolean absolute = !target.startsWith("/") && !target.equals("*");
    if (absolute) {
      int schemeEnd = target.indexOf("://");
      if (schemeEnd > 0) {
        int pathStart = schemeEnd + 3;
        while (pathStart < target.length()
            && target.charAt(pathStart) != '/'
            && target.charAt(pathStart) != '?') {
          pathStart++;
        }
        // RFC 9112 section 3.2.2: the target's authority replaces any Host header.
        host = target.substring(schemeEnd + 3, pathStart);
        hosts = host.isEmpty() ? 0 : 1;
        target = pathStart == target.length() ? "/" : target.substring(pathStart);
        if (target.startsWith("?")) {
          target = "/" + target;
        }
      }
    }
    target = encodeUnsafe(target);
    boolean noHost = version.equals("HTTP/1.1") && (hosts != 1 || host == null || host.isEmpty());
    if (!decision.forward()
        || framing instanceof BodyFraming.Reject
        || noHost
        || !target.startsWith("/")) {
      return new RequestVerdict(
          400, method, target, version, List.of(), host, -1, false, tier, reason, true, false);
    }
    List<Request.Header> headers = new ArrayList<>(head.fields().size());
    for (HeaderField field : InvalidHeaderFields.forward(head.fields(), dropInvalidHeaderFields)) {
      String name = field.nameText();
      if (absolute && name.equalsIgnoreCase("host")) {
        continue;
      }
      headers.add(new Request.Header(name, field.trimmedValue()));
    }
    long length = -1;
    boolean chunked = false;
    if (framing instanceof BodyFraming.ContentLength fixed) {
      length = fixed.length();
    } else if (framing instanceof BodyFraming.Chunked) {
      chunked = true;
    }
    return new RequestVerdict(
        0,
        method,
        target,
        version,
        headers,
        host,
        length,
        chunked,
        tier,
        reason,
        decision.closeClient(),
        decision.closeUpstream());
  }
}
