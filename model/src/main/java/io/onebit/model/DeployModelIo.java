package io.onebit.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.file.Path;

/** Reads and writes deploy models as JSON; every read is validated, every write is atomic. */
public final class DeployModelIo {
  private DeployModelIo() {}

  /**
   * Reads and validates a deploy model; every problem is one line that starts with the path.
   *
   * @throws ModelFormatException naming the file and the problem (and the field, for JSON errors)
   */
  public static DeployModel read(Path path) {
    byte[] bytes;
    try {
      bytes = BoundedFiles.read(path, BoundedFiles.MODEL_LIMIT);
    } catch (IOException e) {
      throw new ModelFormatException(path + ": " + e.getMessage(), e);
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
      model = Json.read(json, DeployModel.class);
    } catch (Json.InvalidJsonException e) {
      throw new ModelFormatException("invalid deploy model: " + e.getMessage(), e);
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
      byte[] json = Json.mapper().writeValueAsBytes(model);
      if (json.length > BoundedFiles.MODEL_LIMIT) {
        throw new ModelFormatException(String.format(java.util.Locale.ROOT,
            "model '%s' would be a %,d-byte file, more than the %s a deploy model may have", model.name(),
            json.length, BoundedFiles.size(BoundedFiles.MODEL_LIMIT)));
      }
      return json;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise deploy model", e);
    }
  }

  public static void write(Path path, DeployModel model) throws IOException {
    AtomicFiles.write(path, toJson(model));
  }
}
