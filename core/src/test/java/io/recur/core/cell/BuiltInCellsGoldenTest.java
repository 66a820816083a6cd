package io.recur.core.cell;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.recur.core.check.ReferenceOps;
import io.recur.core.tensor.Tensor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The built-in cells against golden numbers from an independent implementation: PyTorch 1.13's
 * {@code nn.RNN}, {@code nn.LSTM} and {@code nn.GRU} (float64) loaded with the same
 * deterministic weights (same [gates·H, in] layout and gate order; PyTorch's bias_hh set to
 * zero, except the GRU's candidate block, which is Recur's {@code b_hn}). I=3, H=2, T=3, B=2.
 * The generating script is in the class comment of {@link #pattern}.
 */
class BuiltInCellsGoldenTest {
  private static final int I = 3;
  private static final int H = 2;
  private static final int T = 3;
  private static final int B = 2;

  /**
   * {@code 0.1·((r·cols + c) mod 7 − 3)·s} — the PyTorch script:
   * <pre>
   * pat = lambda rows, cols, s: torch.tensor([[0.1*((r*cols+c)%7-3)*s for c in range(cols)] for r in range(rows)])
   * vec = lambda n, s: torch.tensor([0.05*((i%5)-2)*s for i in range(n)])
   * x[t][b][k] = 0.5*((t+b+k)%3-1);  h0[b][j] = 0.1*(b+1)*(j-0.5);  c0[b][j] = 0.2*(b-0.5)*(j+1)
   * weight_ih = pat(G*H, I, 1); weight_hh = pat(G*H, H, 2); bias_ih = vec(G*H, 1); GRU bias_hh[2H:] = vec(H, 3)
   * </pre>
   */
  private static double[] pattern(int rows, int cols, double s) {
    double[] v = new double[rows * cols];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        v[r * cols + c] = 0.1 * (((r * cols + c) % 7) - 3) * s;
      }
    }
    return v;
  }

  private static double[] vector(int n, double s) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = 0.05 * ((i % 5) - 2) * s;
    }
    return v;
  }

  private static Tensor input() {
    double[] x = new double[T * B * I];
    for (int t = 0; t < T; t++) {
      for (int b = 0; b < B; b++) {
        for (int k = 0; k < I; k++) {
          x[(t * B + b) * I + k] = 0.5 * (((t + b + k) % 3) - 1);
        }
      }
    }
    return ReferenceOps.of(x, T, B, I);
  }

  private static Tensor state(boolean cell) {
    double[] s = new double[B * H];
    for (int b = 0; b < B; b++) {
      for (int j = 0; j < H; j++) {
        s[b * H + j] = cell ? 0.2 * (b - 0.5) * (j + 1) : 0.1 * (b + 1) * (j - 0.5);
      }
    }
    return ReferenceOps.of(s, B, H);
  }

  private static Step run(RecurrentCell cell, int gates, State s0) {
    Map<String, Tensor> w = new HashMap<>();
    w.put("W_x", ReferenceOps.of(pattern(gates * H, I, 1), gates * H, I));
    w.put("W_h", ReferenceOps.of(pattern(gates * H, H, 2), gates * H, H));
    w.put("b", ReferenceOps.of(vector(gates * H, 1), gates * H));
    w.put("b_hn", ReferenceOps.of(vector(H, 3), H));
    ReferenceOps ops = new ReferenceOps();
    return ops.recurrent("layer0", cell, w::get, input(), s0);
  }

  private static void assertClose(double[] expected, Tensor actual) {
    assertArrayEquals(expected, ReferenceOps.values(actual), 1e-10);
  }

  @Test
  void tanhRnnMatchesPyTorch() {
    Step out = run(RnnCell.tanh(I, H), 1, State.of(state(false)));
    assertClose(new double[] {0.00999966668, 0.059928103529, -0.129272583606, -0.079829769111, -0.17805282775,
        -0.101647663959, -0.040482405893, -0.074009908502, -0.0025092325, -0.064300595595, 0.053841289698,
        0.058031206866}, out.output());
    assertClose(new double[] {-0.0025092325, -0.064300595595, 0.053841289698, 0.058031206866}, out.state().get(0));
  }

  @Test
  void reluRnnMatchesPyTorch() {
    Step out = run(RnnCell.relu(I, H), 1, State.of(state(false)));
    assertClose(new double[] {0.01, 0.06, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.05}, out.output());
  }

  @Test
  void lstmMatchesPyTorch() {
    Step out = run(new LstmCell(I, H), 4, State.of(state(false), state(true)));
    assertClose(new double[] {-0.058417118961, -0.052231161643, 0.110695047725, 0.015732486877, 0.06419638505,
        -0.062663882934, 0.066821565091, -0.024396137725, 0.045619527266, -0.067916647939, -0.012060981264,
        -0.016112023569}, out.output());
    assertClose(new double[] {0.045619527266, -0.067916647939, -0.012060981264, -0.016112023569}, out.state().get(0));
    assertClose(new double[] {0.09694402244, -0.141213656711, -0.023400130376, -0.03114987163}, out.state().get(1));
  }

  @Test
  void gruMatchesPyTorch() {
    Step out = run(new GruCell(I, H), 3, State.of(state(false)));
    assertClose(new double[] {-0.182873525187, -0.0082447691, 0.084108247758, -0.06389873658, 0.059821803174,
        -0.119546216091, 0.007017254255, -0.139842431355, -0.005005089291, -0.170863786292, -0.159919376727,
        -0.118268557813}, out.output());
  }

  @Test
  void declaredShapesFollowTheDocumentedLayout() {
    assertArrayEquals(new int[] {8, 3}, new LstmCell(3, 2).params().get(0).shape());
    assertArrayEquals(new int[] {8, 2}, new LstmCell(3, 2).params().get(1).shape());
    assertArrayEquals(new int[] {2}, new GruCell(3, 2).params().get(3).shape());
    org.junit.jupiter.api.Assertions.assertEquals(List.of("h", "c"),
        new LstmCell(3, 2).state().stream().map(StateSpec::name).toList());
  }
}
