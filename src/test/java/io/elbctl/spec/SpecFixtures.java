package io.elbctl.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Example specs and a way to change one value in them, for table-driven spec tests. */
public final class SpecFixtures {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private SpecFixtures() {}

  public static Path projectDir() {
    String dir = System.getenv("ELBCTL_PROJECT_DIR");
    return Path.of(dir != null ? dir : System.getProperty("user.dir"));
  }

  public static Path example(String name) {
    return projectDir().resolve("examples").resolve(name);
  }

  public static String exampleText(String name) {
    try {
      return Files.readString(example(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The example with the value at a dotted path ({@code loadBalancer.listeners[1].port}) replaced
   * by the JSON {@code value}; a null value removes the field. {@code example} is an example's file
   * name or spec text.
   */
  public static String with(String example, String path, String value) {
    try {
      String text = example.endsWith(".json") ? exampleText(example) : example;
      ObjectNode root = (ObjectNode) MAPPER.readTree(text);
      set(root, path, value == null ? null : MAPPER.readTree(value));
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void set(ObjectNode root, String path, JsonNode value) {
    String[] steps = path.split("\\.");
    JsonNode node = root;
    for (int i = 0; i < steps.length; i++) {
      String step = steps[i];
      String field = step;
      Integer index = null;
      int bracket = step.indexOf('[');
      if (bracket >= 0) {
        field = step.substring(0, bracket);
        index = Integer.parseInt(step.substring(bracket + 1, step.length() - 1));
      }
      boolean last = i == steps.length - 1;
      ObjectNode object = (ObjectNode) node;
      if (last && index == null) {
        if (value == null) {
          object.remove(field);
        } else {
          object.set(field, value);
        }
        return;
      }
      if (!object.has(field)) {
        object.set(field, index == null ? MAPPER.createObjectNode() : MAPPER.createArrayNode());
      }
      node = object.get(field);
      if (index != null) {
        ArrayNode array = (ArrayNode) node;
        if (last) {
          if (value == null) {
            array.remove(index);
          } else if (index < array.size()) {
            array.set(index, value);
          } else {
            array.add(value);
          }
          return;
        }
        while (array.size() <= index) {
          array.addObject();
        }
        node = array.get(index);
      }
    }
  }
}
