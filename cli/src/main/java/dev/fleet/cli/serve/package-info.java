/**
 * {@code fleet serve}: one long-running process that runs the periodic pass over every pool and answers HTTP beside
 * it. Events (webhooks, API calls) only decide when a pool's pass runs, never what it does: every pass is the same
 * observe, plan, execute as {@code fleet reconcile}, and {@link dev.fleet.cli.serve.PassScheduler} makes sure two
 * never act on one pool at once and a burst of events coalesces into a bounded number of passes. The server is the
 * JDK's {@code com.sun.net.httpserver}, each route one {@code HttpHandler}.
 */
package dev.fleet.cli.serve;
