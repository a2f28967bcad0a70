package io.onebit.model;

/** Evaluates a deploy model in plain integers: tensors int[y][x][c] of ±1 (or raw bytes). */
final class PlainEvaluator {
  private PlainEvaluator() {}

  static int[] scores(DeployModel model, byte[] sample) {
    InputSpec in = model.input();
    int[][][] t = new int[in.height()][in.width()][in.channels()];
    for (int i = 0; i < sample.length; i++) {
      int v = sample[i] & 0xff;
      int pixel = i / in.channels();
      t[pixel / in.width()][pixel % in.width()][i % in.channels()] =
          in.isBitplanes() ? v : (v >= in.threshold() ? 1 : -1);
    }
    int[] vector = null;
    for (Layer layer : model.layers()) {
      if (layer instanceof ConvSignLayer c) {
        t = conv(t, c.geometry(), c.outChannels(), c.weights(), c.inChannels(), true, c.thresholds());
      } else if (layer instanceof BitplaneConvSignLayer c) {
        t = conv(t, c.geometry(), c.outChannels(), c.weights(), c.inChannels(), false, c.thresholds());
      } else if (layer instanceof MaxPoolLayer p) {
        t = pool(t, p);
      } else if (layer instanceof FlattenLayer) {
        vector = flat(t);
      } else if (layer instanceof DenseSignLayer d) {
        vector = dense(vector == null ? flat(t) : vector, d.weights(), d.outputs());
        for (int j = 0; j < vector.length; j++) {
          int p = (d.inputs() - vector[j]) / 2;
          vector[j] = p > d.thresholds()[j] ? -1 : 1;
        }
      } else if (layer instanceof DenseOutputLayer o) {
        int[] dots = dense(vector == null ? flat(t) : vector, o.weights(), o.outputs());
        for (int j = 0; j < dots.length; j++) {
          dots[j] = o.scale()[j] * dots[j] + o.offset()[j];
        }
        return dots;
      }
    }
    throw new IllegalStateException("no output layer");
  }


  /** Padding value: +1 for ±1 tensors, 0 for raw bytes. Binary: bit = p > T; bytes: bit = dot < T. */
  private static int[][][] conv(int[][][] t, ConvGeometry g, int outC, int[] w, int inC, boolean binary, int[] thr) {
    int taps = g.kernelHeight() * g.kernelWidth();
    int[][][] out = new int[g.outHeight()][g.outWidth()][outC];
    for (int oy = 0; oy < g.outHeight(); oy++) {
      for (int ox = 0; ox < g.outWidth(); ox++) {
        for (int o = 0; o < outC; o++) {
          int dot = 0;
          for (int ky = 0; ky < g.kernelHeight(); ky++) {
            for (int kx = 0; kx < g.kernelWidth(); kx++) {
              int iy = oy * g.stride() + ky - g.padTop();
              int ix = ox * g.stride() + kx - g.padLeft();
              boolean inside = iy >= 0 && iy < g.inHeight() && ix >= 0 && ix < g.inWidth();
              for (int c = 0; c < inC; c++) {
                int x = inside ? t[iy][ix][c] : (binary ? 1 : 0);
                dot += x * BitPacking.value(w, (o * taps + ky * g.kernelWidth() + kx) * BitPacking.words(inC), c);
              }
            }
          }
          int k = taps * inC;
          boolean negative = binary ? (k - dot) / 2 > thr[o] : dot < thr[o];
          out[oy][ox][o] = negative ? -1 : 1;
        }
      }
    }
    return out;
  }

  private static int[][][] pool(int[][][] t, MaxPoolLayer p) {
    ConvGeometry g = p.geometry();
    int[][][] out = new int[g.outHeight()][g.outWidth()][p.channels()];
    for (int oy = 0; oy < g.outHeight(); oy++) {
      for (int ox = 0; ox < g.outWidth(); ox++) {
        for (int c = 0; c < p.channels(); c++) {
          boolean min = BitPacking.bit(p.orChannels(), 0, c) == 1;
          int best = min ? 1 : -1;
          for (int ky = 0; ky < p.poolHeight(); ky++) {
            for (int kx = 0; kx < p.poolWidth(); kx++) {
              int v = t[oy * g.stride() + ky][ox * g.stride() + kx][c];
              best = min ? Math.min(best, v) : Math.max(best, v);
            }
          }
          out[oy][ox][c] = best;
        }
      }
    }
    return out;
  }

  private static int[] flat(int[][][] t) {
    int h = t.length;
    int w = t[0].length;
    int c = t[0][0].length;
    int[] v = new int[h * w * c];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        System.arraycopy(t[y][x], 0, v, (y * w + x) * c, c);
      }
    }
    return v;
  }

  private static int[] dense(int[] x, int[] w, int outputs) {
    int rowWords = BitPacking.words(x.length);
    int[] dots = new int[outputs];
    for (int j = 0; j < outputs; j++) {
      for (int i = 0; i < x.length; i++) {
        dots[j] += x[i] * BitPacking.value(w, j * rowWords, i);
      }
    }
    return dots;
  }
}
