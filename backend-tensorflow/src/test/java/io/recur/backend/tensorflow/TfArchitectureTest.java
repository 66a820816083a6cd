package io.recur.backend.tensorflow;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import io.recur.core.testing.DoNotIncludeTestJars;
import io.recur.core.testing.RecurArchitectureRules;

@AnalyzeClasses(packages = "io.recur", importOptions = {ImportOption.DoNotIncludeTests.class, DoNotIncludeTestJars.class})
class TfArchitectureTest {
  @ArchTest
  static final ArchTests rules = ArchTests.in(RecurArchitectureRules.class);
}
