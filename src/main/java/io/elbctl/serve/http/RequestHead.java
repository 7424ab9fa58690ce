package io.elbctl.serve.http;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * An HTTP/1.x request head exactly as received: the three parts of the request line and the header
 * fields in order, every byte kept (no case folding, trimming or decoding).
 *
 * <p>The request line is split at its first SP (method) and at the last SP that is followed by a
 * non-whitespace byte (version); the target is everything between, so a target holding spaces is
 * kept whole and classified rather than silently cut. A line with no SP after the target has an
 * empty version (HTTP/0.9 to http-desync-guardian); trailing SP/HTAB stay in the version bytes.
 *
 * @param method raw method bytes
 * @param target raw request-target bytes
 * @param version raw version bytes, possibly empty or with trailing whitespace
 * @param fields the header fields in the order received
 */
public record RequestHead(byte[] method, byte[] target, byte[] version, List<HeaderField> fields) {
  public RequestHead {
    method = method.clone();
    target = target.clone();
    version = version.clone();
    fields = List.copyOf(fields);
  }

  /** A head from ISO-8859-1 text, for requests that did not arrive as HTTP/1 bytes (h2). */
  public static RequestHead of(
      String method, String target, String version, List<HeaderField> fields) {
    return new RequestHead(
        HttpBytes.latin1(method), HttpBytes.latin1(target), HttpBytes.latin1(version), fields);
  }

  @Override
  public byte[] method() {
    return method.clone();
  }

  @Override
  public byte[] target() {
    return target.clone();
  }

  @Override
  public byte[] version() {
    return version.clone();
  }

  /** The method as ISO-8859-1 text. */
  public String methodText() {
    return HttpBytes.latin1(method, 0, method.length);
  }

  /** The target as ISO-8859-1 text. */
  public String targetText() {
    return HttpBytes.latin1(target, 0, target.length);
  }

  /** The version as ISO-8859-1 text. */
  public String versionText() {
    return HttpBytes.latin1(version, 0, version.length);
  }

  /** The fields whose name is exactly {@code name}, ignoring ASCII case, in order. */
  public List<HeaderField> fieldsNamed(String name) {
    List<HeaderField> named = new ArrayList<>();
    for (HeaderField field : fields) {
      if (field.isNamed(name)) {
        named.add(field);
      }
    }
    return named;
  }

  /** The value of the only field with this name (OWS trimmed), or empty if none or several. */
  public Optional<String> singleValue(String name) {
    List<HeaderField> named = fieldsNamed(name);
    return named.size() == 1 ? Optional.of(named.get(0).trimmedValue()) : Optional.empty();
  }

  /** The request line and fields as they go on the wire, ending with the empty line. */
  public byte[] toWire() {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    out.writeBytes(method);
    out.write(HttpBytes.SP);
    out.writeBytes(target);
    out.write(HttpBytes.SP);
    out.writeBytes(version);
    out.write(HttpBytes.CR);
    out.write(HttpBytes.LF);
    for (HeaderField field : fields) {
      out.writeBytes(field.toWire());
    }
    out.write(HttpBytes.CR);
    out.write(HttpBytes.LF);
    return out.toByteArray();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RequestHead other
        && Arrays.equals(method, other.method)
        && Arrays.equals(target, other.target)
        && Arrays.equals(version, other.version)
        && fields.equals(other.fields);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(
        new int[] {
          Arrays.hashCode(method),
          Arrays.hashCode(target),
          Arrays.hashCode(version),
          fields.hashCode()
        });
  }

  @Override
  public String toString() {
    return HttpBytes.quote(method)
        + " "
        + HttpBytes.quote(target)
        + " "
        + HttpBytes.quote(version)
        + " "
        + fields;
  }
}
