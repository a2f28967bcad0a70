package io.onebit.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;

/**
 * The project's one Jackson configuration, for every file onebit reads (deploy models, boards,
 * experiment configs, architecture files) and writes: snake_case keys, and strict reading. Every
 * number of a contract is taken as written or refused, never coerced:
 *
 * <ul>
 *   <li>unknown fields, duplicate keys and anything after the JSON value are errors
 *       ({@code FAIL_ON_UNKNOWN_PROPERTIES}, {@code STRICT_DUPLICATE_DETECTION},
 *       {@code FAIL_ON_TRAILING_TOKENS});
 *   <li>an integer field takes only an integer token in its type's range: no fraction
 *       ({@code ACCEPT_FLOAT_AS_INT} off), no string, boolean or empty string (coercion configs);
 *   <li>a string field takes only a string, a boolean only true or false; null for a primitive is
 *       an error ({@code FAIL_ON_NULL_FOR_PRIMITIVES}).
 * </ul>
 *
 * {@link JsonErrors} turns Jackson's exceptions into one line naming the field.
 */
public final class Json {
  private static final ObjectMapper MAPPER = strict();

  private Json() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /**
   * Reads one value of {@code type} strictly.
   *
   * @throws InvalidJsonException one line naming the field and the problem (see {@link JsonErrors})
   */
  public static <T> T read(byte[] json, Class<T> type) throws InvalidJsonException {
    // The parser stays open until the error is described, so the offending token is still known.
    try (JsonParser parser = MAPPER.createParser(json)) {
      try {
        return MAPPER.readValue(parser, type);
      } catch (JsonProcessingException e) {
        throw new InvalidJsonException(JsonErrors.describe(e), e);
      }
    } catch (InvalidJsonException e) {
      throw e;
    } catch (IOException e) {
      throw new InvalidJsonException(e.getMessage(), e);
    }
  }

  /** Reads a JSON tree strictly (duplicate keys, trailing content refused); as {@link #read}. */
  public static JsonNode readTree(byte[] json) throws InvalidJsonException {
    JsonNode node = read(json, JsonNode.class);
    if (node == null || node.isMissingNode()) {
      throw new InvalidJsonException("the file is empty", null);
    }
    return node;
  }

  /** A JSON file onebit cannot read; the message is one line naming the field. */
  public static final class InvalidJsonException extends IOException {
    private static final long serialVersionUID = 1L;

    InvalidJsonException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private static ObjectMapper strict() {
    JsonMapper mapper = JsonMapper.builder()
        .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
        .enable(SerializationFeature.INDENT_OUTPUT)
        .build();
    for (LogicalType type : new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean,
        LogicalType.Textual}) {
      for (CoercionInputShape shape : CoercionInputShape.values()) {
        if (!nativeShape(type, shape)) {
          mapper.coercionConfigFor(type).setCoercion(shape, CoercionAction.Fail);
        }
      }
    }
    mapper.coercionConfigDefaults().setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
    return mapper;
  }

  /** The JSON shapes a type takes as written: integers for integers, numbers for floats, and so on. */
  private static boolean nativeShape(LogicalType type, CoercionInputShape shape) {
    return switch (type) {
      case Integer -> shape == CoercionInputShape.Integer;
      case Float -> shape == CoercionInputShape.Integer || shape == CoercionInputShape.Float;
      case Boolean -> shape == CoercionInputShape.Boolean;
      case Textual -> shape == CoercionInputShape.String;
      default -> true;
    };
  }
}
