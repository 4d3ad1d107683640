/**
 * fleet's config file: the records ({@link dev.fleet.config.FleetConfig}, {@link dev.fleet.config.PoolConfig} and the
 * settings they hold), their parsing and validation into one-line problems, the JSON Schema, where the file lives and
 * its atomic, owner-only saving ({@link dev.fleet.config.ConfigStore}). cli loads, edits and shows it; lifecycle reads
 * pools and their Azure placement from it; provisioner reads the GitHub settings, and shares its owner-only files
 * ({@link dev.fleet.config.OwnerOnlyFiles}) and its guard for text from outside ({@link dev.fleet.config.OutsideText});
 * queue-monitor turns a pool into a queue query.
 */
package dev.fleet.config;
