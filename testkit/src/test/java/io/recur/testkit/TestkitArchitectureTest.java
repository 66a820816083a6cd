package io.recur.testkit;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import io.recur.core.testing.DoNotIncludeTestJars;
import io.recur.core.testing.RecurArchitectureRules;

/** The project's rules over the test kit and what it depends on. */
@AnalyzeClasses(packages = "io.recur", importOptions = {ImportOption.DoNotIncludeTests.class, DoNotIncludeTestJars.class})
class TestkitArchitectureTest {
  @ArchTest
  static final ArchTests rules = ArchTests.in(RecurArchitectureRules.class);
}
