/*
 * A stand-in Arduino core for onebit's export tests (see ../README.md): the part of the Arduino
 * API the exported example sketch uses, printing through onebit's console (semihosting on QEMU).
 */
#ifndef ARDUINO_H
#define ARDUINO_H

#include <stddef.h>
#include <stdint.h>

#define ARDUINO 10819

class HardwareSerial {
 public:
  void begin(unsigned long baud);
  explicit operator bool() const { return true; }
  size_t print(const char *text);
  size_t print(char c);
  size_t print(int value);
  size_t print(unsigned int value);
  size_t print(long value);
  size_t print(unsigned long value);
  size_t println(const char *text);
};

extern HardwareSerial Serial;

void setup();
void loop();

#endif
