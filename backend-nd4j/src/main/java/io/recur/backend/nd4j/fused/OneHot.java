package io.recur.backend.nd4j.fused;

/**
 * Inputs whose every row is one-hot (a single 1, zeros elsewhere — the character model's
 * encoding). Their input projection {@code x·W_xᵀ} is a row gather and {@code dW_x = dGᵀ·x} a
 * row scatter-add: the same numbers as the GEMMs (the gather exactly), at a fraction of the cost.
 */
final class OneHot {
  private OneHot() {}

  /** The column of the 1 in each row of {@code x [rows, cols]}, or {@code null} if some row is not one-hot. */
  static int[] tokens(FloatBlock x, int rows, int cols) {
    int[] tokens = new int[rows];
    float[] row = new float[cols];
    for (int r = 0; r < rows; r++) {
      x.read((long) r * cols, row, cols);
      int hot = -1;
      for (int c = 0; c < cols; c++) {
        if (row[c] == 1f && hot < 0) {
          hot = c;
        } else if (row[c] != 0f) {
          return null;
        }
      }
      if (hot < 0) {
        return null;
      }
      tokens[r] = hot;
    }
    return tokens;
  }

  /**
   * Writes row {@code w[:, tokens[r]]} (of the {@code n} weight rows starting at {@code wRow}
   * of {@code w [·, cols]}) into row {@code r} of {@code pre}, at column {@code col} of rows
   * {@code width} apart. Few rows (generation) read the columns in place; many rows transpose
   * the weights once.
   */
  static void gather(int[] tokens, FloatBlock w, int wRow, int n, int cols, FloatBlock pre, int col, int width) {
    if (tokens.length < cols) {
      float[] row = new float[n];
      for (int r = 0; r < tokens.length; r++) {
        for (int g = 0; g < n; g++) {
          row[g] = w.get((long) (wRow + g) * cols + tokens[r]);
        }
        pre.write((long) r * width + col, row, n);
      }
      return;
    }
    float[] rows = new float[n * cols];
    w.read((long) wRow * cols, rows, rows.length);
    float[][] byToken = new float[cols][n];
    for (int g = 0; g < n; g++) {
      for (int c = 0; c < cols; c++) {
        byToken[c][g] = rows[g * cols + c];
      }
    }
    for (int r = 0; r < tokens.length; r++) {
      pre.write((long) r * width + col, byToken[tokens[r]], n);
    }
  }

  /**
   * {@code dw[g, c] = Σ_{r: tokens[r] = c} dG[r, col + g]} for the {@code n} columns of
   * {@code dG} (rows {@code width} apart) starting at {@code col}; {@code dw} is
   * {@code [n, cols]}, row-major.
   */
  static float[] scatter(int[] tokens, FloatBlock dG, int col, int width, int n, int cols) {
    float[][] byToken = new float[cols][n];
    float[] row = new float[n];
    for (int r = 0; r < tokens.length; r++) {
      dG.read((long) r * width + col, row, n);
      Rows.accumulate(byToken[tokens[r]], row, n);
    }
    float[] dw = new float[n * cols];
    for (int c = 0; c < cols; c++) {
      for (int g = 0; g < n; g++) {
        dw[g * cols + c] = byToken[c][g];
      }
    }
    return dw;
  }
}
