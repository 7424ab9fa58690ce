package io.elbctl.spec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GlobTest {
  @ParameterizedTest(name = "{0} vs {1} -> {2}")
  @CsvSource({
    // '*' spans '/', the whole string must match, '?' is exactly one character.
    "/api/*, /api/v1/users, true",
    "/api/*, /api, false",
    "/api/*, /api/, true",
    "/api/*, /v1/api/x, false",
    "/api, /api, true",
    "/api, /api/, false",
    "/img/*.png, /img/a/b/c.png, true",
    "/img/*.png, /img/a.jpg, false",
    "/v?, /v1, true",
    "/v?, /v10, false",
    "*.png, /x.png, true",
    "/a*b*c, /aXXbYYc, true",
    "/a*b*c, /aXXbYY, false",
    "/oauth2/authorization/**, /oauth2/authorization/google, true",
    "/oauth2/authorization/**, /oauth2/authorization, false",
    "/Login, /login, false",
  })
  void pathGlobs(String pattern, String value, boolean expected) {
    assertThat(Glob.of(pattern).matches(value)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} ignoring case vs {1} -> {2}")
  @CsvSource({
    "*.Example.com, api.example.com, true",
    "*.example.com, example.com, false",
    "API.example.com, api.example.com, true",
  })
  void hostGlobsIgnoreCase(String pattern, String lowerValue, boolean expected) {
    assertThat(Glob.ignoringCase(pattern).matches(lowerValue)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "query {0} vs {1} -> {2}")
  @CsvSource({
    "a\\*b, a*b, true",
    "a\\*b, axxb, false",
    "a\\?, a?, true",
    "a\\?, ab, false",
    "a*, abc, true",
    // Only \* and \? are escapes: in a\\* the first backslash is literal and the star escaped.
    "a\\\\*, a\\*, true",
    "a\\\\*, a\\xyz, false",
  })
  void queryEscapesAreLiteral(String pattern, String value, boolean expected) {
    assertThat(Glob.queryString(pattern).matches(value)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} within {1} -> {2}")
  @CsvSource({
    "/api/v1/*, /api/*, true",
    "/api/*, /api/v1/*, false",
    "/api/x, /api/*, true",
    "/a?c, /a*, true",
    "/a*, /a?c, false",
    "/x, /x, true",
    "/api/**, /api/*, true",
  })
  void inclusion(String inner, String outer, boolean expected) {
    assertThat(Glob.of(inner).isWithin(Glob.of(outer))).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"/a/*, 1", "/a/**, 2", "/?/*, 2", "/plain, 0"})
  void countsWildcardsForTheQuota(String pattern, int wildcards) {
    assertThat(Glob.of(pattern).wildcards()).isEqualTo(wildcards);
  }

  @ParameterizedTest
  @CsvSource({"a\\*b, 0", "\\\\*, 0", "a\\b*, 1", "*\\?, 1"})
  void countsQueryWildcardsWithoutTheEscapedOnes(String pattern, int wildcards) {
    assertThat(Glob.queryString(pattern).wildcards()).isEqualTo(wildcards);
  }
}
