package io.elbctl.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One rule per case, taken from the AWS condition-type documentation; true = the rule matches. */
class ConditionTest {
  static Semantics semantics(
      Semantics.HostPort hostPort,
      Semantics.PathDecoding decoding,
      Semantics.RegexMatch match,
      Semantics.RegexCase regexCase) {
    return new Semantics(
        hostPort,
        decoding,
        match,
        regexCase,
        Semantics.InitialHealthy.one,
        Semantics.LocationPort.explicit);
  }

  static final Semantics DEFAULT = Semantics.DEFAULT;

  static List<Arguments> cases() {
    Request get = Request.get("/");
    return List.of(
        // path-pattern: case-sensitive, never sees the query string
        Arguments.of(
            "path is case-sensitive",
            "{\"pathPatterns\":[\"/api/*\"]}",
            Request.get("/API/x"),
            DEFAULT,
            false),
        Arguments.of(
            "query string is not part of the path",
            "{\"pathPatterns\":[\"/a\"]}",
            Request.get("/a?b=/c"),
            DEFAULT,
            true),
        Arguments.of(
            "query string cannot satisfy a path glob",
            "{\"pathPatterns\":[\"*/c\"]}",
            Request.get("/a?b=/c"),
            DEFAULT,
            false),
        Arguments.of(
            "values are ORed",
            "{\"pathPatterns\":[\"/x\",\"/y\"]}",
            Request.get("/y"),
            DEFAULT,
            true),
        Arguments.of(
            "conditions are ANDed",
            "{\"pathPatterns\":[\"/y\"],\"methods\":[\"POST\"]}",
            Request.get("/y"),
            DEFAULT,
            false),
        // host-header: case-insensitive, wildcards, port handling
        Arguments.of(
            "host ignores case",
            "{\"hostHeaders\":[\"API.example.com\"]}",
            get.withHost("api.EXAMPLE.com"),
            DEFAULT,
            true),
        Arguments.of(
            "*.example.com misses the apex",
            "{\"hostHeaders\":[\"*.example.com\"]}",
            get.withHost("example.com"),
            DEFAULT,
            false),
        Arguments.of(
            "host with port kept by default",
            "{\"hostHeaders\":[\"example.com\"]}",
            get.withHost("example.com:8443"),
            DEFAULT,
            false),
        Arguments.of(
            "host port stripped on request",
            "{\"hostHeaders\":[\"example.com\"]}",
            get.withHost("example.com:8443"),
            semantics(
                Semantics.HostPort.strip,
                Semantics.PathDecoding.raw,
                Semantics.RegexMatch.search,
                Semantics.RegexCase.condition),
            true),
        Arguments.of(
            "host regex sees the port",
            "{\"hostRegexes\":[\"^example\\\\.com:8443$\"]}",
            get.withHost("example.com:8443"),
            DEFAULT,
            true),
        // http-header: name and value case-insensitive, any occurrence, missing header fails
        Arguments.of(
            "header value ignores case",
            "{\"httpHeaders\":[{\"name\":\"X-Env\",\"values\":[\"Beta\"]}]}",
            get.withHeader("x-env", "BETA"),
            DEFAULT,
            true),
        Arguments.of(
            "header wildcard",
            "{\"httpHeaders\":[{\"name\":\"User-Agent\",\"values\":[\"*Mobile*\"]}]}",
            get.withHeader("User-Agent", "Foo mobile Safari"),
            DEFAULT,
            true),
        Arguments.of(
            "any header occurrence",
            "{\"httpHeaders\":[{\"name\":\"X-A\",\"values\":[\"2\"]}]}",
            get.withHeader("X-A", "1").withHeader("X-A", "2"),
            DEFAULT,
            true),
        Arguments.of(
            "missing header",
            "{\"httpHeaders\":[{\"name\":\"X-A\",\"values\":[\"*\"]}]}",
            get,
            DEFAULT,
            false),
        Arguments.of(
            "two header conditions both required",
            "{\"httpHeaders\":[{\"name\":\"X-A\",\"values\":[\"1\"]},{\"name\":\"X-B\",\"values\":[\"2\"]}]}",
            get.withHeader("X-A", "1"),
            DEFAULT,
            false),
        // http-request-method: exact and case-sensitive
        Arguments.of(
            "method exact", "{\"methods\":[\"POST\"]}", Request.parse("/", "POST"), DEFAULT, true),
        Arguments.of(
            "method case-sensitive",
            "{\"methods\":[\"POST\"]}",
            Request.parse("/", "post"),
            DEFAULT,
            false),
        Arguments.of(
            "HEAD is not GET",
            "{\"methods\":[\"GET\"]}",
            Request.parse("/", "HEAD"),
            DEFAULT,
            false),
        // query-string: any pair, case-insensitive, key optional, escapes
        Arguments.of(
            "query pair",
            "{\"queryStrings\":[{\"key\":\"version\",\"value\":\"v2\"}]}",
            Request.get("/?a=1&Version=V2"),
            DEFAULT,
            true),
        Arguments.of(
            "query without key matches any key",
            "{\"queryStrings\":[{\"value\":\"beta\"}]}",
            Request.get("/?x=beta"),
            DEFAULT,
            true),
        Arguments.of(
            "query wildcard",
            "{\"queryStrings\":[{\"key\":\"v\",\"value\":\"*\"}]}",
            Request.get("/?v=abc"),
            DEFAULT,
            true),
        Arguments.of(
            "query escaped star is literal",
            "{\"queryStrings\":[{\"key\":\"q\",\"value\":\"a\\\\*\"}]}",
            Request.get("/?q=abc"),
            DEFAULT,
            false),
        Arguments.of(
            "query escaped star matches star",
            "{\"queryStrings\":[{\"key\":\"q\",\"value\":\"a\\\\*\"}]}",
            Request.get("/?q=a*"),
            DEFAULT,
            true),
        Arguments.of(
            "no query string",
            "{\"queryStrings\":[{\"key\":\"q\",\"value\":\"*\"}]}",
            Request.get("/"),
            DEFAULT,
            false),
        // source-ip: CIDR of the connection, never X-Forwarded-For
        Arguments.of(
            "source ip in CIDR",
            "{\"sourceIps\":[\"10.0.0.0/8\"]}",
            get.withSourceIp("10.1.2.3"),
            DEFAULT,
            true),
        Arguments.of(
            "source ip outside CIDR",
            "{\"sourceIps\":[\"10.0.0.0/8\"]}",
            get.withSourceIp("192.0.2.1"),
            DEFAULT,
            false),
        Arguments.of(
            "X-Forwarded-For is ignored",
            "{\"sourceIps\":[\"10.0.0.0/8\"]}",
            get.withSourceIp("192.0.2.1").withHeader("X-Forwarded-For", "10.1.2.3"),
            DEFAULT,
            false),
        Arguments.of(
            "IPv6 CIDR",
            "{\"sourceIps\":[\"2001:db8::/32\"]}",
            get.withSourceIp("2001:db8::1"),
            DEFAULT,
            true),
        // regex values: unanchored search by default, full on request; case follows the condition
        Arguments.of(
            "path regex searches",
            "{\"pathRegexes\":[\"/v[0-9]+/\"]}",
            Request.get("/api/v2/x"),
            DEFAULT,
            true),
        Arguments.of(
            "path regex full match",
            "{\"pathRegexes\":[\"/v[0-9]+/\"]}",
            Request.get("/api/v2/x"),
            semantics(
                Semantics.HostPort.keep,
                Semantics.PathDecoding.raw,
                Semantics.RegexMatch.full,
                Semantics.RegexCase.condition),
            false),
        Arguments.of(
            "path regex case-sensitive",
            "{\"pathRegexes\":[\"^/api\"]}",
            Request.get("/API"),
            DEFAULT,
            false),
        Arguments.of(
            "path regex insensitive on request",
            "{\"pathRegexes\":[\"^/api\"]}",
            Request.get("/API"),
            semantics(
                Semantics.HostPort.keep,
                Semantics.PathDecoding.raw,
                Semantics.RegexMatch.search,
                Semantics.RegexCase.insensitive),
            true),
        Arguments.of(
            "header regex ignores case",
            "{\"httpHeaders\":[{\"name\":\"X-A\",\"regexValues\":[\"^beta$\"]}]}",
            get.withHeader("X-A", "BETA"),
            DEFAULT,
            true),
        // percent-decoding of the path is off by default
        Arguments.of(
            "raw path", "{\"pathPatterns\":[\"/a:b\"]}", Request.get("/a%3Ab"), DEFAULT, false),
        Arguments.of(
            "decoded path on request",
            "{\"pathPatterns\":[\"/a:b\"]}",
            Request.get("/a%3Ab"),
            semantics(
                Semantics.HostPort.keep,
                Semantics.PathDecoding.decode,
                Semantics.RegexMatch.search,
                Semantics.RegexCase.condition),
            true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void condition(
      String name, String conditions, Request request, Semantics semantics, boolean matches) {
    io.elbctl.spec.Conditions parsed = conditions(conditions);
    CompiledRule rule = new CompiledRule(1, 0, Router.compileConditions(parsed, semantics), null);
    PreparedRequest prepared =
        new PreparedRequest(request.withPort(80).withScheme("http"), semantics);
    assertThat(rule.matches(prepared)).isEqualTo(matches);
    assertThat(rule.trace(prepared).matched()).isEqualTo(matches);
  }

  private static io.elbctl.spec.Conditions conditions(String json) {
    return SimSpecs.withRules(
            "[{\"priority\":1,\"conditions\":"
                + json
                + ",\"action\":{\"type\":\"forward\",\"targetGroup\":\"a\"}}]")
        .loadBalancer()
        .listeners()
        .get(0)
        .rules()
        .get(0)
        .conditions();
  }
}
