package io.elbctl.spec;

import java.util.List;

/** An http-header condition: the named header must have one of the values. */
public record HttpHeaderCondition(
    @Required @Doc("Header name (not Host; use hostHeaders).") String name,
    @Doc("Value globs (case-insensitive).") List<String> values,
    @Doc("Value regular expressions.") List<String> regexValues) {
  public HttpHeaderCondition {
    values = values == null ? List.of() : List.copyOf(values);
    regexValues = regexValues == null ? List.of() : List.copyOf(regexValues);
  }
}
