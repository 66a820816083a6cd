package io.recur.backend.onnx.export;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import io.recur.core.cell.CellRegistry;
import io.recur.core.cell.State;
import io.recur.core.cell.StateSpec;
import io.recur.core.checkpoint.Provenance;
import io.recur.core.config.FusedMode;
import io.recur.core.model.ModelSpec;
import io.recur.core.model.ParamKey;
import io.recur.core.model.ParameterSet;
import io.recur.core.model.SequenceModel;
import io.recur.core.tensor.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns a model — a language model or a series model — and its parameters into an ONNX
 * {@link ModelProto} by running the model's one {@code forward} and {@code head} definitions on
 * {@link OnnxOps}. The model's inputs and outputs
 * follow {@link ModelSignature}; its metadata carries {@link RecurMetadata#model} plus whatever
 * the caller adds. Stamped with {@link OnnxGraph#OPSET} / {@link OnnxGraph#IR_VERSION}.
 */
public final class OnnxModelBuilder {
  private final CellRegistry cells;
  private final FusedMode mode;

  /**
   * @param cells resolves the spec's cell name (custom cells registered by name need the same registry as training)
   * @param mode how recurrent layers are exported; see {@link OnnxOps}
   */
  public OnnxModelBuilder(CellRegistry cells, FusedMode mode) {
    this.cells = cells;
    this.mode = mode;
  }

  /**
   * Builds the model.
   *
   * @param extraMetadata further {@code metadata_props} (text spec and vocabulary, or series data; provenance)
   * @throws io.recur.core.InvalidInputException if the parameters do not fit the spec
   */
  public ModelProto build(ModelSpec spec, ParameterSet params, Map<String, String> extraMetadata) {
    SequenceModel model = SequenceModel.of(spec, cells);
    model.checkCompatible(params, "the parameters to export");
    ModelSignature signature = new ModelSignature(spec.task(), model.stateSpecs());
    boolean language = spec.task() == ModelSpec.Task.LANGUAGE;

    OnnxGraph g = OnnxGraph.root(language ? "recur_language_model" : "recur_series_model");
    Tensor inputs = language ? g.input(signature.input(), TensorProto.DataType.INT64, Dim.TIME, Dim.BATCH)
        : g.input(signature.input(), TensorProto.DataType.FLOAT, Dim.TIME, Dim.BATCH, Dim.of(spec.features()));
    List<State> states = new ArrayList<>();
    for (int l = 0; l < signature.layers().size(); l++) {
      List<Tensor> layer = new ArrayList<>();
      for (StateSpec s : signature.layers().get(l)) {
        layer.add(g.input(ModelSignature.stateIn(l, s), TensorProto.DataType.FLOAT, Dim.BATCH, Dim.of(s.size())));
      }
      states.add(new State(layer));
    }
    Map<ParamKey, OnnxRef.Param> refs = new HashMap<>();
    OnnxOps ops = new OnnxOps(g, mode);
    Function<ParamKey, Tensor> weights = key -> refs.computeIfAbsent(key, k -> g.param(k.toString(), params.get(k)));
    SequenceModel.Output out = model.forward(ops, weights, inputs, states, false);

    g.output(OnnxCellOps.ref(model.head(ops, weights, out.features())), signature.output(), Dim.TIME, Dim.BATCH,
        Dim.of(spec.outputSize()));
    for (int l = 0; l < signature.layers().size(); l++) {
      List<StateSpec> layer = signature.layers().get(l);
      for (int i = 0; i < layer.size(); i++) {
        g.output(OnnxCellOps.ref(out.states().get(l).get(i)), ModelSignature.stateOut(l, layer.get(i)),
            Dim.BATCH, Dim.of(layer.get(i).size()));
      }
    }

    Map<String, String> metadata = new LinkedHashMap<>(RecurMetadata.model(spec, signature));
    metadata.putAll(extraMetadata);

    ModelProto.Builder m = ModelProto.newBuilder()
        .setIrVersion(OnnxGraph.IR_VERSION)
        .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OnnxGraph.OPSET))
        .setProducerName("recur")
        .setProducerVersion(Provenance.RECUR_VERSION)
        .setDocString(language
            ? "Recur " + spec.cell() + " language model: tokens [time, batch] → logits [time, batch, " + spec.vocabSize()
                + "], recurrent state as explicit inputs/outputs"
            : "Recur " + spec.cell() + " series model: values [time, batch, " + spec.features() + "] → predictions [time, batch, "
                + spec.outputs() + "], recurrent state as explicit inputs/outputs")
        .setGraph(g.build());
    metadata.put(RecurMetadata.CHECKSUM, RecurMetadata.checksum(m.build(), metadata));
    metadata.forEach((k, v) -> m.addMetadataProps(StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
    return m.build();
  }
}
