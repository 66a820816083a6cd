package io.recur.core.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;

/**
 * The module arrows of docs/architecture.md as ArchUnit rules, shared by every module's
 * {@code ArchitectureTest} through {@code ArchTests.in(RecurArchitectureRules.class)}.
 */
public final class RecurArchitectureRules {
  private RecurArchitectureRules() {}

  @ArchTest
  public static final ArchRule core_depends_only_on_jdk_guice_and_gson =
      classes().that().resideInAPackage("io.recur.core..")
          .should().onlyDependOnClassesThat().resideInAnyPackage(
              "java..", "io.recur.core..", "com.google.inject..", "jakarta.inject..", "com.google.gson..")
          .because("core is the vocabulary every backend implements and depends on no backend library (docs/architecture.md)");

  @ArchTest
  public static final ArchRule core_packages_are_free_of_cycles =
      slices().matching("io.recur.core.(*)..").should().beFreeOfCycles()
          .because("core's packages layer from tensor/ops up to train/inference (docs/architecture.md)");

  @ArchTest
  public static final ArchRule data_depends_only_on_core =
      classes().that().resideInAPackage("io.recur.data..")
          .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.recur.core..", "io.recur.data..",
              "com.google.inject..", "jakarta.inject..", "com.google.gson..")
          .because("data turns text into token streams for any backend (docs/architecture.md)");

  @ArchTest
  public static final ArchRule backends_are_independent =
      slices().matching("io.recur.backend.(*)..").should().notDependOnEachOther()
          .because("backends only meet in core's SPI; cross-backend tests live in examples (docs/architecture.md)");

  @ArchTest
  public static final ArchRule libraries_do_not_depend_on_the_command_line =
      noClasses().that().resideInAnyPackage("io.recur.core..", "io.recur.data..", "io.recur.backend..")
          .should().dependOnClassesThat().resideInAnyPackage("io.recur.cli..", "io.recur.examples..", "io.recur.bench..");

  @ArchTest
  public static final ArchRule only_the_command_line_prints =
      noClasses().that().resideOutsideOfPackages("io.recur.cli..", "io.recur.examples..", "io.recur.bench..")
          .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
          .because("libraries report through return values, listeners and SLF4J; only the command line prints");

  @ArchTest
  public static final ArchRule no_field_injection = GeneralCodingRules.NO_CLASSES_SHOULD_USE_FIELD_INJECTION;

  @ArchTest
  public static final ArchRule no_java_util_logging = GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;
}
