package io.elbctl.aws;

import java.io.IOException;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What moto 5.2.1 drops of a listener rule, kept as AWS keeps it: the {@code Transforms} of
 * CreateRule and ModifyRule (moto ignores them silently) are stored per rule, cleared by
 * ModifyRule's {@code ResetTransforms}, and returned in DescribeRules in the shape of the ELBv2 API
 * reference ({@code Rule.Transforms}). Every request it saw is kept so a test can check what was
 * sent.
 */
final class RuleFeaturesAws implements FaultProxy.Behaviour {
  private static final Pattern RULE_ARN = Pattern.compile("<RuleArn>([^<]+)</RuleArn>");

  /** Transform query parameters (without the {@code Transforms.} prefix) per rule ARN. */
  private final Map<String, Map<String, String>> transforms = new ConcurrentHashMap<>();

  private final List<Map<String, String>> sent = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** The form parameters of every call, in order, with {@code Action} among them. */
  List<Map<String, String>> sent() {
    return List.copyOf(sent);
  }

  @Override
  public HttpResponse<byte[]> answer(FaultProxy.Request call, FaultProxy.Moto moto)
      throws IOException, InterruptedException {
    Map<String, String> form = form(call);
    sent.add(form);
    HttpResponse<byte[]> response = moto.send();
    if (response.statusCode() >= 300) {
      return response;
    }
    String body = AwsAnswers.body(response);
    switch (call.operation()) {
      case "CreateRule" -> {
        Matcher arn = RULE_ARN.matcher(body);
        if (arn.find()) {
          store(arn.group(1), form);
        }
      }
      case "ModifyRule" -> {
        String arn = form.get("RuleArn");
        if ("true".equals(form.get("ResetTransforms"))) {
          transforms.remove(arn);
        } else {
          store(arn, form);
        }
      }
      case "DescribeRules" -> {
        return AwsAnswers.withBody(response, withTransforms(body));
      }
      default -> {}
    }
    return response;
  }

  private void store(String arn, Map<String, String> form) {
    Map<String, String> mine = new TreeMap<>();
    form.forEach(
        (k, v) -> {
          if (k.startsWith("Transforms.")) {
            mine.put(k.substring("Transforms.".length()), v);
          }
        });
    if (!mine.isEmpty()) {
      transforms.put(arn, mine);
    }
  }

  /** Each described rule with its stored transforms after its ARN. */
  private String withTransforms(String body) {
    StringBuilder out = new StringBuilder();
    Matcher arn = RULE_ARN.matcher(body);
    int last = 0;
    while (arn.find()) {
      out.append(body, last, arn.end());
      Map<String, String> stored = transforms.get(arn.group(1));
      if (stored != null) {
        out.append(xml(stored));
      }
      last = arn.end();
    }
    return out.append(body.substring(last)).toString();
  }

  /**
   * {@code member.1.Type=url-rewrite}, {@code member.1.UrlRewriteConfig.Rewrites.member.1.Regex=x}
   * ... as the XML DescribeRules returns.
   */
  private static String xml(Map<String, String> params) {
    Map<String, Object> tree = new TreeMap<>();
    params.forEach((k, v) -> put(tree, k.split("\\."), 0, v));
    return "<Transforms>" + members(tree) + "</Transforms>";
  }

  @SuppressWarnings("unchecked")
  private static void put(Map<String, Object> tree, String[] keys, int i, String value) {
    String key = keys[i].equals("member") ? "member." + keys[++i] : keys[i];
    if (i == keys.length - 1) {
      tree.put(key, value);
      return;
    }
    put(
        (Map<String, Object>) tree.computeIfAbsent(key, k -> new TreeMap<String, Object>()),
        keys,
        i + 1,
        value);
  }

  @SuppressWarnings("unchecked")
  private static String members(Map<String, Object> tree) {
    StringBuilder out = new StringBuilder();
    tree.forEach(
        (key, value) -> {
          String tag = key.startsWith("member.") ? "member" : key;
          out.append('<').append(tag).append('>');
          out.append(
              value instanceof Map
                  ? members((Map<String, Object>) value)
                  : ((String) value).replace("&", "&amp;").replace("<", "&lt;"));
          out.append("</").append(tag).append('>');
        });
    return out.toString();
  }

  private static Map<String, String> form(FaultProxy.Request call) {
    Map<String, String> values = new TreeMap<>();
    String form = new String(call.body(), StandardCharsets.UTF_8);
    if (call.query() != null) {
      form = form + "&" + call.query();
    }
    for (String pair : form.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        values.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return values;
  }
}
