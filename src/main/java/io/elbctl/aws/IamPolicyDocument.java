package io.elbctl.aws;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@link IamPolicy}'s statements as an IAM policy document and as the README's Markdown table. */
public final class IamPolicyDocument {
  /** The most characters, whitespace not counted, AWS accepts in a customer managed policy. */
  public static final int MANAGED_POLICY_LIMIT = 6144;

  private IamPolicyDocument() {}

  /** A policy's size as IAM counts it: every character but whitespace. */
  public static long size(String json) {
    return json.chars().filter(c -> !Character.isWhitespace(c)).count();
  }

  /** The statements as an IAM policy document, ready for JSON. */
  public static Map<String, Object> document(List<IamPolicy.Statement> statements) {
    List<Object> list = new ArrayList<>();
    for (IamPolicy.Statement s : statements) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("Sid", s.sid());
      item.put("Effect", "Allow");
      item.put("Action", s.actions());
      item.put("Resource", s.resources().size() == 1 ? s.resources().get(0) : s.resources());
      if (!s.conditions().isEmpty()) {
        item.put("Condition", sortedConditions(s));
      }
      list.add(item);
    }
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("Version", "2012-10-17");
    document.put("Statement", list);
    return document;
  }

  private static Map<String, Object> sortedConditions(IamPolicy.Statement s) {
    Map<String, Object> conditions = new LinkedHashMap<>();
    s.conditions().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e -> {
              Map<String, Object> keys = new LinkedHashMap<>();
              e.getValue().entrySet().stream()
                  .sorted(Map.Entry.comparingByKey())
                  .forEach(k -> keys.put(k.getKey(), k.getValue()));
              conditions.put(e.getKey(), keys);
            });
    return conditions;
  }

  /**
   * The statements as a Markdown table (the README's permission table): each statement's actions,
   * resources, conditions and the reason elbctl needs it.
   */
  public static String markdown(List<IamPolicy.Statement> statements) {
    StringBuilder out = new StringBuilder();
    out.append("| statement | actions | resources | conditions | why |\n");
    out.append("|---|---|---|---|---|\n");
    for (IamPolicy.Statement s : statements) {
      out.append("| `").append(s.sid()).append("` | ");
      out.append(String.join("<br>", s.actions().stream().map(a -> "`" + a + "`").toList()));
      out.append(" | ");
      out.append(String.join("<br>", s.resources().stream().map(r -> "`" + r + "`").toList()));
      out.append(" | ");
      List<String> conditions = new ArrayList<>();
      sortedConditions(s)
          .forEach(
              (operator, keys) ->
                  ((Map<?, ?>) keys)
                      .forEach(
                          (key, values) ->
                              conditions.add(
                                  operator
                                      + " `"
                                      + key
                                      + "` "
                                      + String.join(
                                          ", ",
                                          ((List<?>) values)
                                              .stream().map(v -> "`" + v + "`").toList()))));
      out.append(conditions.isEmpty() ? "–" : String.join("<br>", conditions));
      out.append(" | ").append(s.why()).append(" |\n");
    }
    return out.toString();
  }
}
