package io.onebit.codegen;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The programmer command line that writes a built firmware to a real board. */
public final class FlashPlan {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_0-9]+)\\}");

  private FlashPlan() {}

  /**
   * The board's flash tool with its placeholders filled in.
   *
   * @throws CodegenException if the board has no flash tool (an emulated board), or an image is missing
   */
  public static List<String> command(Board board, FirmwareImage image) {
    FlashTool tool = board.flash();
    if (tool == null) {
      throw new CodegenException("board " + board.name() + " has no flash tool"
          + (board.emulated() ? " (it is emulated: run it with onebit qemu-test)" : " (add \"flash\" to boards/" + board.name() + ".json)"));
    }
    List<String> command = new ArrayList<>();
    command.add(tool.tool());
    for (String argument : tool.arguments()) {
      Matcher m = PLACEHOLDER.matcher(argument);
      StringBuilder out = new StringBuilder();
      while (m.find()) {
        m.appendReplacement(out, Matcher.quoteReplacement(value(m.group(1), board, image)));
      }
      m.appendTail(out);
      command.add(out.toString());
    }
    return command;
  }

  private static String value(String name, Board board, FirmwareImage image) {
    if (name.equals("flash_origin")) {
      return CLiterals.hex(board.flashOrigin());
    }
    Path path = image.images().get(name);
    if (path == null) {
      throw new CodegenException("boards/" + board.name() + ".json: flash argument {" + name + "} names no built image (built: "
          + image.images().keySet().stream().sorted().toList() + ")");
    }
    return path.toAbsolutePath().toString();
  }

  /** The command as one shell line, single-quoting arguments that need it. */
  public static String shellLine(List<String> command) {
    List<String> words = new ArrayList<>();
    for (String w : command) {
      words.add(w.matches("[A-Za-z0-9_./:=@%+,-]+") ? w : "'" + w.replace("'", "'\\''") + "'");
    }
    return String.join(" ", words);
  }

  /**
   * Checks that the programmer is installed.
   *
   * @throws CodegenException "openocd not found on PATH; install it with: apt-get install openocd"
   */
  public static void requireTool(Board board) {
    FlashTool tool = board.flash();
    if (Toolchain.findExecutable(tool.tool()).isEmpty()) {
      throw new CodegenException(tool.tool() + " not found on PATH; install it with: apt-get install " + tool.debianPackage());
    }
  }
}
