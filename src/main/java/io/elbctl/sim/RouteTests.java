package io.elbctl.sim;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A file of routing expectations ({@code request → target group | status | location | rule}) and
 * the runner that checks each one against a compiled spec.
 *
 * <pre>{"spec": "oauth2-split.json", "tests": [
 *   {"name": "callback", "request": "/login/oauth2/code/google",
 *    "expect": {"targetGroup": "backend", "rule": 20}}]}</pre>
 */
public final class RouteTests {
  private static final JsonFactory FACTORY = new JsonFactory();

  private RouteTests() {}

  /** What one test expects; null fields are not checked. */
  public record Expectation(String targetGroup, Integer status, String location, String rule) {}

  /** One test: a request (and whether to follow redirects) and what must happen to it. */
  public record RouteTest(String name, Request request, boolean follow, Expectation expect) {}

  /** A parsed file: the spec it names (relative to the file, may be null) and its tests. */
  public record Suite(String spec, List<RouteTest> tests) {}

  /** The outcome of one test: the mismatches (empty when it holds) and the decisions made. */
  public record Result(RouteTest test, List<String> mismatches, List<Decision> hops, String error) {
    public boolean passed() {
      return mismatches.isEmpty() && error == null;
    }
  }

  /** Parses a routes file; throws IllegalArgumentException naming the bad entry. */
  public static Suite parse(byte[] json) {
    Map<String, Object> root;
    try (JsonParser parser = FACTORY.createParser(json)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("a routes file must be a JSON object with \"tests\"");
      }
      root = readObject(parser);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "invalid JSON at line " + e.getLocation().getLineNr() + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the routes file: " + e.getMessage());
    }
    Object spec = root.get("spec");
    Object tests = root.get("tests");
    if (!(tests instanceof List<?> list)) {
      throw new IllegalArgumentException("a routes file needs a \"tests\" array");
    }
    List<RouteTest> parsed = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      parsed.add(test(list.get(i), "tests[" + i + "]"));
    }
    return new Suite(spec instanceof String s ? s : null, parsed);
  }

  @SuppressWarnings("unchecked")
  private static RouteTest test(Object value, String where) {
    if (!(value instanceof Map<?, ?>)) {
      throw new IllegalArgumentException(where + " must be an object");
    }
    Map<String, Object> item = (Map<String, Object>) value;
    for (String key : item.keySet()) {
      if (!List.of(
              "name",
              "request",
              "method",
              "host",
              "headers",
              "sourceIp",
              "listener",
              "follow",
              "expect")
          .contains(key)) {
        throw new IllegalArgumentException(where + ": unknown field '" + key + "'");
      }
    }
    String target = string(item, "request", where);
    if (target == null) {
      throw new IllegalArgumentException(where + " needs \"request\" (a path or URL)");
    }
    String method = string(item, "method", where);
    Request request;
    try {
      request = Request.parse(target, method == null ? "GET" : method);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ".request: " + e.getMessage());
    }
    String host = string(item, "host", where);
    if (host != null) {
      request = request.withHost(host);
    }
    if (item.get("headers") instanceof Map<?, ?> headers) {
      for (Map.Entry<?, ?> header : headers.entrySet()) {
        request =
            request.withHeader(String.valueOf(header.getKey()), String.valueOf(header.getValue()));
      }
    }
    String sourceIp = string(item, "sourceIp", where);
    if (sourceIp != null) {
      request = request.withSourceIp(sourceIp);
    }
    if (item.get("listener") instanceof Number port) {
      request = request.withPort(port.intValue());
    }
    boolean follow = Boolean.TRUE.equals(item.get("follow"));
    if (!(item.get("expect") instanceof Map<?, ?>)) {
      throw new IllegalArgumentException(where + " needs \"expect\"");
    }
    Map<String, Object> expect = (Map<String, Object>) item.get("expect");
    for (String key : expect.keySet()) {
      if (!List.of("targetGroup", "status", "location", "rule").contains(key)) {
        throw new IllegalArgumentException(where + ".expect: unknown field '" + key + "'");
      }
    }
    Object rule = expect.get("rule");
    Expectation expectation =
        new Expectation(
            string(expect, "targetGroup", where + ".expect"),
            expect.get("status") instanceof Number n ? n.intValue() : null,
            string(expect, "location", where + ".expect"),
            rule == null ? null : String.valueOf(rule));
    if (expectation.equals(new Expectation(null, null, null, null))) {
      throw new IllegalArgumentException(
          where + ".expect must name a targetGroup, status, location or rule");
    }
    String name = string(item, "name", where);
    return new RouteTest(
        name == null ? method(request) + " " + target : name, request, follow, expectation);
  }

  private static String method(Request request) {
    return request.method();
  }

  private static String string(Map<String, Object> item, String key, String where) {
    Object value = item.get(key);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String text)) {
      throw new IllegalArgumentException(where + "." + key + " must be a string");
    }
    return text;
  }

  private static Map<String, Object> readObject(JsonParser parser) throws IOException {
    Map<String, Object> object = new LinkedHashMap<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      parser.nextToken();
      object.put(name, readValue(parser));
    }
    return object;
  }

  private static Object readValue(JsonParser parser) throws IOException {
    switch (parser.currentToken()) {
      case START_OBJECT:
        return readObject(parser);
      case START_ARRAY:
        List<Object> list = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          list.add(readValue(parser));
        }
        return list;
      case VALUE_STRING:
        return parser.getText();
      case VALUE_NUMBER_INT:
        return parser.getIntValue();
      case VALUE_NUMBER_FLOAT:
        return parser.getDoubleValue();
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      default:
        return null;
    }
  }

  /** Runs every test; a request the spec cannot take (no such listener) is an error result. */
  public static List<Result> run(Router router, HealthView health, List<RouteTest> tests) {
    List<Result> results = new ArrayList<>();
    for (RouteTest test : tests) {
      List<Decision> hops;
      try {
        hops =
            test.follow()
                ? router.follow(test.request(), health)
                : List.of(router.decide(test.request(), health));
      } catch (IllegalArgumentException e) {
        results.add(new Result(test, List.of(), List.of(), e.getMessage()));
        continue;
      }
      results.add(
          new Result(test, mismatches(test.expect(), hops.get(hops.size() - 1)), hops, null));
    }
    return results;
  }

  static List<String> mismatches(Expectation expect, Decision decision) {
    List<String> out = new ArrayList<>();
    if (expect.targetGroup() != null) {
      List<String> groups =
          decision.groups().stream()
              .filter(g -> g.weight() > 0)
              .map(Decision.GroupRoute::name)
              .toList();
      if (!groups.contains(expect.targetGroup())) {
        out.add(
            "expected target group "
                + expect.targetGroup()
                + ", got "
                + (groups.isEmpty() ? decision.destination() : String.join(", ", groups)));
      }
    }
    if (expect.status() != null && !Objects.equals(expect.status(), decision.statusCode())) {
      out.add(
          "expected status "
              + expect.status()
              + ", got "
              + (decision.statusCode() == null
                  ? "none (forwarded to a target)"
                  : decision.statusCode()));
    }
    if (expect.location() != null && !expect.location().equals(decision.location())) {
      out.add(
          "expected Location "
              + expect.location()
              + ", got "
              + (decision.location() == null ? "no redirect" : decision.location()));
    }
    if (expect.rule() != null) {
      String actual = decision.priority() == null ? "default" : String.valueOf(decision.priority());
      if (!expect.rule().equals(actual)) {
        out.add("expected rule " + expect.rule() + ", got " + decision.ruleName());
      }
    }
    return out;
  }
}
