/**
 * The {@code fleet} command line: the entry point {@link dev.fleet.cli.Fleet#main}, and {@link
 * dev.fleet.cli.Fleet#commandLine} for tests that run it with an environment of their own. It holds the commands that
 * read and change the config file and run reconcile passes ({@code github-runner}, {@code reconcile},
 * {@code config}), maps every error to one line and an exit code, and lists {@code schedule} and {@code simulate}
 * from their own packages.
 */
package dev.fleet.cli;
