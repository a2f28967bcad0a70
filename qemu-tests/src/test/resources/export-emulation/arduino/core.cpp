/*
 * The stand-in core's implementation (see ../README.md). Arduino's main() calls setup() and then
 * loop() forever; this one runs setup() once and returns, so onebit's startup ends the program and
 * QEMU exits with its status.
 */
#include "Arduino.h"

extern "C" {
#include "onebit/common/format.h"
#include "onebit/cortexm/console.h"
}

HardwareSerial Serial;

void HardwareSerial::begin(unsigned long) {}

size_t HardwareSerial::print(const char *text) {
  onebit_console_write(text);
  size_t n = 0;
  while (text[n] != '\0') {
    n++;
  }
  return n;
}

size_t HardwareSerial::print(char c) {
  char text[2] = {c, '\0'};
  return print(text);
}

size_t HardwareSerial::print(long value) {
  char text[12];
  *onebit_format_int(text, static_cast<int32_t>(value)) = '\0';
  return print(text);
}

size_t HardwareSerial::print(int value) { return print(static_cast<long>(value)); }

size_t HardwareSerial::print(unsigned int value) { return print(static_cast<long>(value)); }

size_t HardwareSerial::print(unsigned long value) { return print(static_cast<long>(value)); }

size_t HardwareSerial::println(const char *text) { return print(text) + print("\n"); }

int main() {
  setup();
  return 0;
}
