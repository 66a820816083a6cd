package io.recur.cli;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import io.recur.core.testing.DoNotIncludeTestJars;
import io.recur.core.testing.RecurArchitectureRules;

/** The examples module has every module on its classpath, so here the rules check the whole project. */
@AnalyzeClasses(packages = "io.recur", importOptions = {ImportOption.DoNotIncludeTests.class, DoNotIncludeTestJars.class})
class ExamplesArchitectureTest {
  @ArchTest
  static final ArchTests rules = ArchTests.in(RecurArchitectureRules.class);
}
