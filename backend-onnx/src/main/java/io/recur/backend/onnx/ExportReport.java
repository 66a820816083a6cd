package io.recur.backend.onnx;

import java.nio.file.Path;
import java.util.OptionalDouble;

/**
 * What an export wrote: the file, its size, the ONNX opset and IR version it is stamped with, and
 * — when it was verified — the largest absolute logit difference from the source model.
 */
public record ExportReport(Path file, long bytes, int opset, long irVersion, OptionalDouble maxAbsDiff) {}
