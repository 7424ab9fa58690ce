package io.elbctl.spec;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Map;
import java.util.TreeMap;

/** Derives the JSON Schema of the spec from the spec records, so the two cannot disagree. */
public final class SchemaGenerator {
  public static final String SCHEMA_ID = "https://elbctl.io/schema/elbctl-v1.json";

  private final Map<String, ObjectNode> definitions = new TreeMap<>();
  private final JsonNodeFactory nodes = JsonNodeFactory.instance;

  private SchemaGenerator() {}

  /** The JSON Schema (draft 2020-12) of an elbctl/v1 spec. */
  public static ObjectNode schema() {
    return new SchemaGenerator().generate();
  }

  private ObjectNode generate() {
    ObjectNode root = nodes.objectNode();
    root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    root.put("$id", SCHEMA_ID);
    root.put("title", "elbctl spec");
    ObjectNode body = recordSchema(Spec.class);
    ((ObjectNode) body.get("properties"))
        .putObject("$schema")
        .put("type", "string")
        .put("description", "Optional path or URL of this schema, for editors.");
    ObjectNode notes =
        ((ObjectNode) body.get("properties"))
            .putObject(Spec.IMPORT_NOTES)
            .put("type", "array")
            .put("description", Spec.IMPORT_NOTES_DOC);
    notes.putObject("items").put("type", "string");
    ((ObjectNode) body.get("properties").get("apiVersion")).put("const", Spec.API_VERSION);
    root.setAll(body);
    ObjectNode defs = root.putObject("$defs");
    definitions.forEach(defs::set);
    return root;
  }

  private ObjectNode typeSchema(Type type) {
    if (type instanceof ParameterizedType parameterized) {
      ObjectNode array = nodes.objectNode().put("type", "array");
      array.set("items", typeSchema(parameterized.getActualTypeArguments()[0]));
      return array;
    }
    Class<?> raw = (Class<?>) type;
    if (raw == String.class) {
      return nodes.objectNode().put("type", "string");
    }
    if (raw == Integer.class) {
      return nodes.objectNode().put("type", "integer");
    }
    if (raw == Boolean.class) {
      return nodes.objectNode().put("type", "boolean");
    }
    if (raw == Action.class) {
      define("Action", actionSchema());
      return ref("Action");
    }
    if (raw.isRecord()) {
      define(raw.getSimpleName(), recordSchema(raw));
      return ref(raw.getSimpleName());
    }
    throw new AssertionError(raw);
  }

  private ObjectNode actionSchema() {
    ObjectNode schema = nodes.objectNode();
    ArrayNode oneOf = schema.putArray("oneOf");
    new TreeMap<>(Action.TYPES)
        .forEach(
            (name, type) -> {
              ObjectNode variant = recordSchema(type);
              ((ObjectNode) variant.get("properties").get("type")).put("const", name);
              define(type.getSimpleName(), variant);
              oneOf.add(ref(type.getSimpleName()));
            });
    return schema;
  }

  private void define(String name, ObjectNode schema) {
    definitions.putIfAbsent(name, schema);
  }

  private ObjectNode ref(String name) {
    return nodes.objectNode().put("$ref", "#/$defs/" + name);
  }

  private ObjectNode recordSchema(Class<?> type) {
    ObjectNode schema = nodes.objectNode();
    Doc typeDoc = type.getAnnotation(Doc.class);
    if (typeDoc != null) {
      schema.put("description", typeDoc.value());
    }
    schema.put("type", "object");
    schema.put("additionalProperties", false);
    ObjectNode properties = schema.putObject("properties");
    ArrayNode required = nodes.arrayNode();
    for (RecordComponent component : type.getRecordComponents()) {
      ObjectNode property = typeSchema(component.getGenericType());
      Doc doc = component.getAnnotation(Doc.class);
      if (doc != null) {
        property.put("description", doc.value());
      }
      properties.set(component.getName(), property);
      if (component.isAnnotationPresent(Required.class)) {
        required.add(component.getName());
      }
    }
    if (!required.isEmpty()) {
      schema.set("required", required);
    }
    return schema;
  }
}
