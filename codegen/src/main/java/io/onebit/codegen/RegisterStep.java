package io.onebit.codegen;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

/**
 * One register access a real board needs before its UART can send: clock gating, pin muxing,
 * releasing a peripheral from reset. Boards list these as data, so one C routine
 * ({@code onebit/cortexm/register_steps.c}) serves every vendor and the addresses stay in
 * {@code boards/*.json}, next to the other machine facts. Exactly one of the three forms:
 *
 * <pre>
 *   {"write": ADDRESS, "value": V}              *ADDRESS = V
 *   {"modify": ADDRESS, "clear": C, "set": S}   *ADDRESS = (*ADDRESS &amp; ~C) | S
 *   {"wait": ADDRESS, "mask": M, "value": V}    spin until (*ADDRESS &amp; M) == V
 * </pre>
 *
 * ({@code waitFor} is the {@code wait} field: {@code wait} cannot name a record component.)
 */
public record RegisterStep(
    @JsonDeserialize(using = MemorySizeDeserializer.class) Long write,
    @JsonDeserialize(using = MemorySizeDeserializer.class) Long modify,
    @JsonProperty("wait") @JsonDeserialize(using = MemorySizeDeserializer.class) Long waitFor,
    @JsonDeserialize(using = MemorySizeDeserializer.class) Long value,
    @JsonDeserialize(using = MemorySizeDeserializer.class) Long clear,
    @JsonDeserialize(using = MemorySizeDeserializer.class) Long set,
    @JsonDeserialize(using = MemorySizeDeserializer.class) Long mask) {

  /** The C operation code, matching {@code onebit/cortexm/register_steps.h}. */
  public String operation() {
    return write != null ? "ONEBIT_STEP_WRITE" : modify != null ? "ONEBIT_STEP_MODIFY" : "ONEBIT_STEP_WAIT";
  }

  /** The register address of whichever form this is. */
  public long address() {
    return write != null ? write : modify != null ? modify : waitFor;
  }

  /** First operand: the value written, the bits cleared, or the mask waited on. */
  public long first() {
    return write != null ? value : modify != null ? clear : mask;
  }

  /** Second operand: unused for a write, the bits set, or the value waited for. */
  public long second() {
    return write != null ? 0 : modify != null ? set : value;
  }

  void validate(String where) {
    int forms = (write != null ? 1 : 0) + (modify != null ? 1 : 0) + (waitFor != null ? 1 : 0);
    Board.require(where, forms == 1, "a setup step needs exactly one of write, modify, wait");
    if (write != null) {
      Board.require(where, value != null && clear == null && set == null && mask == null, "a write step takes only value");
    } else if (modify != null) {
      Board.require(where, clear != null && set != null && value == null && mask == null, "a modify step takes clear and set");
    } else {
      Board.require(where, mask != null && value != null && clear == null && set == null, "a wait step takes mask and value");
    }
    Board.require(where, address() % 4 == 0 && address() < 1L << 32, "setup step address " + CLiterals.hex(address())
        + " is not a 32-bit aligned register");
    for (Long v : new Long[] {value, clear, set, mask}) {
      Board.require(where, v == null || (v >= 0 && v < 1L << 32), "setup step operands must be 32-bit values");
    }
  }
}
