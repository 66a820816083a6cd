package io.recur.spark;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;
import io.recur.core.testing.DoNotIncludeTestJars;
import io.recur.core.testing.RecurArchitectureRules;

@AnalyzeClasses(packages = "io.recur", importOptions = {ImportOption.DoNotIncludeTests.class, DoNotIncludeTestJars.class})
class SparkArchitectureTest {
  @ArchTest
  static final ArchTests rules = ArchTests.in(RecurArchitectureRules.class);

  @ArchTest
  static final ArchRule spark_knows_backends_only_through_core =
      noClasses().that().resideInAPackage("io.recur.spark..")
          .should().dependOnClassesThat().resideInAnyPackage("io.recur.backend..", "io.recur.cli..", "io.recur.examples..")
          .because("executors find their backend through core's discovery, as the command line does");
}
