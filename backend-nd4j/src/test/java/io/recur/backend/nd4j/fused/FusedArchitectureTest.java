package io.recur.backend.nd4j.fused;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import io.recur.core.testing.RecurArchitectureRules;

/** The project's architecture rules hold with the fused kernels on the classpath (until the module's own ArchitectureTest lands). */
@AnalyzeClasses(packages = "io.recur", importOptions = ImportOption.DoNotIncludeTests.class)
class FusedArchitectureTest {
  @ArchTest
  static final ArchTests rules = ArchTests.in(RecurArchitectureRules.class);
}
