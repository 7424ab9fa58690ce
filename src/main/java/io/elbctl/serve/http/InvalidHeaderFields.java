package io.elbctl.serve.http;

import java.util.ArrayList;
import java.util.List;

/**
 * ALB's {@code routing.http.drop_invalid_header_fields.enabled}: when on, header fields whose name
 * is not made of letters, digits and hyphens only ({@code ^[-A-Za-z0-9]+$}) are removed before the
 * request is forwarded.
 *
 * <p>How it meets the classification: the request is classified as received, before anything is
 * dropped, so the access log and the mode's decision see what the client sent (a look-alike {@code
 * Transfer-Encoding\t} is still Ambiguous, and strictest mode still blocks it). Dropping then
 * changes only what is forwarded. It never changes the body framing, because framing is read from
 * fields named exactly {@code Transfer-Encoding} or {@code Content-Length}, which always pass the
 * rule. Note that the rule is narrower than RFC 7230's token: {@code X_Custom} or {@code X.Custom}
 * are valid names that ALB drops too.
 */
public final class InvalidHeaderFields {
  private InvalidHeaderFields() {}

  /** True when ALB keeps a field with this name. */
  public static boolean isValidName(byte[] name) {
    if (name.length == 0) {
      return false;
    }
    for (byte b : name) {
      if (!HttpBytes.isAsciiAlphanumeric(b) && b != '-') {
        return false;
      }
    }
    return true;
  }

  /** The fields to forward: all of them when disabled, else those with a valid name, in order. */
  public static List<HeaderField> forward(List<HeaderField> fields, boolean dropInvalid) {
    if (!dropInvalid) {
      return List.copyOf(fields);
    }
    List<HeaderField> kept = new ArrayList<>(fields.size());
    for (HeaderField field : fields) {
      if (isValidName(field.rawName())) {
        kept.add(field);
      }
    }
    return List.copyOf(kept);
  }
}
