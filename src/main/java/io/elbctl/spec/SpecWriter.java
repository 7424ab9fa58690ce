package io.elbctl.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Turns a {@link Spec} back into the JSON a spec file holds, walking the same record components the
 * binder and the schema read; absent values and empty lists are left out.
 */
public final class SpecWriter {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private SpecWriter() {}

  /** The spec as a JSON object, with {@code notes} under {@link Spec#IMPORT_NOTES} if any. */
  public static ObjectNode write(Spec spec, List<String> notes) {
    ObjectNode body = (ObjectNode) value(spec);
    ObjectNode root = NODES.objectNode();
    root.set("apiVersion", body.remove("apiVersion"));
    if (!notes.isEmpty()) {
      ArrayNode array = root.putArray(Spec.IMPORT_NOTES);
      notes.forEach(array::add);
    }
    root.setAll(body);
    return root;
  }

  /**
   * Writes {@code text} to {@code file} through a temporary file in the same directory and an
   * atomic move, so a reader never sees half a spec; an existing file only with {@code overwrite}.
   */
  public static void writeFile(Path file, String text, boolean overwrite) throws IOException {
    if (!overwrite && Files.exists(file)) {
      throw new FileAlreadyExistsException(file.toString());
    }
    Path directory = file.toAbsolutePath().getParent();
    Path temporary = Files.createTempFile(directory, "." + file.getFileName(), ".tmp");
    try {
      Files.writeString(temporary, text, StandardCharsets.UTF_8);
      if (overwrite) {
        Files.move(
            temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } else {
        // A link fails when the name was taken meanwhile, where a move would replace the file.
        Files.createLink(file, temporary);
      }
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  private static JsonNode value(Object value) {
    if (value instanceof String text) {
      return NODES.textNode(text);
    }
    if (value instanceof Integer number) {
      return NODES.numberNode(number);
    }
    if (value instanceof Boolean flag) {
      return NODES.booleanNode(flag);
    }
    if (value instanceof List<?> list) {
      ArrayNode array = NODES.arrayNode();
      list.forEach(item -> array.add(value(item)));
      return array;
    }
    if (value instanceof Record record) {
      ObjectNode object = NODES.objectNode();
      for (RecordComponent component : record.getClass().getRecordComponents()) {
        Object field = read(component, record);
        if (field == null || (field instanceof List<?> list && list.isEmpty())) {
          continue;
        }
        object.set(component.getName(), value(field));
      }
      return object;
    }
    throw new AssertionError(value);
  }

  private static Object read(RecordComponent component, Record record) {
    try {
      return component.getAccessor().invoke(record);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot read " + component, e);
    }
  }
}
