package io.elbctl.serve.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The request-classification cases of AWS's http-desync-guardian test suite, as this project's own
 * table ({@code desync-cases.tsv} next to this class): for each case the request bytes and the
 * expected tier and reason, plus the body framing {@link BodyFraming} must decide. Live tests of
 * {@code serve} send {@link Case#request(String)} and expect {@link #expectedDecision} for the
 * case's tier, or a 400 whatever the mode when the framing is {@code reject} or the request is not
 * {@code routable}.
 */
public final class DesyncCases {
  /** Number of cases in the guardian suite (its nine yaml files together). */
  public static final int COUNT = 158;

  private static final String RESOURCE = "desync-cases.tsv";

  /**
   * What ALB's "Desync mitigation mode" table says for each mode and tier, written out here
   * independently of {@link DesyncMode#decide}: blocked is 400, client closed, nothing upstream;
   * Ambiguous in defensive mode is routed and then both connections close.
   */
  private static final Map<DesyncMode, Map<Tier, MitigationDecision>> ALB_TABLE =
      Map.of(
          DesyncMode.MONITOR,
          Map.of(
              Tier.COMPLIANT, new MitigationDecision(true, 0, false, false),
              Tier.ACCEPTABLE, new MitigationDecision(true, 0, false, false),
              Tier.AMBIGUOUS, new MitigationDecision(true, 0, false, false),
              Tier.SEVERE, new MitigationDecision(true, 0, false, false)),
          DesyncMode.DEFENSIVE,
          Map.of(
              Tier.COMPLIANT, new MitigationDecision(true, 0, false, false),
              Tier.ACCEPTABLE, new MitigationDecision(true, 0, false, false),
              Tier.AMBIGUOUS, new MitigationDecision(true, 0, true, true),
              Tier.SEVERE, new MitigationDecision(false, 400, true, false)),
          DesyncMode.STRICTEST,
          Map.of(
              Tier.COMPLIANT, new MitigationDecision(true, 0, false, false),
              Tier.ACCEPTABLE, new MitigationDecision(false, 400, true, false),
              Tier.AMBIGUOUS, new MitigationDecision(false, 400, true, false),
              Tier.SEVERE, new MitigationDecision(false, 400, true, false)));

  private DesyncCases() {}

  /**
   * One case.
   *
   * @param id stable identifier: the suite file's name and the case's position in it
   * @param name the case's description in the suite
   * @param method raw method bytes
   * @param target raw request-target bytes (the suite's {@code uri})
   * @param version raw version bytes
   * @param fields the header fields, raw, in order
   * @param expected the tier and reason the suite expects
   * @param framing the body framing expected: {@code none}, {@code length:N}, {@code chunked} or
   *     {@code reject}
   * @param routable whether {@link RequestTarget} routes the request once it has a Host field
   */
  public record Case(
      String id,
      String name,
      byte[] method,
      byte[] target,
      byte[] version,
      List<HeaderField> fields,
      Classification expected,
      String framing,
      boolean routable) {

    /**
     * The request head as the suite's own harness writes it: method, SP, target, SP, version, CRLF,
     * then {@code name: value} CRLF per field, then CRLF. Bytes inside a part are sent as they are,
     * so a CR or LF in a target or value stays a byte of its line.
     */
    public byte[] request() {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.writeBytes(method);
      out.write(' ');
      out.writeBytes(target);
      out.write(' ');
      out.writeBytes(version);
      out.writeBytes(CRLF);
      for (HeaderField field : fields) {
        out.writeBytes(field.name());
        out.writeBytes(new byte[] {':', ' '});
        out.writeBytes(field.value());
        out.writeBytes(CRLF);
      }
      out.writeBytes(CRLF);
      return out.toByteArray();
    }

    /**
     * {@link #request()} with a {@code Host} field added as the first field when the case has none,
     * for servers that require Host on HTTP/1.1; a compliant field never changes the verdict.
     * (First, because a case whose value ends in CRLF ends its head early, before any field after
     * it.)
     */
    public byte[] request(String host) {
      if (fields.stream().anyMatch(f -> f.isNamed("Host"))) {
        return request();
      }
      List<HeaderField> withHost = new ArrayList<>();
      withHost.add(new HeaderField("Host".getBytes(StandardCharsets.US_ASCII), bytes(" " + host)));
      withHost.addAll(fields);
      return new Case(id, name, method, target, version, withHost, expected, framing, routable)
          .request();
    }

    @Override
    public String toString() {
      return id + " " + name;
    }
  }

  /** What the ALB table says {@code mode} does with a request of {@code tier}. */
  public static MitigationDecision expectedDecision(DesyncMode mode, Tier tier) {
    return ALB_TABLE.get(mode).get(tier);
  }

  /** Every case, in the suite's order. */
  public static List<Case> all() {
    List<Case> cases = new ArrayList<>();
    for (String line : lines()) {
      if (!line.isEmpty() && !line.startsWith("#")) {
        cases.add(parse(line));
      }
    }
    return List.copyOf(cases);
  }

  private static Case parse(String line) {
    String[] cols = line.split("\t", -1);
    if (cols.length < 9 || cols.length % 2 != 1) {
      throw new IllegalStateException("malformed case line: " + line);
    }
    List<HeaderField> fields = new ArrayList<>();
    for (int i = 9; i < cols.length; i += 2) {
      fields.add(new HeaderField(unescape(cols[i]), unescape(cols[i + 1])));
    }
    Tier tier =
        Tier.fromLabel(cols[5])
            .orElseThrow(() -> new IllegalStateException("unknown tier in " + line));
    return new Case(
        cols[0],
        new String(unescape(cols[1]), StandardCharsets.UTF_8),
        unescape(cols[2]),
        unescape(cols[3]),
        unescape(cols[4]),
        fields,
        new Classification(tier, cols[6]),
        cols[7],
        routable(cols[8]));
  }

  private static boolean routable(String column) {
    return switch (column) {
      case "routable" -> true;
      case "unroutable" -> false;
      default -> throw new IllegalStateException("unknown routing " + column);
    };
  }

  /** Decodes the table's escapes: {@code \xHH} is one byte, {@code \\} a backslash. */
  static byte[] unescape(String text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != '\\') {
        out.write(c);
      } else if (text.charAt(i + 1) == '\\') {
        out.write('\\');
        i++;
      } else if (text.charAt(i + 1) == 'x') {
        out.write(Integer.parseInt(text.substring(i + 2, i + 4), 16));
        i += 3;
      } else {
        throw new IllegalStateException("unknown escape in " + text);
      }
    }
    return out.toByteArray();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static final byte[] CRLF = {'\r', '\n'};

  private static List<String> lines() {
    try (InputStream in = DesyncCases.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the test classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
