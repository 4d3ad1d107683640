/**
 * The dashboard of {@code fleet serve}: {@link dev.fleet.cli.serve.page.Dashboard} serves the page at {@code /} (static
 * HTML, one script, one style sheet, no build step), and {@link dev.fleet.cli.serve.page.PassHistory} hears every pass
 * and answers {@code /api/v1/history}, the samples its chart of queued jobs and runners is drawn from.
 */
package dev.fleet.cli.serve.page;
