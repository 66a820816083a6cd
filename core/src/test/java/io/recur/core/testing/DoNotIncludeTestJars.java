package io.recur.core.testing;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;

/**
 * Leaves test-jars (such as core's, which holds this class) out of an ArchUnit import.
 * {@link ImportOption.DoNotIncludeTests} recognises test classes by their {@code test-classes}
 * directory only; under {@code mvn verify} a module sees core's test classes as
 * {@code recur-core-…-tests.jar}, and without this option they would be checked as if they
 * were core's main classes. Use both in every module's {@code ArchitectureTest}.
 */
public final class DoNotIncludeTestJars implements ImportOption {
  @Override
  public boolean includes(Location location) {
    return !location.contains("-tests.jar");
  }
}
