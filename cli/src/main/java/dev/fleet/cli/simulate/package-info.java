/**
 * {@code fleet simulate}: replays a job trace (CSV) against scaling policies through the scaling function reconcile
 * calls, and reports waits and VM-minutes as a table, JSON or an SVG chart; {@code fleet simulate generate} writes
 * synthetic traces. It needs no credentials and reaches neither GitHub nor Azure.
 */
package dev.fleet.cli.simulate;
