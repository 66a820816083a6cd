package io.recur.backend.onnx.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.recur.core.model.FloatArray;
import org.junit.jupiter.api.Test;

/**
 * Gate blocks land where ONNX expects them. Every value encodes its origin (block·100 + row·10 +
 * column), so a test reads the permutation directly; the numeric proof on a running model is
 * {@code OrtParityTest.scanAndOnnxOperatorAgreeOnTheSameWeights}.
 */
class GateLayoutTest {
  /** A [blocks·2, 2] weight whose value at (block b, row j, column c) is b·100 + j·10 + c. */
  static FloatArray labelled(int blocks) {
    float[] d = new float[blocks * 2 * 2];
    for (int b = 0; b < blocks; b++) {
      for (int j = 0; j < 2; j++) {
        for (int c = 0; c < 2; c++) {
          d[(b * 2 + j) * 2 + c] = b * 100 + j * 10 + c;
        }
      }
    }
    return new FloatArray(new int[] {blocks * 2, 2}, d);
  }

  @Test
  void lstmWeightsGoFromIfgoToIofc() {
    FloatArray onnx = GateLayout.weights(labelled(4), GateLayout.LSTM_BLOCKS);
    assertArrayEquals(new int[] {1, 8, 2}, onnx.shape());
    assertArrayEquals(new float[] {0, 1, 10, 11, 300, 301, 310, 311, 100, 101, 110, 111, 200, 201, 210, 211}, onnx.data());
  }

  @Test
  void gruWeightsGoFromRznToZrh() {
    FloatArray onnx = GateLayout.weights(labelled(3), GateLayout.GRU_BLOCKS);
    assertArrayEquals(new float[] {100, 101, 110, 111, 0, 1, 10, 11, 200, 201, 210, 211}, onnx.data());
  }

  @Test
  void lstmBiasIsPermutedWithZeroRecurrentBias() {
    FloatArray b = new FloatArray(new int[] {4}, new float[] {1, 2, 3, 4});
    assertArrayEquals(new float[] {1, 4, 2, 3, 0, 0, 0, 0}, GateLayout.bias(b, GateLayout.LSTM_BLOCKS).data());
  }

  @Test
  void gruCandidateBiasGoesToTheRecurrentHiddenSlot() {
    FloatArray b = new FloatArray(new int[] {6}, new float[] {1, 2, 3, 4, 5, 6});
    FloatArray bhn = new FloatArray(new int[] {2}, new float[] {7, 8});
    FloatArray onnx = GateLayout.gruBias(b, bhn);
    assertArrayEquals(new int[] {1, 12}, onnx.shape());
    assertArrayEquals(new float[] {3, 4, 1, 2, 5, 6, 0, 0, 0, 0, 7, 8}, onnx.data());
  }

  @Test
  void rnnBiasGetsAZeroRecurrentHalf() {
    FloatArray b = new FloatArray(new int[] {2}, new float[] {1, 2});
    assertArrayEquals(new float[] {1, 2, 0, 0}, GateLayout.bias(b, GateLayout.RNN_BLOCKS).data());
  }

  @Test
  void shapesThatDoNotSplitIntoBlocksAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> GateLayout.weights(FloatArray.zeros(6, 2), GateLayout.LSTM_BLOCKS));
    assertThrows(IllegalArgumentException.class, () -> GateLayout.gruBias(FloatArray.zeros(6), FloatArray.zeros(3)));
  }
}
