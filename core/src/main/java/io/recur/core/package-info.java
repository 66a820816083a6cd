/**
 * Recur's core: the vocabulary every backend implements and every user program speaks. It
 * depends on the JDK, Guice and Gson only — never on a backend library (enforced by
 * maven-enforcer in {@code core/pom.xml} and by {@code RecurArchitectureRules}).
 */
package io.recur.core;
