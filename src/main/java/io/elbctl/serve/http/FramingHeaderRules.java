package io.elbctl.serve.http;

import java.util.List;
import java.util.OptionalLong;

/**
 * The classifier's checks on the framing headers taken together: Transfer-Encoding and
 * Content-Length fields (identical names and look-alikes), against the method and the version.
 */
final class FramingHeaderRules {
  private FramingHeaderRules() {}

  static void check(
      byte[] method,
      HttpVersion version,
      List<HeaderField> te,
      List<HeaderField> cl,
      DesyncClassifier.Verdict verdict) {
    if (te.isEmpty() && cl.isEmpty()) {
      return;
    }
    if (version.beforeHttp11() && !te.isEmpty()) {
      verdict.raise(Reason.UNDEFINED_TRANSFER_ENCODING_SEMANTICS);
      return;
    }
    if (version.kind() == HttpVersion.Kind.HTTP_0_9 && !cl.isEmpty()) {
      verdict.raise(Reason.UNDEFINED_CONTENT_LENGTH_SEMANTICS);
      return;
    }
    checkTransferEncoding(te, verdict);
    OptionalLong length = contentLength(cl, verdict);
    boolean bodyless =
        HttpBytes.latin1(method, 0, method.length).equals("GET")
            || HttpBytes.latin1(method, 0, method.length).equals("HEAD");
    if (bodyless) {
      if (!te.isEmpty()) {
        verdict.raise(Reason.UNDEFINED_TRANSFER_ENCODING_SEMANTICS);
      }
      if (length.isPresent()) {
        verdict.raise(
            length.getAsLong() == 0
                ? Reason.GET_HEAD_ZERO_CONTENT_LENGTH
                : Reason.UNDEFINED_CONTENT_LENGTH_SEMANTICS);
      }
    }
    if (length.isPresent() && !te.isEmpty()) {
      verdict.raise(Reason.BOTH_TE_CL_PRESENT);
    }
  }

  private static void checkTransferEncoding(
      List<HeaderField> te, DesyncClassifier.Verdict verdict) {
    int chunked = 0;
    for (String coding : TransferCodings.of(te)) {
      if (coding == null) {
        verdict.raise(Reason.BAD_TRANSFER_ENCODING);
      } else if (coding.equals(TransferCodings.CHUNKED) && ++chunked > 1) {
        verdict.raise(Reason.MULTIPLE_TRANSFER_ENCODING_CHUNKED);
      }
    }
  }

  /** The first valid Content-Length, after reporting duplicates, conflicts and bad values. */
  private static OptionalLong contentLength(
      List<HeaderField> cl, DesyncClassifier.Verdict verdict) {
    OptionalLong first = OptionalLong.empty();
    for (HeaderField field : cl) {
      OptionalLong value = ContentLengthValue.parse(field.rawValue());
      if (value.isEmpty()) {
        verdict.raise(Reason.BAD_CONTENT_LENGTH);
      } else if (first.isEmpty()) {
        first = value;
      } else if (first.getAsLong() == value.getAsLong()) {
        verdict.raise(Reason.DUPLICATE_CONTENT_LENGTH);
      } else {
        verdict.raise(Reason.MULTIPLE_CONTENT_LENGTH);
      }
    }
    return first;
  }
}
