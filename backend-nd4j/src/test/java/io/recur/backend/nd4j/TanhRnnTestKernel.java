package io.recur.backend.nd4j;

import io.recur.backend.nd4j.fused.FusedKernel;
import io.recur.core.cell.RecurrentCell;
import io.recur.core.cell.RnnCell;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A deliberately plain fused kernel for the tanh RNN, used only to test how {@link Recurrence}
 * puts a kernel on the tape (one entry with several outputs) — not for speed. Counts its calls.
 */
final class TanhRnnTestKernel implements FusedKernel {
  final AtomicInteger forwards = new AtomicInteger();
  final AtomicInteger backwards = new AtomicInteger();

  @Override
  public boolean supports(RecurrentCell cell) {
    return cell instanceof RnnCell r && r.activation() == RnnCell.Activation.TANH;
  }

  @Override
  public Pass forward(RecurrentCell cell, INDArray x, Map<String, INDArray> p, List<INDArray> s0, boolean training) {
    forwards.incrementAndGet();
    int steps = Math.toIntExact(x.size(0));
    INDArray wx = p.get("W_x");
    INDArray wh = p.get("W_h");
    INDArray out = Nd4j.create(x.dataType(), x.size(0), x.size(1), wh.size(0));
    INDArray h = s0.get(0);
    for (int t = 0; t < steps; t++) {
      INDArray pre = Nd4j.gemm(x.slice(t), wx, false, true).addi(Nd4j.gemm(h, wh, false, true)).addiRowVector(p.get("b"));
      out.slice(t).assign(Transforms.tanh(pre, false));
      h = out.slice(t);
    }
    INDArray last = out.slice(steps - 1).dup('c');
    return new Pass() {
      @Override
      public INDArray output() {
        return out;
      }

      @Override
      public List<INDArray> finalState() {
        return List.of(last);
      }

      @Override
      public Gradients backward(INDArray dOutput, List<INDArray> dFinal, boolean inputGradient) {
        backwards.incrementAndGet();
        INDArray dx = Nd4j.zerosLike(x);
        INDArray dwx = Nd4j.zerosLike(wx);
        INDArray dwh = Nd4j.zerosLike(wh);
        INDArray db = Nd4j.zerosLike(p.get("b"));
        INDArray dh = dFinal.get(0) == null ? Nd4j.zerosLike(last) : dFinal.get(0).dup('c');
        for (int t = steps - 1; t >= 0; t--) {
          if (dOutput != null) {
            dh.addi(dOutput.slice(t));
          }
          INDArray y = out.slice(t);
          INDArray dpre = y.mul(y).rsubi(1).muli(dh);
          INDArray hPrev = t == 0 ? s0.get(0) : out.slice(t - 1);
          dx.slice(t).assign(Nd4j.gemm(dpre, wx, false, false));
          dwx.addi(Nd4j.gemm(dpre, x.slice(t), true, false));
          dwh.addi(Nd4j.gemm(dpre, hPrev, true, false));
          db.addi(dpre.sum(0));
          dh = Nd4j.gemm(dpre, wh, false, false);
        }
        return new Gradients(dx, Map.of("W_x", dwx, "W_h", dwh, "b", db), new ArrayList<>(Arrays.asList(dh)));
      }
    };
  }
}
