package dev.fleet.cli.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fleet.autoscaler.sim.PolicyResult;
import dev.fleet.autoscaler.sim.SeriesPoint;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class SvgChartTest {
    private static final String SVG = "http://www.w3.org/2000/svg";

    // queued 2 -> 4 -> 0, runners 1 -> 6 -> 7, busy 0 -> 3 -> 5 over one hour: the y axis runs to 8 in steps of 2.
    private static final List<SeriesPoint> HOUR = List.of(
            new SeriesPoint(Duration.ZERO, 2, 1, 0, 0),
            new SeriesPoint(Duration.ofMinutes(30), 4, 2, 1, 3),
            new SeriesPoint(Duration.ofHours(1), 0, 0, 2, 5));

    @Test
    void isAnSvgDocumentWithOnePanelPerPolicyAndOneLinePerSeries() throws Exception {
        Element svg = parse(SvgChart.render(List.of(result("reactive", HOUR), result("warm-pool", HOUR))));

        assertThat(svg.getLocalName()).isEqualTo("svg");
        assertThat(svg.getAttribute("height")).isEqualTo(Integer.toString(2 * SvgChart.PANEL_HEIGHT));
        List<Element> panels = panels(svg);
        assertThat(panels).hasSize(2);
        for (Element panel : panels) {
            assertThat(elements(panel, "polyline")).extracting(line -> line.getAttribute("stroke"))
                    .containsExactly("#d62728", "#1f77b4", "#2ca02c");
            assertThat(texts(panel)).contains("queued jobs", "runners", "busy runners", "hours since trace start");
        }
        assertThat(texts(panels.get(0)).get(0)).isEqualTo("reactive");
        assertThat(texts(panels.get(1)).get(0)).isEqualTo("warm-pool");
    }

    @Test
    void drawsStepLinesOnScalesSharedByAllPanels() throws Exception {
        // The second policy peaks lower and ends earlier; it is still drawn against 8 runners and 1 hour.
        List<SeriesPoint> shorter = List.of(new SeriesPoint(Duration.ZERO, 1, 0, 0, 0),
                new SeriesPoint(Duration.ofMinutes(12), 0, 0, 1, 1));
        List<Element> panels = panels(parse(SvgChart.render(List.of(result("a", HOUR), result("b", shorter)))));

        // x = 50 + 730 * hours; y = 190 - 20 * value, 230 lower in the second panel.
        assertThat(points(panels.get(0))).containsExactly(
                "50,150 415,150 415,110 780,110 780,190",
                "50,170 415,170 415,70 780,70 780,50",
                "50,190 415,190 415,130 780,130 780,90");
        assertThat(points(panels.get(1))).containsExactly(
                "50,400 196,400 196,420",
                "50,420 196,420 196,380",
                "50,420 196,420 196,400");
    }

    @Test
    void labelsTicksInRoundNumbers() throws Exception {
        Element panel = panels(parse(SvgChart.render(List.of(result("reactive", HOUR))))).get(0);

        assertThat(texts(panel)).containsSubsequence("0", "2", "4", "6", "8")
                .containsSubsequence("0", "0.2", "0.4", "0.6", "0.8", "1");
    }

    @Test
    void escapesPolicyNames() throws Exception {
        String name = "<fast & \"cheap\"> o'clock\u0007";

        String svg = SvgChart.render(List.of(result(name, HOUR)));

        assertThat(svg).contains("&lt;fast &amp; &quot;cheap&quot;&gt; o&apos;clock\uFFFD");
        assertThat(texts(panels(parse(svg)).get(0)).get(0)).isEqualTo("<fast & \"cheap\"> o'clock\uFFFD");
    }

    @Test
    void aPolicyWithoutSamplesGetsAnEmptyPanel() throws Exception {
        List<Element> panels = panels(parse(SvgChart.render(List.of(result("idle", List.of()), result("busy", HOUR)))));

        assertThat(elements(panels.get(0), "polyline")).isEmpty();
        assertThat(texts(panels.get(0))).contains("no samples");
        assertThat(elements(panels.get(1), "polyline")).hasSize(3);
    }

    @Test
    void nothingToDrawIsStillAValidChart() throws Exception {
        Element panel = panels(parse(SvgChart.render(List.of(result("idle", List.of()))))).get(0);

        assertThat(texts(panel)).containsSubsequence("0", "1", "0", "1", "hours since trace start", "no samples");
        assertThat(parse(SvgChart.render(List.of())).getAttribute("height")).isEqualTo("0");
    }

    @Test
    void aSingleSampleAtTheStartIsADot() throws Exception {
        List<SeriesPoint> one = List.of(new SeriesPoint(Duration.ZERO, 0, 0, 0, 0));

        assertThat(points(panels(parse(SvgChart.render(List.of(result("a", one))))).get(0)))
                .containsOnly("50,190");
    }

    @ParameterizedTest
    @CsvSource({
        "7, true, 2, 4",
        "8, true, 2, 4",
        "250, true, 50, 5",
        "0.5, true, 1, 1",
        "1, true, 1, 1",
        "0, true, 1, 1",
        "0.3, false, 0.1, 3",
        "1, false, 0.2, 5",
        "24, false, 5, 5",
        "100, false, 20, 5"})
    void axesCoverTheDataInStepsOfOneTwoOrFive(double highest, boolean whole, BigDecimal step, int ticks) {
        SvgChart.Axis axis = SvgChart.Axis.covering(highest, whole);

        assertThat(axis.step()).isEqualByComparingTo(step);
        assertThat(axis.ticks()).isEqualTo(ticks);
    }

    private static PolicyResult result(String policy, List<SeriesPoint> series) {
        return new PolicyResult(policy, 0, 0, 0, Duration.ZERO, Duration.ZERO, Duration.ZERO, 0, 0, 0, 0, series);
    }

    private static Element parse(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)))
                .getDocumentElement();
    }

    private static List<Element> panels(Element svg) {
        return elements(svg, "g").stream().filter(g -> g.getAttribute("class").equals("panel")).toList();
    }

    private static List<Element> elements(Element parent, String name) {
        NodeList nodes = parent.getElementsByTagNameNS(SVG, name);
        List<Element> elements = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            elements.add((Element) nodes.item(i));
        }
        return elements;
    }

    private static List<String> texts(Element panel) {
        return elements(panel, "text").stream().map(Element::getTextContent).toList();
    }

    private static List<String> points(Element panel) {
        return elements(panel, "polyline").stream().map(line -> line.getAttribute("points")).toList();
    }
}
