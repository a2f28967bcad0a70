package io.onebit.model;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * One line for a JSON file that Jackson could not read: where (the field's path, e.g.
 * {@code layers[0].thresholds[3]}, and the line) and what ("expected an integer, got 510.5").
 * No exception class names and no Java type names reach the user.
 */
public final class JsonErrors {
  private JsonErrors() {}

  /** "PATH: PROBLEM (line N)"; PATH is omitted at the top level. */
  public static String describe(JsonProcessingException e) {
    String path = path(e);
    String problem = problem(e);
    JsonLocation at = e.getLocation();
    // Jackson buffers a record's properties, so an unknown field is reported where the object ends: no line.
    String line = at != null && at.getLineNr() > 0 && !(e instanceof UnrecognizedPropertyException)
        ? " (line " + at.getLineNr() + ")" : "";
    return (path.isEmpty() ? "" : path + ": ") + problem + line;
  }

  private static String problem(JsonProcessingException e) {
    if (e instanceof UnrecognizedPropertyException u) {
      return "unknown field '" + u.getPropertyName() + "' (known: " + known(u.getKnownPropertyIds()) + ")";
    }
    String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
    if (original.startsWith("Duplicate field")) {
      return "duplicate key " + original.substring("Duplicate field ".length()).trim();
    }
    if (original.startsWith("Trailing token")) {
      return "unexpected content after the end of the JSON value";
    }
    if (e instanceof InputCoercionException c) {
      return "expected " + expected(c.getTargetType()) + ", got " + token(e) + " (out of range)";
    }
    if (original.startsWith("Numeric value (") && original.contains("out of range")) {
      Class<?> target = e instanceof MismatchedInputException m ? m.getTargetType() : null;
      if (target == null) {
        target = original.contains("range of int") ? int.class : original.contains("range of long") ? long.class
            : Object.class;
      }
      return "expected " + (target == Object.class ? "a smaller number" : expected(target)) + ", got " + token(e)
          + " (out of range)";
    }
    if (e instanceof MismatchedInputException m && m.getTargetType() != null && original.startsWith("Cannot map `null`")
        && !"null".equals(token(e))) {
      // A primitive the object does not have at all: Jackson reports it as null where the object ends ("got }").
      return "missing; expected " + expected(m.getTargetType());
    }
    if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
      int explained = original.lastIndexOf("\": ");
      if (e instanceof InvalidFormatException && explained > 0) { // a custom reader's own explanation
        return original.substring(explained + 3).strip() + ", got " + token(e);
      }
      return "expected " + expected(m.getTargetType()) + ", got " + token(e);
    }
    if (original.startsWith("No content to map") || original.contains("end-of-input")) {
      return "not valid JSON: it ends too early";
    }
    // A syntax error: Jackson's message says what it found; its first sentence is enough.
    String first = original.lines().findFirst().orElse("");
    int expecting = first.indexOf(": was expecting");
    return "not valid JSON: " + (expecting < 0 ? first : first.substring(0, expecting));
  }

  /** The JSON-side name of what a Java type accepts. */
  private static String expected(Class<?> type) {
    if (type == int.class || type == Integer.class || type == short.class || type == Short.class) {
      return "an integer from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE;
    }
    if (type == long.class || type == Long.class) {
      return "an integer";
    }
    if (type == float.class || type == Float.class || type == double.class || type == Double.class) {
      return "a number";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a string";
    }
    if (type == int[].class) {
      return "a list of integers";
    }
    if (type.isArray() || Collection.class.isAssignableFrom(type)) {
      return "a list";
    }
    return "an object";
  }

  /** The offending value as written, where the parser still points at it. */
  private static String token(JsonProcessingException e) {
    if (e.getProcessor() instanceof JsonParser p) {
      try {
        JsonToken t = p.currentToken();
        if (t == null) {
          return "nothing";
        }
        return switch (t) {
          case VALUE_STRING -> "\"" + abbreviate(p.getText()) + "\"";
          case START_OBJECT -> "an object";
          case START_ARRAY -> "a list";
          case VALUE_NULL -> "null";
          default -> abbreviate(p.getText());
        };
      } catch (java.io.IOException ignored) {
        return "an invalid value";
      }
    }
    return "an invalid value";
  }

  private static String abbreviate(String text) {
    return text == null ? "" : text.length() <= 40 ? text : text.substring(0, 37) + "...";
  }

  /** layers[0].thresholds[3], from the mapping path or, for a parser error, the parser's context. */
  private static String path(JsonProcessingException e) {
    List<String> parts = new ArrayList<>();
    if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
      List<JsonMappingException.Reference> references = m.getPath();
      if (e instanceof UnrecognizedPropertyException) { // the unknown field is named in the problem
        references = references.subList(0, references.size() - 1);
      }
      for (JsonMappingException.Reference r : references) {
        parts.add(r.getFieldName() != null ? r.getFieldName() : r.getIndex() >= 0 ? "[" + r.getIndex() + "]" : "");
      }
    } else if (e.getProcessor() instanceof JsonParser p) {
      List<String> reversed = new ArrayList<>();
      for (JsonStreamContext c = p.getParsingContext(); c != null && !c.inRoot(); c = c.getParent()) {
        if (c.inArray()) {
          reversed.add(0, "[" + Math.max(0, c.getCurrentIndex()) + "]");
        } else if (c.getCurrentName() != null && c != p.getParsingContext()) {
          reversed.add(0, c.getCurrentName());
        }
      }
      parts = reversed;
    }
    StringBuilder b = new StringBuilder();
    for (String part : parts) {
      if (part.isEmpty()) {
        continue;
      }
      if (b.length() > 0 && !part.startsWith("[")) {
        b.append('.');
      }
      b.append(part);
    }
    return b.toString();
  }

  private static String known(Collection<Object> ids) {
    TreeSet<String> names = new TreeSet<>();
    if (ids != null) {
      ids.forEach(id -> names.add(String.valueOf(id)));
    }
    return String.join(", ", names);
  }
}
