package io.onebit.codegen;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.List;
import java.util.Map;

/**
 * The serial port a real board prints its results on (board field {@code uart}, used when
 * {@code console} is {@code uart}). The firmware drives it by polling, with the clocks the chip
 * has at reset unless {@code setup} changes them; {@code clock_hz} is the peripheral clock that
 * the baud divisor is computed from, so it must be the reset-default (or set-up) frequency.
 *
 * @param driver the register interface: {@code stm32-usart} (F1/F2/F4: SR, DR, BRR, CR1),
 *     {@code stm32-usart-v2} (F0/F3/F7/L4: CR1, BRR, ISR, TDR), {@code nrf-uart} (nRF51/nRF52 legacy
 *     UART, TXD register and TXDRDY event) or {@code pl011} (Arm PrimeCell UART, RP2040)
 * @param base the peripheral's base address
 * @param clockHz the peripheral clock feeding the baud generator (unused by {@code nrf-uart},
 *     whose BAUDRATE register takes a fixed code per rate)
 * @param baud the line rate; 8 data bits, no parity, 1 stop bit
 * @param txPin the TX pin number, for drivers that route pins themselves ({@code nrf-uart}); null otherwise
 * @param setup register steps run before the driver's own initialisation (clocks, resets, pin mux)
 */
public record Uart(
    String driver,
    @JsonDeserialize(using = MemorySizeDeserializer.class) long base,
    Long clockHz,
    long baud,
    Integer txPin,
    List<RegisterStep> setup) {

  /** Drivers implemented in {@code firmware/cortexm/uart_<driver>.c}. */
  public static final List<String> DRIVERS = List.of("stm32-usart", "stm32-usart-v2", "nrf-uart", "pl011");

  /** BAUDRATE register codes of the nRF UART (product specification, UART chapter). */
  private static final Map<Long, Long> NRF_BAUD_CODES = Map.of(
      9600L, 0x00275000L, 19200L, 0x004EA000L, 38400L, 0x009D5000L, 57600L, 0x00EBF000L,
      115200L, 0x01D7E000L, 230400L, 0x03AFB000L, 460800L, 0x075F7000L, 921600L, 0x0EBED000L, 1000000L, 0x10000000L);

  /** Setup steps, never null. */
  public List<RegisterStep> steps() {
    return setup == null ? List.of() : setup;
  }

  /**
   * The value the driver writes to its baud register. STM32 (oversampling by 16): BRR =
   * clock / baud, rounded. PL011: a 16.6 fixed-point divisor clock / (16 baud), packed here as
   * (integer &lt;&lt; 6) | fraction so the C splits it into IBRD and FBRD. nRF: the table code.
   */
  public long divisor() {
    switch (driver) {
      case "nrf-uart":
        return NRF_BAUD_CODES.get(baud);
      case "pl011": {
        long sixtyFourths = (4 * clockHz + baud / 2) / baud; // clock / (16 baud) in 1/64 units, rounded
        return sixtyFourths;
      }
      default:
        return (clockHz + baud / 2) / baud;
    }
  }

  void validate(String where) {
    Board.require(where, DRIVERS.contains(driver), "uart driver '" + driver + "' is not one of " + DRIVERS);
    Board.require(where, base > 0 && base < 1L << 32 && base % 4 == 0, "uart base must be an aligned 32-bit address");
    Board.require(where, baud > 0, "uart baud must be positive");
    if ("nrf-uart".equals(driver)) {
      Board.require(where, NRF_BAUD_CODES.containsKey(baud), "uart baud " + baud + " has no nRF BAUDRATE code (known: "
          + NRF_BAUD_CODES.keySet().stream().sorted().toList() + ")");
      Board.require(where, txPin != null && txPin >= 0 && txPin < 64, "nrf-uart needs tx_pin (0-63)");
    } else {
      Board.require(where, clockHz != null && clockHz > 0, "uart clock_hz is missing (the peripheral clock at reset)");
      Board.require(where, txPin == null, "uart tx_pin is only used by nrf-uart; route the pin with setup steps");
      long divisor = divisor();
      boolean inRange = "pl011".equals(driver) ? divisor >= 64 && divisor < (65536L << 6) : divisor >= 16 && divisor <= 0xFFFF;
      Board.require(where, inRange, "uart baud " + baud + " cannot be made from clock_hz " + clockHz);
    }
    steps().forEach(s -> s.validate(where));
  }
}
