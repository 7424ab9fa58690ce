package io.elbctl.sim;

import io.elbctl.spec.Rewrite;
import io.elbctl.spec.Transforms;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A rule's host-header and URL rewrites compiled once. Each regex replaces its first match in the
 * Host header, or in the path with its {@code ?query}; no match leaves the value as it was, and a
 * match whose result ALB could not send (a missing capture group, an empty host, a URL that does
 * not start with {@code /}) fails the transform, which ALB answers with HTTP 500.
 */
public final class RuleTransforms {
  /** A rule without transforms. */
  public static final RuleTransforms NONE = new RuleTransforms(null, null, null, null, false);

  private static final Pattern REFERENCE = Pattern.compile("\\$(\\d+)");

  private final Pattern host;
  private final String hostReplace;
  private final Pattern url;
  private final String urlReplace;
  private final boolean decode;

  private RuleTransforms(
      Pattern host, String hostReplace, Pattern url, String urlReplace, boolean decode) {
    this.host = host;
    this.hostReplace = hostReplace;
    this.url = url;
    this.urlReplace = urlReplace;
    this.decode = decode;
  }

  /** Compiles the transforms of a valid rule. */
  public static RuleTransforms compile(Transforms transforms, Semantics semantics) {
    if (transforms.isEmpty()) {
      return NONE;
    }
    Rewrite h = transforms.hostHeaderRewrite();
    Rewrite u = transforms.urlRewrite();
    return new RuleTransforms(
        h == null ? null : Pattern.compile(h.regex()),
        h == null ? null : h.replace(),
        u == null ? null : Pattern.compile(u.regex()),
        u == null ? null : u.replace(),
        semantics.rewriteDecoding() == Semantics.RewriteDecoding.decode);
  }

  public boolean isEmpty() {
    return host == null && url == null;
  }

  /**
   * The request as its target receives it, with one note per transform; {@code failed} when ALB
   * would answer 500 instead.
   */
  public Rewritten apply(Request request) {
    List<String> notes = new ArrayList<>();
    String newHost = request.host();
    String path = request.path();
    String query = request.query();
    boolean failed = false;
    if (host != null) {
      String before = request.host() == null ? "" : request.host();
      Result result = rewrite(host, hostReplace, before);
      if (result == null) {
        notes.add("host-header-rewrite: " + host.pattern() + " does not match \"" + before + "\"");
      } else if (result.error != null || result.value.isEmpty()) {
        failed = true;
        notes.add(
            "host-header-rewrite failed on \""
                + before
                + "\": "
                + (result.error != null ? result.error : "the new host is empty")
                + " (ALB answers 500)");
      } else {
        newHost = result.value;
        notes.add("host-header-rewrite: \"" + before + "\" -> \"" + newHost + "\"");
      }
    }
    if (url != null) {
      String before = query == null ? path : path + "?" + query;
      Result result = rewrite(url, urlReplace, before);
      if (result == null) {
        notes.add("url-rewrite: " + url.pattern() + " does not match \"" + before + "\"");
      } else if (result.error != null || !result.value.startsWith("/")) {
        failed = true;
        notes.add(
            "url-rewrite failed on \""
                + before
                + "\": "
                + (result.error != null
                    ? result.error
                    : "\"" + result.value + "\" does not start with /")
                + " (ALB answers 500)");
      } else {
        String after =
            decode ? URLDecoder.decode(result.value, StandardCharsets.UTF_8) : result.value;
        int question = after.indexOf('?');
        path = question < 0 ? after : after.substring(0, question);
        query = question < 0 ? null : after.substring(question + 1);
        notes.add("url-rewrite: \"" + before + "\" -> \"" + after + "\"");
      }
    }
    return new Rewritten(newHost, path, query, notes, failed);
  }

  /** The rewritten value, an error, or null when the regex does not match. */
  private static Result rewrite(Pattern pattern, String replace, String value) {
    Matcher matcher = pattern.matcher(value);
    if (!matcher.find()) {
      return null;
    }
    StringBuilder out = new StringBuilder(value.substring(0, matcher.start()));
    Matcher ref = REFERENCE.matcher(replace);
    int last = 0;
    while (ref.find()) {
      out.append(replace, last, ref.start());
      int group = group(ref.group(1));
      if (group > matcher.groupCount()) {
        return new Result(
            null,
            "$"
                + group
                + " names a group the regex does not have (it has "
                + matcher.groupCount()
                + ")");
      }
      String captured = matcher.group(group);
      out.append(captured == null ? "" : captured);
      last = ref.end();
    }
    out.append(replace.substring(last)).append(value.substring(matcher.end()));
    return new Result(out.toString(), null);
  }

  /** The largest {@code $N} a replacement uses, 0 when it uses none. */
  public static int highestReference(String replace) {
    int highest = 0;
    Matcher ref = REFERENCE.matcher(replace);
    while (ref.find()) {
      highest = Math.max(highest, group(ref.group(1)));
    }
    return highest;
  }

  private static int group(String digits) {
    return digits.length() > 6 ? Integer.MAX_VALUE : Integer.parseInt(digits);
  }

  private record Result(String value, String error) {}

  /**
   * The host, path and query the target receives, what each transform did, and whether one failed.
   */
  public record Rewritten(
      String host, String path, String query, List<String> notes, boolean failed) {
    public Rewritten {
      notes = List.copyOf(notes);
    }

    /** The path with its {@code ?query}, as a request line carries it. */
    public String target() {
      return query == null ? path : path + "?" + query;
    }
  }
}
