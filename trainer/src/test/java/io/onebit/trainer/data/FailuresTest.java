package io.onebit.trainer.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.channels.UnresolvedAddressException;
import org.junit.jupiter.api.Test;

class FailuresTest {
  @Test
  void firstMessageAlongTheChainOnOneLine() {
    assertEquals("disk full: no space left",
        Failures.describe(new IOException(null, new IOException("disk full:\n  no space left"))));
  }

  @Test
  void messageLessChainIsNamedByItsRootCause() {
    ConnectException outer = new ConnectException();
    outer.initCause(new UnresolvedAddressException());
    assertEquals("UnresolvedAddressException", Failures.describe(outer));
  }
}
