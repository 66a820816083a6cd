/** Example programs that use Recur as a library; each is referenced from the README and compiled with the build. */
package io.recur.examples;
