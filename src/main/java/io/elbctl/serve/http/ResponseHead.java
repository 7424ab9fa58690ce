package io.elbctl.serve.http;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * An upstream response head that passed {@link ResponseHeadParser}'s validation.
 *
 * @param version {@code HTTP/1.1} or {@code HTTP/1.0}
 * @param status the three-digit status code
 * @param reasonPhrase the raw reason phrase (possibly empty)
 * @param fields the header fields in order, as received
 */
public record ResponseHead(
    String version, int status, byte[] reasonPhrase, List<HeaderField> fields) {
  public ResponseHead {
    reasonPhrase = reasonPhrase.clone();
    fields = List.copyOf(fields);
  }

  @Override
  public byte[] reasonPhrase() {
    return reasonPhrase.clone();
  }

  /** The fields whose name is exactly {@code name}, ignoring ASCII case, in order. */
  public List<HeaderField> fieldsNamed(String name) {
    List<HeaderField> named = new ArrayList<>(1);
    for (HeaderField field : fields) {
      if (field.isNamed(name)) {
        named.add(field);
      }
    }
    return Collections.unmodifiableList(named);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ResponseHead other
        && version.equals(other.version)
        && status == other.status
        && Arrays.equals(reasonPhrase, other.reasonPhrase)
        && fields.equals(other.fields);
  }

  @Override
  public int hashCode() {
    return (version.hashCode() * 31 + status) * 31 + fields.hashCode();
  }

  @Override
  public String toString() {
    return version + " " + status + " " + HttpBytes.quote(reasonPhrase) + " " + fields;
  }
}
