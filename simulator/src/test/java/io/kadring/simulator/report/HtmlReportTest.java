package io.kadring.simulator.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kadring.simulator.run.Simulation;
import io.kadring.simulator.run.SimulationConfig;
import io.kadring.simulator.run.SimulationReport;
import io.kadring.simulator.stats.Histogram;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class HtmlReportTest {
    @TempDir
    Path dir;

    @Test
    void write_producesOneSelfContainedPage_withEveryChartOfAChurnRun() throws Exception {
        SimulationReport report = new Simulation(SimulationConfig.builder().nodes(40).seed(5)
                .durationMillis(3 * 60_000).sessionMeanMillis(20 * 60_000).killFraction(0.2).build()).run();

        Path file = HtmlReport.write(report, dir.resolve("out"));

        assertEquals(dir.resolve("out/index.html"), file);
        String html = Files.readString(file);
        assertTrue(html.startsWith("<!DOCTYPE html>"), html.substring(0, 40));
        for (String title : List.of("Hops per lookup", "Lookup latency (CDF)", "Lookup success over time",
                "Exact lookups over time", "Lookup latency over time", "Messages per node per second", "Live nodes",
                "Joins and leaves", "Load per node (CDF)", "Traffic and load", "message type", "find_node",
                "Configuration", "Summary", "findClosest", "findSuccessor")) {
            assertTrue(html.contains(title), title);
        }
        assertEquals(9, count(html, "<svg "), "charts");
        assertFalse(html.contains("<script"), "no scripts");
        assertFalse(html.contains("src="), "nothing loaded from elsewhere");
        assertFalse(html.contains("NaN"), "no NaN in coordinates or text");
        assertFalse(html.contains("href="), "no links to stylesheets");
    }

    @Test
    void aStaticRun_hasNoLiveNodeChart() throws Exception {
        SimulationReport report = new Simulation(SimulationConfig.builder().nodes(20).durationMillis(60_000).build()).run();

        String html = Files.readString(HtmlReport.write(report, dir));

        assertEquals(7, count(html, "<svg "));
        assertFalse(html.contains("Live nodes"));
        assertFalse(html.contains("Joins and leaves"));
    }

    @Test
    void text_isEscapedEverywhere() {
        HtmlPage page = new HtmlPage("a <b> & \"c\"").heading("<h>").paragraph("x < y").table(List.of("<hd>"),
                List.of(List.of("<cell>"))).figure(new LineChart("<t>", "<x>", "<y>")
                .add(Series.line("<s>", new double[] {0, 1}, new double[] {0, 1})).toSvg(), "<cap>");

        String html = page.toHtml();

        for (String raw : List.of("<b>", "<h>", "x < y", "<hd>", "<cell>", "<t>", "<x>", "<y>", "<s>", "<cap>")) {
            assertFalse(html.contains(raw), raw);
        }
        assertTrue(html.contains("a &lt;b&gt; &amp; &quot;c&quot;"), html);
    }

    @Test
    void charts_withoutData_sayNoData() {
        String line = new LineChart("empty", "x", "y").add(Series.line("s", new double[0], new double[0])).toSvg();
        String bars = new BarChart("empty", "x", "y", List.of()).toSvg();

        assertTrue(line.contains("no data"), line);
        assertTrue(bars.contains("no data"), bars);
    }

    @Test
    void cdf_risesFromZeroAtTheMinimumToOneAtTheMaximum() {
        Histogram h = new Histogram();
        for (long v : new long[] {10, 20, 20, 40}) h.record(v);

        Series cdf = HtmlReport.cdf("latency", h);

        assertEquals(List.of(10.0, 10.0, 20.0, 40.0), boxed(cdf.x()));
        assertEquals(List.of(0.0, 0.25, 0.75, 1.0), boxed(cdf.y()));
        assertTrue(cdf.stepped());
    }

    @Test
    void ticks_areRoundNumbersCoveringTheRange() {
        Svg.Ticks t = Svg.Ticks.covering(0, 0.93, 5);
        assertEquals(0.2, t.step(), 1e-12);
        assertEquals(1.0, t.max(), 1e-12);
        assertEquals("0.6", t.label(0.6000000000000001));

        Svg.Ticks big = Svg.Ticks.covering(3, 14, 8);
        assertEquals(2, big.step(), 1e-12);
        assertEquals(2, big.min(), 1e-12);
        assertEquals(14, big.max(), 1e-12);
    }

    private static List<Double> boxed(double[] values) {
        return java.util.Arrays.stream(values).boxed().toList();
    }

    private static int count(String text, String what) {
        Matcher m = Pattern.compile(Pattern.quote(what)).matcher(text);
        int n = 0;
        while (m.find()) n++;
        return n;
    }
}
