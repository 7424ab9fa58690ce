package io.elbctl.spec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a spec file: parses the JSON with positions, binds it strictly to {@link Spec} and runs
 * {@link SpecValidator}, collecting every problem rather than stopping at the first.
 */
public final class SpecReader {
  /** Specs are small; anything larger is a mistake, not a spec. */
  public static final long MAX_BYTES = 1024 * 1024;

  static final int MAX_DEPTH = 64;

  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNestingDepth(MAX_DEPTH)
                  .maxNumberLength(40)
                  .maxStringLength(64 * 1024)
                  .build())
          .build();

  private SpecReader() {}

  /** Reads and validates the spec at {@code file}. Never throws for bad input. */
  public static SpecResult read(Path file) throws SpecFileException {
    if (Files.isDirectory(file)) {
      throw new SpecFileException(file + " is a directory, not a spec file.");
    }
    byte[] bytes;
    try {
      long size = Files.size(file);
      if (size > MAX_BYTES) {
        throw new SpecFileException(
            file + " is " + size + " bytes; a spec may be at most " + MAX_BYTES + " bytes.");
      }
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new SpecFileException(
          "No spec file at " + file + " (give one with -f FILE, or run 'elbctl init').");
    } catch (AccessDeniedException e) {
      throw new SpecFileException("Cannot read " + file + ": permission denied.");
    } catch (IOException e) {
      throw new SpecFileException("Cannot read " + file + ": " + e.getMessage());
    }
    return parse(bytes);
  }

  /** Parses and validates spec text. */
  public static SpecResult parse(String json) {
    return parse(json.getBytes(StandardCharsets.UTF_8));
  }

  /** Parses and validates spec bytes (UTF-8). */
  public static SpecResult parse(byte[] bytes) {
    if (bytes.length > MAX_BYTES) {
      return SpecResult.failed(
          Problem.error(
              "", "spec is " + bytes.length + " bytes; a spec may be at most " + MAX_BYTES));
    }
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes));
    } catch (CharacterCodingException e) {
      return SpecResult.failed(Problem.error("", "spec is not valid UTF-8 text"));
    }
    SourceMap sourceMap = new SourceMap();
    List<Problem> problems = new ArrayList<>();
    JsonNode root;
    try (JsonParser parser = FACTORY.createParser(bytes)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        return SpecResult.failed(Problem.error("", "spec is empty; expected a JSON object"));
      }
      root = readValue(parser, "", sourceMap, problems);
      JsonToken trailing = parser.nextToken();
      if (trailing != null) {
        JsonLocation at = parser.currentTokenLocation();
        return SpecResult.failed(
            Problem.error("", "unexpected content after the end of the spec object")
                .at(at.getLineNr(), at.getColumnNr()));
      }
    } catch (StreamConstraintsException e) {
      return SpecResult.failed(
          Problem.error("", "spec is nested too deeply or has an oversized value"));
    } catch (JsonParseException e) {
      JsonLocation at = e.getLocation();
      Problem problem = Problem.error("", "invalid JSON: " + firstSentence(e.getOriginalMessage()));
      return SpecResult.failed(at == null ? problem : problem.at(at.getLineNr(), at.getColumnNr()));
    } catch (IOException e) {
      return SpecResult.failed(Problem.error("", "invalid JSON: " + e.getMessage()));
    }
    if (!root.isObject()) {
      return SpecResult.failed(sourceMap.locate(Problem.error("", "spec must be a JSON object")));
    }
    Spec spec = new SpecBinder(problems).bind(root);
    if (spec != null) {
      List<String> unbound = problems.stream().map(Problem::path).toList();
      for (Problem problem : SpecValidator.validate(spec)) {
        // A container whose content failed to bind looks empty to the validator: not news.
        if (unbound.stream().noneMatch(path -> isAncestor(problem.path(), path))) {
          problems.add(problem);
        }
      }
    }
    List<Problem> located = new ArrayList<>(problems.size());
    for (Problem problem : problems) {
      located.add(sourceMap.locate(problem));
    }
    return new SpecResult(spec, located);
  }

  private static JsonNode readValue(
      JsonParser parser, String path, SourceMap sourceMap, List<Problem> problems)
      throws IOException {
    JsonLocation at = parser.currentTokenLocation();
    sourceMap.put(path, at.getLineNr(), at.getColumnNr());
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    JsonToken token = parser.currentToken();
    switch (token) {
      case START_OBJECT -> {
        ObjectNode object = nodes.objectNode();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String field = parser.currentName();
          String fieldPath = path.isEmpty() ? field : path + "." + field;
          JsonLocation fieldAt = parser.currentTokenLocation();
          parser.nextToken();
          if (object.has(field)) {
            problems.add(
                Problem.error(fieldPath, "duplicate field '" + field + "'")
                    .at(fieldAt.getLineNr(), fieldAt.getColumnNr()));
            readValue(parser, fieldPath + "#dup", sourceMap, problems);
            continue;
          }
          sourceMap.put(fieldPath, fieldAt.getLineNr(), fieldAt.getColumnNr());
          object.set(field, readValue(parser, fieldPath, sourceMap, problems));
        }
        return object;
      }
      case START_ARRAY -> {
        ArrayNode array = nodes.arrayNode();
        int index = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          array.add(readValue(parser, path + "[" + index + "]", sourceMap, problems));
          index++;
        }
        return array;
      }
      case VALUE_STRING -> {
        return nodes.textNode(parser.getText());
      }
      case VALUE_NUMBER_INT -> {
        return nodes.numberNode(parser.getBigIntegerValue());
      }
      case VALUE_NUMBER_FLOAT -> {
        return nodes.numberNode(parser.getDecimalValue());
      }
      case VALUE_TRUE, VALUE_FALSE -> {
        return nodes.booleanNode(token == JsonToken.VALUE_TRUE);
      }
      case VALUE_NULL -> {
        return nodes.nullNode();
      }
      default -> throw new JsonParseException(parser, "unexpected token " + token);
    }
  }

  private static boolean isAncestor(String ancestor, String path) {
    return path.length() > ancestor.length()
        && path.startsWith(ancestor)
        && (path.charAt(ancestor.length()) == '.' || path.charAt(ancestor.length()) == '[');
  }

  private static String firstSentence(String message) {
    if (message == null) {
      return "unreadable";
    }
    String line = message.lines().findFirst().orElse(message);
    int hint = line.indexOf(" (");
    return hint > 0 && line.contains("code ") ? line.substring(0, hint) : line;
  }
}
