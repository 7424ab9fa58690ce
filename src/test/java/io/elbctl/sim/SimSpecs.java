package io.elbctl.sim;

import io.elbctl.spec.Spec;
import io.elbctl.spec.SpecReader;
import io.elbctl.spec.SpecResult;
import java.nio.file.Path;

/** Spec fixtures for simulator tests: the shipped examples and small inline specs. */
final class SimSpecs {
  private SimSpecs() {}

  static Spec example(String name) {
    try {
      SpecResult result = SpecReader.read(Path.of("examples", name));
      if (result.hasErrors()) {
        throw new AssertionError(result.problems());
      }
      return result.spec();
    } catch (io.elbctl.spec.SpecFileException e) {
      throw new AssertionError(e);
    }
  }

  /** A spec with one HTTP:80 listener holding {@code rules} (a JSON array) and groups a, b, c. */
  static Spec withRules(String rules) {
    return withRulesAndGroups(
        rules,
        "{\"name\":\"a\",\"port\":3000,\"targetType\":\"ip\",\"targets\":[{\"id\":\"10.0.0.1\"}]},"
            + "{\"name\":\"b\",\"port\":8080,\"targetType\":\"ip\",\"targets\":[{\"id\":\"10.0.0.2\"},{\"id\":\"10.0.0.3\"}]},"
            + "{\"name\":\"c\",\"port\":9000}");
  }

  static Spec withRulesAndGroups(String rules, String groups) {
    String json =
        "{\"apiVersion\":\"elbctl/v1\",\"name\":\"t\",\"region\":\"eu-west-1\","
            + "\"domain\":{\"hostedZone\":\"example.com\",\"records\":[\"example.com\"]},"
            + "\"targetGroups\":["
            + groups
            + "],"
            + "\"loadBalancer\":{\"name\":\"t-alb\",\"listeners\":[{\"port\":80,\"protocol\":\"HTTP\","
            + "\"defaultAction\":{\"type\":\"forward\",\"targetGroup\":\"a\"},\"rules\":"
            + rules
            + "}]}}";
    SpecResult result = SpecReader.parse(json);
    if (result.hasErrors()) {
      throw new AssertionError(result.problems());
    }
    return result.spec();
  }
}
