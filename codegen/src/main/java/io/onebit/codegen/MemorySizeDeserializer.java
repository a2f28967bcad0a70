package io.onebit.codegen;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import java.io.IOException;
import java.util.Locale;

/**
 * Reads an address or a size as board files write them: a JSON number, or a string in decimal,
 * hexadecimal ({@code "0x20000000"}) or with a binary suffix ({@code "256K"}, {@code "4M"}).
 */
final class MemorySizeDeserializer extends JsonDeserializer<Long> {
  @Override
  public Long deserialize(JsonParser parser, DeserializationContext context) throws IOException {
    if (parser.currentToken() == JsonToken.VALUE_NUMBER_INT) {
      return parser.getLongValue();
    }
    String text = parser.getValueAsString();
    if (text == null) {
      return (Long) context.handleUnexpectedToken(Long.class, parser);
    }
    try {
      return parse(text);
    } catch (NumberFormatException e) {
      return (Long) context.handleWeirdStringValue(Long.class, text,
          "expected a number, 0x-hex, or a size like 256K or 4M");
    }
  }

  static long parse(String text) {
    String t = text.trim().toUpperCase(Locale.ROOT);
    if (t.startsWith("0X")) {
      return Long.parseLong(t.substring(2), 16);
    }
    long unit = t.endsWith("K") ? 1L << 10 : t.endsWith("M") ? 1L << 20 : 1;
    try {
      return Math.multiplyExact(Long.parseLong(unit == 1 ? t : t.substring(0, t.length() - 1)), unit);
    } catch (ArithmeticException e) {
      throw new NumberFormatException("too large: " + text);
    }
  }
}
