/**
 * Putting a runner on a fresh VM: {@link dev.fleet.lifecycle.bootstrap.VmKeys} and
 * {@link dev.fleet.lifecycle.bootstrap.CloudInit} give each VM a user key and a host key of its own, so fleet's SSH
 * trusts exactly that VM, and {@link dev.fleet.lifecycle.bootstrap.RunnerInstaller} ({@link
 * dev.fleet.lifecycle.bootstrap.SshRunnerInstaller}) installs and starts the runner a
 * {@link dev.fleet.lifecycle.bootstrap.RunnerSetup} describes, checked against its SHA-256, for exactly one job. The
 * registration secret goes to the VM on stdin and never reaches a log line or the command line.
 */
package dev.fleet.lifecycle.bootstrap;
