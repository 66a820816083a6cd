/**
 * What {@code recur bench} measures, reusable by any program: the reference character-LM
 * workload ({@link io.recur.bench.Workload}), training and scoring throughput and generation
 * latency on any backend ({@link io.recur.bench.RecurBench}), the FLOPs a token costs, the
 * machine's sgemm peak, and the PyTorch peer run side by side ({@link io.recur.bench.TorchPeer}).
 * Depends on core, data and (for the sgemm peak) OpenBLAS through JavaCPP.
 */
package io.recur.bench;
