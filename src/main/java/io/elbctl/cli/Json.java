package io.elbctl.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Writes JSON trees with jackson-core alone, so printing JSON costs no ObjectMapper start-up. */
public final class Json {
  private static final JsonFactory FACTORY = new JsonFactory();

  private Json() {}

  public static String pretty(JsonNode node) {
    StringWriter text = new StringWriter();
    try (JsonGenerator generator = FACTORY.createGenerator(text)) {
      generator.useDefaultPrettyPrinter();
      write(generator, node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }

  /** A JSON tree of maps, lists and (as text) any other value. */
  public static JsonNode tree(Object value) {
    if (value instanceof Map<?, ?> map) {
      ObjectNode node = JsonNodeFactory.instance.objectNode();
      map.forEach((k, v) -> node.set(String.valueOf(k), tree(v)));
      return node;
    }
    if (value instanceof List<?> list) {
      ArrayNode node = JsonNodeFactory.instance.arrayNode();
      list.forEach(v -> node.add(tree(v)));
      return node;
    }
    return JsonNodeFactory.instance.textNode(String.valueOf(value));
  }

  private static void write(JsonGenerator generator, JsonNode node) throws IOException {
    if (node.isObject()) {
      generator.writeStartObject();
      for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        generator.writeFieldName(field.getKey());
        write(generator, field.getValue());
      }
      generator.writeEndObject();
    } else if (node.isArray()) {
      generator.writeStartArray();
      for (JsonNode item : node) {
        write(generator, item);
      }
      generator.writeEndArray();
    } else if (node.isTextual()) {
      generator.writeString(node.textValue());
    } else if (node.isIntegralNumber()) {
      generator.writeNumber(node.bigIntegerValue());
    } else if (node.isNumber()) {
      generator.writeNumber(node.decimalValue());
    } else if (node.isBoolean()) {
      generator.writeBoolean(node.booleanValue());
    } else {
      generator.writeNull();
    }
  }
}
