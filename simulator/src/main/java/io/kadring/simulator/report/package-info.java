/**
 * Self-contained HTML reports: {@link io.kadring.simulator.report.HtmlReport} for one run, and
 * the pieces scenario reports are made of ({@link io.kadring.simulator.report.HtmlPage}, line
 * and bar charts drawn as inline SVG). No scripts, no fonts or styles from elsewhere.
 *
 * <p>Reads finished reports only; depends on the runner's report types and the statistics,
 * never on the engine or the nodes.
 */
package io.kadring.simulator.report;
