package io.onebit.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads and writes deploy models as JSON; every read is validated, every write is atomic. */
public final class DeployModelIo {
  private DeployModelIo() {}

  public static DeployModel read(Path path) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      throw new ModelFormatException(path + ": no such file");
    } catch (IOException e) {
      throw new ModelFormatException(path + ": cannot read (" + e.getMessage() + ")", e);
    }
    try {
      return fromJson(bytes);
    } catch (ModelFormatException e) {
      throw new ModelFormatException(path + ": " + e.getMessage(), e);
    }
  }

  public static DeployModel fromJson(byte[] json) {
    DeployModel model;
    try {
      model = Json.mapper().readValue(json, DeployModel.class);
    } catch (JsonProcessingException e) {
      throw new ModelFormatException("invalid deploy-model JSON: " + e.getOriginalMessage()
          + (e.getLocation() != null ? " (line " + e.getLocation().getLineNr() + ")" : ""), e);
    } catch (IOException e) {
      throw new ModelFormatException("cannot parse deploy model: " + e.getMessage(), e);
    }
    if (model == null) {
      throw new ModelFormatException("empty deploy-model file");
    }
    model.validate();
    return model;
  }

  public static byte[] toJson(DeployModel model) {
    model.validate();
    try {
      return Json.mapper().writeValueAsBytes(model);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise deploy model", e);
    }
  }

  public static void write(Path path, DeployModel model) throws IOException {
    AtomicFiles.write(path, toJson(model));
  }
}
