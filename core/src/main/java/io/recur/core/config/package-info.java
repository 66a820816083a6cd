/** Run configuration: a properties file, then system properties, then command-line overrides. */
package io.recur.core.config;
