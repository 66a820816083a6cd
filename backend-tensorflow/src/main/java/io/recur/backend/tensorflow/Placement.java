package io.recur.backend.tensorflow;

import io.recur.core.InvalidInputException;
import io.recur.core.config.Device;
import java.util.List;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GPUOptions;

/**
 * Where the backend's sessions compute — decided here and nowhere else, from the device asked for
 * and the GPUs TensorFlow lists. {@code cpu} hides every GPU from TensorFlow; {@code gpu} needs one
 * and places every op with a GPU kernel on the first (the rest stay on the CPU); {@code auto} is
 * {@code gpu} when one is visible and the CPU otherwise, and says so.
 *
 * @param gpu the GPU used, e.g. {@code /device:GPU:0}, or null for the CPU
 * @param why how the choice was made, for reports
 */
record Placement(String gpu, String why) {
  static Placement choose(Device requested, List<String> visibleGpus) {
    return switch (requested) {
      case CPU -> new Placement(null, "asked for the CPU");
      case GPU -> {
        if (visibleGpus.isEmpty()) {
          throw new InvalidInputException("device gpu was asked for but TensorFlow sees no GPU; install CUDA 12 and cuDNN 9 "
              + "with the -Pgpu build, or pass --device auto or cpu");
        }
        yield new Placement(visibleGpus.get(0), "asked for a GPU");
      }
      case AUTO -> visibleGpus.isEmpty()
          ? new Placement(null, "auto: TensorFlow sees no GPU")
          : new Placement(visibleGpus.get(0), "auto: the first GPU TensorFlow sees");
    };
  }

  boolean onGpu() {
    return gpu != null;
  }

  /** The session configuration: {@code threads} intra-op threads, one inter-op thread, and the device. */
  ConfigProto config(int threads) {
    ConfigProto.Builder c = ConfigProto.newBuilder().setIntraOpParallelismThreads(threads).setInterOpParallelismThreads(1);
    if (onGpu()) {
      c.setAllowSoftPlacement(true).setGpuOptions(GPUOptions.newBuilder().setAllowGrowth(true));
    } else {
      c.putDeviceCount("GPU", 0);
    }
    return c.build();
  }

  /** "CPU (auto: TensorFlow sees no GPU)", "GPU /device:GPU:0 (asked for a GPU)". */
  String describe() {
    return (onGpu() ? "GPU " + gpu : "CPU") + " (" + why + ")";
  }
}
