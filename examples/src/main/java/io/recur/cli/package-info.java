/**
 * The {@code recur} command line (picocli), following the contract in {@code CLI.md}: every
 * subcommand takes {@code --json} and then prints one JSON object as the last line of standard
 * output; progress goes to standard error; exit 0 on success, 2 on bad usage or input (one line
 * naming the problem and the fix), 1 on an internal failure.
 */
package io.recur.cli;
