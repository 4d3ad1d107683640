/**
 * What every fleet command is built on: {@link dev.fleet.cli.command.FleetCommand} (its writers, whether a person
 * watches) and {@link dev.fleet.cli.command.CommandGroup} (usage when run bare), the exit codes and the one-line
 * {@link dev.fleet.cli.command.FleetException} they map from, checks and converters for option values, and the table
 * and JSON output behind {@code --output table|json}. It depends on no other package of the command line.
 */
package dev.fleet.cli.command;
