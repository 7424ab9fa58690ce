package io.elbctl.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.elbctl.spec.Glob;
import io.elbctl.spec.Spec;
import org.junit.jupiter.api.Test;

/** Each compile step throws {@link RuleCompilationException} for a spec value it cannot take. */
class RuleCompilationTest {
  // Valid on its own (the validator accepts it), but \Q quotes the closing ")\z" that full
  // anchoring appends, so the anchored pattern has an unclosed group.
  private static final String QUOTED_REGEX = "\\\\Qabc";

  private static Semantics fullMatch() {
    return ConditionTest.semantics(
        Semantics.DEFAULT.hostPort(),
        Semantics.DEFAULT.pathDecoding(),
        Semantics.RegexMatch.full,
        Semantics.DEFAULT.regexCase());
  }

  private static Spec quotedRegexSpec() {
    return SimSpecs.withRules(
        "[{\"priority\":1,\"conditions\":{\"pathRegexes\":[\""
            + QUOTED_REGEX
            + "\"]},\"action\":{\"type\":\"forward\",\"targetGroup\":\"b\"}}]");
  }

  @Test
  void aRegexThatDoesNotCompileIsARuleCompilationFailure() {
    assertThatThrownBy(() -> Condition.Regex.compile("a(", false, false))
        .isInstanceOf(RuleCompilationException.class)
        .hasMessageContaining("Unclosed group");
  }

  @Test
  void routerAndListenerCompilationThrowTheTypedException() {
    Spec spec = quotedRegexSpec();
    assertThat(Router.compile(spec, Semantics.DEFAULT).groupNames()).contains("b");
    assertThatThrownBy(() -> Router.compile(spec, fullMatch()))
        .isInstanceOf(RuleCompilationException.class)
        .hasMessageContaining("Unclosed group");
    assertThatThrownBy(
            () -> Router.compileListener(spec.loadBalancer().listeners().get(0), fullMatch()))
        .isInstanceOf(RuleCompilationException.class);
    assertThatThrownBy(() -> Linter.lint(spec, fullMatch()))
        .isInstanceOf(RuleCompilationException.class);
  }

  @Test
  void aMalformedSourceIpIsARuleCompilationFailure() {
    assertThat(Cidr.parse("10.0.0.0/8").prefixLength()).isEqualTo(8);
    assertThatThrownBy(() -> Cidr.parse("10.0.0.0/33"))
        .isInstanceOf(RuleCompilationException.class)
        .hasMessage("'10.0.0.0/33' has an invalid prefix length");
    assertThatThrownBy(() -> Cidr.parse("10.0.0.x"))
        .isInstanceOf(RuleCompilationException.class)
        .hasMessage("'10.0.0.x' is not an IP address or CIDR block");
  }

  @Test
  void aMalformedMatcherIsARuleCompilationFailure() {
    assertThat(StatusMatcher.parse("200-299").accepts(204)).isTrue();
    assertThatThrownBy(() -> StatusMatcher.parse("200-x"))
        .isInstanceOf(RuleCompilationException.class)
        .hasMessage("matcher '200-x' is not a list of codes or ranges");
    assertThatThrownBy(() -> StatusMatcher.parse("399-200"))
        .isInstanceOf(RuleCompilationException.class)
        .hasMessage("matcher range '399-200' has its bounds reversed");
  }

  @Test
  void everyGlobCompiles() {
    for (String pattern : new String[] {"", "*", "?", "\\", "\\*", "[", "(", "a*b?c"}) {
      assertThat(Glob.of(pattern).source()).isEqualTo(pattern);
      assertThat(Glob.queryString(pattern).source()).isEqualTo(pattern);
    }
  }
}
