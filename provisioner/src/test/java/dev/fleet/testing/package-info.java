/**
 * Test fixtures the provisioner's test jar offers the modules that build on it: {@link
 * dev.fleet.testing.MutableClock}, a clock tests move by hand. Lifecycle's tests use it (cli's through lifecycle's
 * test world), so that no test waits for real time to pass.
 */
package dev.fleet.testing;
