package io.recur.backend.nd4j.fused;

import static org.bytedeco.openblas.global.openblas_nolapack.blas_get_num_threads;
import static org.bytedeco.openblas.global.openblas_nolapack.blas_set_num_threads;

import io.recur.backend.nd4j.fused.Problem.Kind;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Microbenchmark of the fused kernels on the reference workload (one-hot input D=28, hidden 256,
 * batch 32, 35 steps): forward + backward per minibatch with the state carried (no {@code dx}: the
 * input is one-hot), scoring
 * (forward only), generation (batch 1, one step per call), a per-part breakdown
 * ({@link KernelParts}), an estimate of the rest of a training step (projection to V=28,
 * softmax cross-entropy, clipping, SGD) and the fraction of the machine's GEMM peak. Not a test:
 * run it on a quiet machine and compare with the PyTorch peer in the same session. With more than one
 * thread it measures both ways of using them: hidden units divided among the kernel's threads
 * ({@link FusedKernels#setThreads}, OpenBLAS on one thread) and OpenBLAS's own threads.
 *
 * <pre>{@code
 * mvn -o -q test-compile dependency:build-classpath -pl backend-nd4j -am -Dmdep.outputFile=cp.txt -Dmdep.includeScope=test
 * java -cp backend-nd4j/target/test-classes:backend-nd4j/target/classes:$(cat backend-nd4j/cp.txt) \
 *     io.recur.backend.nd4j.fused.FusedKernelBench --cells lstm,gru,rnn --threads 1,2 --mode team,blas --seconds 3 [--accuracy] [--no-parts]
 * }</pre>
 */
public final class FusedKernelBench {
  static final int BATCH = 32;
  static final int STEPS = 35;
  static final int INPUT = 28;
  static final int HIDDEN = 256;
  static final int VOCAB = 28;

  private FusedKernelBench() {}

  public static void main(String[] args) {
    Map<String, String> opts = Timing.options(args);
    List<Kind> kinds = Arrays.stream(opts.getOrDefault("cells", "lstm,gru,rnn").split(","))
        .map(c -> c.equals("rnn") ? Kind.RNN_TANH : Kind.valueOf(c.toUpperCase(Locale.ROOT))).toList();
    double seconds = Double.parseDouble(opts.getOrDefault("seconds", "3"));
    boolean parts = !opts.containsKey("no-parts");
    if (opts.containsKey("accuracy")) {
      kinds.forEach(FusedKernelBench::accuracy);
    }
    // ND4J sets OpenBLAS's thread count when its backend loads: load it first, then choose.
    Problem.zeros(1);
    List<String> modes = Arrays.asList(opts.getOrDefault("mode", "team,blas").split(","));
    for (String t : opts.getOrDefault("threads", "1,2").split(",")) {
      int threads = Integer.parseInt(t);
      for (String mode : threads == 1 ? List.of("team") : modes) {
        boolean team = mode.equals("team");
        FusedKernels.setThreads(team ? threads : 1);
        blas_set_num_threads(team ? 1 : threads);
        double peak = KernelParts.gemmPeak(seconds, threads);
        System.out.printf(Locale.ROOT, "%n== %d thread(s), %s (kernel threads %d, OpenBLAS threads %d); sgemm 1024³ peak %.1f GFLOP/s%n",
            threads, team ? "units divided among kernel threads" : "OpenBLAS threads", FusedKernels.threads(), blas_get_num_threads(), peak);
        for (Kind kind : kinds) {
          run(kind, threads + (team ? "" : "-blas"), seconds, peak, parts && threads == 1);
        }
      }
    }
  }

  private static void run(Kind kind, String threads, double seconds, double peak, boolean parts) {
    Problem p = new Problem(kind, STEPS, BATCH, INPUT, HIDDEN, 1);
    INDArray x = oneHot(p);
    Map<String, INDArray> params = p.paramArrays();
    FusedKernel kernel = FusedKernels.find(p.cell).orElseThrow();
    INDArray dOut = p.dOutputArray();
    AtomicReference<List<INDArray>> state = new AtomicReference<>(p.stateArrays());
    Timing.Result train = Timing.measure(seconds, () -> {
      FusedKernel.Pass pass = kernel.forward(p.cell, x, params, state.get(), true);
      pass.backward(dOut, null, false);
      state.set(pass.finalState());
    });
    Timing.Result score = Timing.measure(seconds, () -> state.set(kernel.forward(p.cell, x, params, state.get(), false).finalState()));
    Problem one = new Problem(kind, 1, 1, INPUT, HIDDEN, 2);
    INDArray x1 = oneHot(one);
    AtomicReference<List<INDArray>> state1 = new AtomicReference<>(one.stateArrays());
    Timing.Result generate = Timing.measure(seconds, () -> state1.set(kernel.forward(one.cell, x1, params, state1.get(), false).finalState()));
    double rest = KernelParts.restOfTrainingStep(seconds, p);
    int gates = p.reference.paramSizes().get("b") / HIDDEN;
    double kernelFlops = 3.0 * 2 * gates * HIDDEN * (INPUT + HIDDEN);
    double stepFlops = kernelFlops + 3.0 * 2 * HIDDEN * VOCAB;
    int tokens = BATCH * STEPS;
    double trainMs = train.medianMs();
    System.out.printf(Locale.ROOT, "%n%s, %s thread(s)%n", kind, threads);
    System.out.printf(Locale.ROOT, "  kernel fwd+bwd   %7.2f ms/minibatch (min %.2f, %d rounds)  %8.0f tokens/s  %5.1f GFLOP/s = %4.1f%% of peak%n",
        trainMs, train.minMs(), train.rounds(), tokens / trainMs * 1e3, kernelFlops * tokens / trainMs / 1e6,
        100 * kernelFlops * tokens / trainMs / 1e6 / peak);
    if (threads.equals("1")) {
      System.out.printf(Locale.ROOT, "  (CPU time of the one thread: %.2f ms/minibatch, %.0f tokens/s — robust to other processes)%n",
          train.cpuMs(), tokens / train.cpuMs() * 1e3);
    }
    System.out.printf(Locale.ROOT, "  + rest (estimate: projection, softmax-CE, clip, SGD) %.2f ms → training step %.2f ms, %8.0f tokens/s,"
        + " %.1f%% of peak (%.2f MFLOP/token)%n", rest, trainMs + rest, tokens / (trainMs + rest) * 1e3,
        100 * stepFlops * tokens / (trainMs + rest) / 1e6 / peak, stepFlops / 1e6);
    System.out.printf(Locale.ROOT, "  kernel scoring   %7.2f ms/minibatch  %8.0f tokens/s%n", score.medianMs(), tokens / score.medianMs() * 1e3);
    System.out.printf(Locale.ROOT, "  kernel generate  %7.4f ms/token (batch 1, one step per call)%n", generate.medianMs());
    if (parts) {
      KernelParts.breakdown(kind, seconds).print(trainMs);
    }
    System.out.printf(Locale.ROOT, "JSON {\"cell\":\"%s\",\"threads\":\"%s\",\"train_ms\":%.3f,\"train_tokens_per_s\":%.0f,\"rest_ms\":%.3f,"
            + "\"step_tokens_per_s\":%.0f,\"score_tokens_per_s\":%.0f,\"generate_ms_per_token\":%.4f,\"peak_gflops\":%.1f,"
            + "\"train_cpu_ms\":%.3f}%n",
        kind, threads, trainMs, tokens / trainMs * 1e3, rest, tokens / (trainMs + rest) * 1e3, tokens / score.medianMs() * 1e3,
        generate.medianMs(), peak, train.cpuMs());
  }

  /**
   * Whole-array relative error of every output and gradient of the kernel against the float64
   * reference on the reference workload's shapes (random weights, one-hot input): the effect of
   * float32 arithmetic and the rational tanh together.
   */
  private static void accuracy(Kind kind) {
    Problem p = new Problem(kind, STEPS, BATCH, INPUT, HIDDEN, 9);
    INDArray x = oneHot(p);
    double[] xs = Problem.values(x);
    System.arraycopy(xs, 0, p.x, 0, xs.length);
    ReferenceRun ref = p.referenceRun();
    FusedKernel.Pass pass = FusedKernels.find(p.cell).orElseThrow().forward(p.cell, x, p.paramArrays(), p.stateArrays(), true);
    FusedKernel.Gradients g = pass.backward(p.dOutputArray(), p.dFinalStateArrays());
    ReferenceRun.Gradients rg = ref.backward(p.dOutput, p.dFinalState);
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%s relative error vs float64: output %.1e",
        kind, Compare.relativeError(ref.output(), Problem.values(pass.output()))));
    sb.append(String.format(Locale.ROOT, ", dx %.1e", Compare.relativeError(rg.dx(), Problem.values(g.dx()))));
    rg.dParams().forEach((name, d) -> sb.append(String.format(Locale.ROOT, ", d%s %.1e", name,
        Compare.relativeError(d, Problem.values(g.dParams().get(name))))));
    for (int s = 0; s < rg.dInitialState().size(); s++) {
      sb.append(String.format(Locale.ROOT, ", dstate%d %.1e", s, Compare.relativeError(rg.dInitialState().get(s),
          Problem.values(g.dInitialState().get(s)))));
    }
    System.out.println(sb);
  }

  /** One-hot rows of random tokens, {@code [T, B, V]}. */
  static INDArray oneHot(Problem p) {
    double[] v = new double[p.steps * p.batch * p.inputSize];
    io.recur.core.util.Rng rng = new io.recur.core.util.Rng(3);
    for (int r = 0; r < p.steps * p.batch; r++) {
      v[r * p.inputSize + rng.nextInt(p.inputSize)] = 1;
    }
    return Problem.array(v, p.steps, p.batch, p.inputSize);
  }

  /** Runs a body repeatedly and keeps per-round times. */
  static final class Timing {
    /** Wall-clock ms per call (median and best round) and the calling thread's CPU ms per call (median). */
    record Result(double medianMs, double minMs, int rounds, double cpuMs) {}

    private Timing() {}

    static Result measure(double seconds, Runnable body) {
      long warm = System.nanoTime();
      while (System.nanoTime() - warm < seconds * 0.3e9) {
        body.run();
      }
      ThreadMXBean mx = ManagementFactory.getThreadMXBean();
      List<Double> perCall = new ArrayList<>();
      List<Double> cpu = new ArrayList<>();
      long start = System.nanoTime();
      while (perCall.size() < 5 || System.nanoTime() - start < seconds * 1e9) {
        long t0 = System.nanoTime();
        long c0 = mx.getCurrentThreadCpuTime();
        int n = 0;
        while (System.nanoTime() - t0 < seconds * 1e8) {
          body.run();
          n++;
        }
        perCall.add((System.nanoTime() - t0) / 1e6 / n);
        cpu.add((mx.getCurrentThreadCpuTime() - c0) / 1e6 / n);
      }
      perCall.sort(null);
      cpu.sort(null);
      return new Result(perCall.get(perCall.size() / 2), perCall.get(0), perCall.size(), cpu.get(cpu.size() / 2));
    }

    static Map<String, String> options(String[] args) {
      Map<String, String> m = new java.util.HashMap<>();
      for (int i = 0; i < args.length; i++) {
        if (!args[i].startsWith("--")) {
          throw new IllegalArgumentException("unexpected argument " + args[i]);
        }
        boolean flag = i + 1 >= args.length || args[i + 1].startsWith("--");
        m.put(args[i].substring(2), flag ? "" : args[++i]);
      }
      return m;
    }
  }
}
