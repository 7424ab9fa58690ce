package io.elbctl.serve.http;

import java.util.ArrayList;
import java.util.List;

/**
 * Classifies a request head into ALB's desync tiers with the reason codes of AWS's
 * http-desync-guardian, the library behind ALB's desync mitigation mode. Its test suite is the
 * specification this class is checked against (see {@code DesyncCases} in the tests).
 *
 * <p>The checks run in a fixed order and a later finding replaces an earlier one only if its tier
 * is strictly higher, so the reported reason is the first one found at the highest tier: header
 * fields in order (characters, empty or look-alike names), then the framing headers together, then
 * the method, the version and the target, and last the header lines that begin with whitespace.
 *
 * <p>Where this class goes beyond the suite, it says so: a request line without a version whose
 * target holds a control character is {@code BadUri} (a server that splits on HTAB reads a
 * different version, so the two disagree on framing); a target whose space is followed by {@code
 * HTTP/} is {@code BadVersion} (a server splitting at the first two spaces sees a broken version);
 * a header line beginning with SP or HTAB is at least {@code MultilineHeader} (ambiguous: an
 * obsolete line fold to some servers); two {@code chunked} codings anywhere in the list are {@code
 * MultipleTransferEncodingChunked}; an empty method is {@code BadMethod}; and a version at or above
 * {@code HTTP/2} on an HTTP/1 request line is {@code BadVersion} rather than out of scope.
 */
public final class DesyncClassifier {
  static final String TRANSFER_ENCODING = "transfer-encoding";
  static final String CONTENT_LENGTH = "content-length";

  private DesyncClassifier() {}

  /** The verdict on {@code head}. */
  public static Classification classify(RequestHead head) {
    Verdict verdict = new Verdict();
    List<HeaderField> te = new ArrayList<>();
    List<HeaderField> cl = new ArrayList<>();
    for (HeaderField field : head.fields()) {
      checkField(field, verdict, te, cl);
    }
    HttpVersion version = HttpVersion.of(head.version());
    FramingHeaderRules.check(head.method(), version, te, cl, verdict);
    RequestLineRules.check(head, version, verdict);
    for (HeaderField field : head.fields()) {
      byte[] name = field.rawName();
      if (name.length > 0 && HttpBytes.isWhitespace(name[0])) {
        verdict.raise(Reason.MULTILINE_HEADER);
      }
    }
    return verdict.classification();
  }

  private static void checkField(
      HeaderField field, Verdict verdict, List<HeaderField> te, List<HeaderField> cl) {
    byte[] name = field.rawName();
    NameSimilarity teSimilarity = NameSimilarity.of(name, TRANSFER_ENCODING);
    NameSimilarity clSimilarity =
        teSimilarity == NameSimilarity.DISTANT
            ? NameSimilarity.of(name, CONTENT_LENGTH)
            : NameSimilarity.DISTANT;
    boolean framing =
        teSimilarity == NameSimilarity.IDENTICAL || clSimilarity == NameSimilarity.IDENTICAL;
    FieldCharacters characters = FieldCharacters.of(field);
    if (characters == FieldCharacters.BAD) {
      verdict.raise(Reason.BAD_HEADER);
    } else if (characters == FieldCharacters.NON_COMPLIANT) {
      verdict.raise(Reason.NON_COMPLIANT_HEADER);
    }
    int start = HttpBytes.skipWhitespace(name, 0, name.length);
    if (start == name.length || name[start] == HttpBytes.COLON) {
      verdict.raise(Reason.EMPTY_HEADER);
    } else if (!framing && characters != FieldCharacters.BAD) {
      if (teSimilarity == NameSimilarity.SAME_LETTERS) {
        te.add(field);
        verdict.raise(Reason.SUSPICIOUS_HEADER);
      } else if (clSimilarity == NameSimilarity.SAME_LETTERS) {
        cl.add(field);
        verdict.raise(Reason.SUSPICIOUS_HEADER);
      }
    } else if (teSimilarity == NameSimilarity.IDENTICAL) {
      te.add(field);
    } else if (clSimilarity == NameSimilarity.IDENTICAL) {
      cl.add(field);
    }
  }

  /** The worst finding so far; a finding replaces it only when strictly worse. */
  static final class Verdict {
    private Reason reason = Reason.COMPLIANT;

    void raise(Reason found) {
      if (found.tier().compareTo(reason.tier()) > 0) {
        reason = found;
      }
    }

    Tier tier() {
      return reason.tier();
    }

    Classification classification() {
      return Classification.of(reason);
    }
  }

  /** How the bytes of one field rate: RFC-compliant, tolerable, or bad (NUL, CR, LF). */
  enum FieldCharacters {
    COMPLIANT,
    NON_COMPLIANT,
    BAD;

    static FieldCharacters of(HeaderField field) {
      FieldCharacters name = ofName(field.rawName());
      FieldCharacters value = ofValue(field.rawValue());
      return name.compareTo(value) >= 0 ? name : value;
    }

    private static FieldCharacters ofName(byte[] name) {
      FieldCharacters rating = COMPLIANT;
      for (byte b : name) {
        if (HttpBytes.isBreaking(b)) {
          return BAD;
        }
        if (!HttpBytes.isTchar(b)) {
          rating = NON_COMPLIANT;
        }
      }
      return rating;
    }

    private static FieldCharacters ofValue(byte[] value) {
      FieldCharacters rating = COMPLIANT;
      for (byte b : value) {
        if (HttpBytes.isBreaking(b)) {
          return BAD;
        }
        if (!HttpBytes.isValueChar(b)) {
          rating = NON_COMPLIANT;
        }
      }
      return rating;
    }
  }
}
