package io.recur.backend.onnx;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import io.recur.core.testing.DoNotIncludeTestJars;
import com.tngtech.archunit.lang.ArchRule;
import io.recur.core.testing.RecurArchitectureRules;

/** The project's rules, plus the ONNX backend's layering: export ← runtime ← the exporter facade. */
@AnalyzeClasses(packages = "io.recur", importOptions = {ImportOption.DoNotIncludeTests.class, DoNotIncludeTestJars.class})
class OnnxArchitectureTest {
  @ArchTest
  static final ArchTests rules = ArchTests.in(RecurArchitectureRules.class);

  @ArchTest
  static final ArchRule export_does_not_need_onnx_runtime =
      noClasses().that().resideInAPackage("io.recur.backend.onnx.export..")
          .should().dependOnClassesThat().resideInAnyPackage("ai.onnxruntime..", "io.recur.backend.onnx.runtime..")
          .because("building an ONNX graph needs only the protobuf classes; ONNX Runtime is for running it");

  @ArchTest
  static final ArchRule runtime_does_not_depend_on_the_facade =
      noClasses().that().resideInAPackage("io.recur.backend.onnx.runtime..")
          .should().dependOnClassesThat().resideInAPackage("io.recur.backend.onnx")
          .because("the exporter facade joins export and runtime; neither reaches back into it");
}
