package io.elbctl.serve;

import io.elbctl.serve.http.BodyFraming;
import io.elbctl.serve.http.Classification;
import io.elbctl.serve.http.DesyncClassifier;
import io.elbctl.serve.http.DesyncMode;
import io.elbctl.serve.http.HeaderField;
import io.elbctl.serve.http.InvalidHeaderFields;
import io.elbctl.serve.http.MitigationDecision;
import io.elbctl.serve.http.RequestHead;
import io.elbctl.serve.http.RequestTarget;
import io.elbctl.sim.Request;
import java.util.ArrayList;
import java.util.List;

/**
 * Judges a parsed HTTP/1.x request head as the ALB does: classifies it, lets the desync mitigation
 * mode decide whether it is routed and which connections close after it, refuses framing that could
 * be read two ways and targets {@link RequestTarget} cannot route, and puts the request in the form
 * it is forwarded in (origin-form, the routed host as Host, invalid header fields dropped when
 * asked to).
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
    RequestTarget where = RequestTarget.of(head);
    if (!decision.forward()
        || framing instanceof BodyFraming.Reject
        || !(where instanceof RequestTarget.Routable routable)) {
      return new RequestVerdict(
          400, method, target, version, List.of(), null, -1, false, tier, reason, true, false);
    }
    String host = routable.host().isEmpty() ? null : routable.host();
    target = encodeUnsafe(routable.originFormText());
    List<Request.Header> headers = new ArrayList<>(head.fields().size());
    for (HeaderField field : InvalidHeaderFields.forward(head.fields(), dropInvalidHeaderFields)) {
      String name = field.nameText();
      if (name.equalsIgnoreCase("host")) {
        // The routed host goes up as the Host field (the authority of an absolute-form target).
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
