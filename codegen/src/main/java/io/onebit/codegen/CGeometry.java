package io.onebit.codegen;

import io.onebit.model.ConvGeometry;

/** The C initializer of an {@code onebit_conv_geometry} (firmware/kernels/conv_geometry.h). */
final class CGeometry {
  private CGeometry() {}

  /** {@code {in_h, in_w, in_c, out_h, out_w, out_c, k_h, k_w, stride, pad_top, pad_left}}. */
  static String initializer(ConvGeometry g, int inChannels, int outChannels) {
    int[] fields = {g.inHeight(), g.inWidth(), inChannels, g.outHeight(), g.outWidth(), outChannels, g.kernelHeight(),
        g.kernelWidth(), g.stride(), g.padTop(), g.padLeft()};
    StringBuilder s = new StringBuilder("{");
    for (int i = 0; i < fields.length; i++) {
      s.append(i == 0 ? "" : ", ").append(fields[i]).append('u');
    }
    return s.append('}').toString();
  }
}
