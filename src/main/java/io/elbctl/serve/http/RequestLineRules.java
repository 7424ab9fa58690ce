package io.elbctl.serve.http;

/** The classifier's checks on the request line: method, then version, then target. */
final class RequestLineRules {
  private static final byte[] VERSION_PREFIX = HttpBytes.latin1("HTTP/");

  private RequestLineRules() {}

  static void check(RequestHead head, HttpVersion version, DesyncClassifier.Verdict verdict) {
    checkMethod(head.method(), verdict);
    checkVersion(version, verdict);
    checkTarget(head.target(), version, verdict);
  }

  private static void checkMethod(byte[] method, DesyncClassifier.Verdict verdict) {
    if (!HttpBytes.isToken(method, 0, method.length)) {
      verdict.raise(Reason.BAD_METHOD);
    }
  }

  private static void checkVersion(HttpVersion version, DesyncClassifier.Verdict verdict) {
    switch (version.kind()) {
      case BAD -> verdict.raise(Reason.BAD_VERSION);
      case HTTP_0_9 -> verdict.raise(Reason.NON_COMPLIANT_VERSION);
      case HTTP_1 -> {
        if (version.padded() || version.minor() > 1) {
          verdict.raise(Reason.NON_COMPLIANT_VERSION);
        }
      }
      default -> throw new AssertionError(version);
    }
  }

  private static void checkTarget(
      byte[] target, HttpVersion version, DesyncClassifier.Verdict verdict) {
    for (int i = 0; i < target.length; i++) {
      byte b = target[i];
      if (HttpBytes.isTargetChar(b)) {
        continue;
      }
      if (HttpBytes.isBreaking(b)) {
        verdict.raise(Reason.BAD_URI);
        return;
      }
      if (b == HttpBytes.SP) {
        verdict.raise(startsWith(target, i + 1) ? Reason.BAD_VERSION : Reason.SPACE_IN_URI);
      } else {
        // Without a version a server that also splits on HTAB and the like finds one here.
        verdict.raise(version.missing() ? Reason.BAD_URI : Reason.AMBIGUOUS_URI);
      }
    }
  }

  private static boolean startsWith(byte[] bytes, int from) {
    if (bytes.length - from < VERSION_PREFIX.length) {
      return false;
    }
    for (int i = 0; i < VERSION_PREFIX.length; i++) {
      if (bytes[from + i] != VERSION_PREFIX[i]) {
        return false;
      }
    }
    return true;
  }
}
