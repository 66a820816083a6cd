package io.recur.backend.tensorflow;

import static org.tensorflow.internal.c_api.global.tensorflow.TF_CloseSession;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteDeviceList;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteGraph;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteSession;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteSessionOptions;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeviceListCount;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeviceListName;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeviceListType;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_NewGraph;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_NewSession;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_NewSessionOptions;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_SessionListDevices;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.TensorFlow;
import org.tensorflow.internal.c_api.TF_DeviceList;
import org.tensorflow.internal.c_api.TF_Graph;
import org.tensorflow.internal.c_api.TF_Session;
import org.tensorflow.internal.c_api.TF_SessionOptions;
import org.tensorflow.internal.c_api.TF_Status;

/**
 * TensorFlow's process-wide setup, done when the first session opens (a holder class, so that
 * constructing the backend or registering its module loads no native code): loads the library,
 * registers the loss gradient TensorFlow lacks, and lists the GPUs TensorFlow sees. Every session
 * the backend opens comes from {@link #session}, configured by a {@link Placement}.
 */
final class TfRuntime {
  private final String version;
  private final List<String> gpus;

  private TfRuntime() {
    version = TensorFlow.version();
    CrossEntropyGradient.register();
    gpus = listGpus();
  }

  /** Initialised by the JVM on first use only, exactly once. */
  private static final class Holder {
    static final TfRuntime INSTANCE = new TfRuntime();
  }

  static TfRuntime get() {
    return Holder.INSTANCE;
  }

  /** The native TensorFlow version, e.g. {@code 2.18.0}. */
  String version() {
    return version;
  }

  /** The GPUs TensorFlow sees, by device name ({@code /job:localhost/replica:0/task:0/device:GPU:0}); empty on a CPU machine. */
  List<String> gpus() {
    return gpus;
  }

  /** A session over {@code graph} placed as {@code placement} says, with {@code threads} intra-op threads. */
  Session session(Graph graph, Placement placement, int threads) {
    return new Session(graph, placement.config(threads));
  }

  /** Asks TensorFlow for its devices through a throwaway session on an empty graph (the Java API has no device list). */
  private static List<String> listGpus() {
    List<String> out = new ArrayList<>();
    TF_Status status = TF_Status.newStatus();
    TF_Graph graph = TF_NewGraph();
    TF_SessionOptions options = TF_NewSessionOptions();
    try {
      TF_Session session = TF_NewSession(graph, options, status);
      status.throwExceptionIfNotOK();
      try {
        TF_DeviceList devices = TF_SessionListDevices(session, status);
        status.throwExceptionIfNotOK();
        for (int i = 0; i < TF_DeviceListCount(devices); i++) {
          if ("GPU".equals(TF_DeviceListType(devices, i, status).getString())) {
            out.add(TF_DeviceListName(devices, i, status).getString());
          }
        }
        TF_DeleteDeviceList(devices);
      } finally {
        TF_CloseSession(session, status);
        TF_DeleteSession(session, status);
      }
    } finally {
      TF_DeleteSessionOptions(options);
      TF_DeleteGraph(graph);
    }
    return List.copyOf(out);
  }
}
