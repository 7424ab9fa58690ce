package io.elbctl.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Binds a JSON tree to the spec records strictly: unknown fields, wrong types and missing required
 * fields each become a {@link Problem} naming the JSON path, and binding goes on so that all of
 * them are reported at once. Field names are the record component names.
 */
final class SpecBinder {
  private final List<Problem> problems;

  SpecBinder(List<Problem> problems) {
    this.problems = problems;
  }

  Spec bind(JsonNode root) {
    return (Spec) bindRecord(root, Spec.class, "");
  }

  /** The JSON field names a spec type accepts, in declaration order. */
  static List<String> fieldNames(Class<?> type) {
    List<String> names = new ArrayList<>();
    for (RecordComponent component : type.getRecordComponents()) {
      names.add(component.getName());
    }
    return names;
  }

  private Object bindValue(JsonNode node, Type type, String path) {
    if (node.isNull()) {
      return null;
    }
    if (type instanceof ParameterizedType parameterized) {
      Type element = parameterized.getActualTypeArguments()[0];
      if (!node.isArray()) {
        problems.add(Problem.error(path, "must be a list, got " + describe(node)));
        return null;
      }
      List<Object> values = new ArrayList<>();
      for (int i = 0; i < node.size(); i++) {
        JsonNode item = node.get(i);
        String itemPath = path + "[" + i + "]";
        if (item.isNull()) {
          problems.add(Problem.error(itemPath, "must not be null"));
          continue;
        }
        Object value = bindValue(item, element, itemPath);
        if (value != null) {
          values.add(value);
        }
      }
      return values;
    }
    Class<?> raw = (Class<?>) type;
    if (raw == String.class) {
      if (!node.isTextual()) {
        String hint = node.isNumber() ? ", e.g. \"" + node.asText() + "\"" : "";
        problems.add(Problem.error(path, "must be a string, got " + describe(node) + hint));
        return null;
      }
      return node.textValue();
    }
    if (raw == Integer.class) {
      if (!node.isIntegralNumber() && !(node.isNumber() && isWhole(node))) {
        problems.add(Problem.error(path, "must be a whole number, got " + describe(node)));
        return null;
      }
      BigInteger value = node.bigIntegerValue();
      if (value.bitLength() > 31) {
        problems.add(
            Problem.error(path, "number " + abbreviate(value.toString()) + " is too large"));
        return null;
      }
      return value.intValue();
    }
    if (raw == Boolean.class) {
      if (!node.isBoolean()) {
        problems.add(Problem.error(path, "must be true or false, got " + describe(node)));
        return null;
      }
      return node.booleanValue();
    }
    if (raw == Action.class) {
      return bindAction(node, path);
    }
    if (raw.isRecord()) {
      return bindRecord(node, raw, path);
    }
    throw new AssertionError(raw);
  }

  private Object bindAction(JsonNode node, String path) {
    if (!node.isObject()) {
      problems.add(Problem.error(path, "must be an object, got " + describe(node)));
      return null;
    }
    JsonNode type = node.get("type");
    String expected = String.join(", ", Action.TYPES.keySet().stream().sorted().toList());
    if (type == null || type.isNull()) {
      problems.add(Problem.error(path + ".type", "is required (one of " + expected + ")"));
      return null;
    }
    Class<? extends Action> actionType =
        type.isTextual() ? Action.TYPES.get(type.textValue()) : null;
    if (actionType == null) {
      problems.add(
          Problem.error(
              path + ".type",
              "must be one of "
                  + expected
                  + ", got "
                  + describe(type)
                  + suggest(type.asText(), Action.TYPES.keySet())));
      return null;
    }
    return bindRecord(node, actionType, path);
  }

  private Object bindRecord(JsonNode node, Class<?> type, String path) {
    if (!node.isObject() && type == SecretReference.class) {
      // Whatever stands here may be the secret itself: never repeat it.
      problems.add(
          Problem.error(
              path,
              "must be a reference such as {\"env\": \"NAME\"}, never the secret itself (its"
                  + " value is not shown); remove it from the spec and rotate it if it was shared"));
      return null;
    }
    if (!node.isObject()) {
      problems.add(Problem.error(path, "must be an object, got " + describe(node)));
      return null;
    }
    RecordComponent[] components = type.getRecordComponents();
    Set<String> known = new LinkedHashSet<>(fieldNames(type));
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      boolean editorSchema =
          type == Spec.class && (name.equals("$schema") || name.equals(Spec.IMPORT_NOTES));
      if (!known.contains(name) && !editorSchema) {
        problems.add(
            Problem.error(join(path, name), "unknown field '" + name + "'" + suggest(name, known)));
      }
    }
    Object[] args = new Object[components.length];
    Class<?>[] types = new Class<?>[components.length];
    boolean complete = true;
    for (int i = 0; i < components.length; i++) {
      RecordComponent component = components[i];
      types[i] = component.getType();
      JsonNode value = node.get(component.getName());
      String fieldPath = join(path, component.getName());
      if (value == null || value.isNull()) {
        if (component.isAnnotationPresent(Required.class)) {
          problems.add(Problem.error(fieldPath, "is required"));
          complete = false;
        }
        continue;
      }
      int before = problems.size();
      args[i] = bindValue(value, component.getGenericType(), fieldPath);
      if (args[i] == null
          && problems.size() > before
          && component.isAnnotationPresent(Required.class)) {
        complete = false;
      }
    }
    if (!complete && type != Spec.class) {
      return null;
    }
    try {
      Constructor<?> constructor = type.getDeclaredConstructor(types);
      return constructor.newInstance(args);
    } catch (InvocationTargetException e) {
      problems.add(Problem.error(path, String.valueOf(e.getCause().getMessage())));
      return null;
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  private static boolean isWhole(JsonNode node) {
    try {
      node.decimalValue().toBigIntegerExact();
      return true;
    } catch (ArithmeticException e) {
      return false;
    }
  }

  private static String join(String path, String field) {
    return path.isEmpty() ? field : path + "." + field;
  }

  static String describe(JsonNode node) {
    if (node.isTextual()) {
      return "\"" + abbreviate(node.textValue()) + "\"";
    }
    if (node.isNumber()) {
      return abbreviate(node.asText());
    }
    if (node.isBoolean()) {
      return node.asText();
    }
    if (node.isArray()) {
      return "a list";
    }
    if (node.isObject()) {
      return "an object";
    }
    return "null";
  }

  private static String abbreviate(String text) {
    String printable =
        text.codePoints()
            .mapToObj(
                c -> c < 0x20 || c == 0x7f ? String.format("\\u%04x", c) : Character.toString(c))
            .collect(Collectors.joining());
    return printable.length() > 40 ? printable.substring(0, 37) + "..." : printable;
  }

  /** " (did you mean 'x'?)" when a known name is close to {@code name}, else "". */
  static String suggest(String name, Iterable<String> known) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : known) {
      int distance = distance(name.toLowerCase(), candidate.toLowerCase());
      if (distance < bestDistance) {
        bestDistance = distance;
        best = candidate;
      }
    }
    if (best == null) {
      return "";
    }
    int allowed = Math.max(2, best.length() / 3);
    if (bestDistance <= allowed) {
      return " (did you mean '" + best + "'?)";
    }
    List<String> all = new ArrayList<>();
    known.forEach(all::add);
    all.sort(Comparator.naturalOrder());
    return " (expected one of: " + String.join(", ", all) + ")";
  }

  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] =
            Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  static Map<String, Class<? extends Action>> actionTypes() {
    return Action.TYPES;
  }
}
