package io.onebit.trainer.data;

/**
 * Brings an image to H x W ({@code --input-size HxW}) as image classifiers usually do: scale it,
 * keeping its aspect ratio, so that it covers H x W (the scale s = max(H / h, W / w)), then crop the
 * centre. Scaling averages the source pixels each output pixel covers, weighted by the area covered
 * (a box filter, exact for downscaling by any factor; upscaling repeats pixels, blending at their
 * borders); the average is rounded to the nearest integer. The crop offset is floor((s·h − H) / 2)
 * along each axis, in scaled pixels.
 */
public final class ImageResize {
  private ImageResize() {}

  public static ImageFiles.Image coverAndCrop(ImageFiles.Image in, int height, int width) {
    if (in.height() == height && in.width() == width) {
      return in;
    }
    double scale = Math.max((double) height / in.height(), (double) width / in.width());
    double offsetY = Math.floor((scale * in.height() - height) / 2);
    double offsetX = Math.floor((scale * in.width() - width) / 2);
    int c = in.channels();
    int[] out = new int[height * width * c];
    double[] sum = new double[c];
    for (int oy = 0; oy < height; oy++) {
      // Output row oy covers source rows [y0, y1) in source coordinates.
      double y0 = (oy + offsetY) / scale;
      double y1 = (oy + 1 + offsetY) / scale;
      for (int ox = 0; ox < width; ox++) {
        double x0 = (ox + offsetX) / scale;
        double x1 = (ox + 1 + offsetX) / scale;
        java.util.Arrays.fill(sum, 0);
        double area = 0;
        for (int sy = (int) Math.floor(y0); sy < Math.min(in.height(), Math.ceil(y1)); sy++) {
          double wy = Math.min(y1, sy + 1) - Math.max(y0, sy);
          for (int sx = (int) Math.floor(x0); sx < Math.min(in.width(), Math.ceil(x1)); sx++) {
            double wx = Math.min(x1, sx + 1) - Math.max(x0, sx);
            double weight = wy * wx;
            if (weight <= 0) {
              continue;
            }
            area += weight;
            for (int k = 0; k < c; k++) {
              sum[k] += weight * in.values()[(sy * in.width() + sx) * c + k];
            }
          }
        }
        for (int k = 0; k < c; k++) {
          out[(oy * width + ox) * c + k] = (int) Math.round(sum[k] / area);
        }
      }
    }
    return new ImageFiles.Image(height, width, c, in.type(), out);
  }
}
