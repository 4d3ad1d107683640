package dev.fleet.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fleet.cli.serve.ExpositionParser.Family;
import dev.fleet.cli.serve.ExpositionParser.Format;
import dev.fleet.cli.serve.ExpositionParser.Sample;
import dev.fleet.testing.MutableClock;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard shipped in {@code docs/grafana/fleet.json} and the metrics serve exposes cannot drift apart:
 * every series a panel queries is in a scrape, and every fleet metric in a scrape has a panel.
 */
class GrafanaDashboardTest {
    private static final Path DASHBOARD = Path.of("..", "docs", "grafana", "fleet.json");
    /** A series name in PromQL: fleet's own, the JVM's and the process's; label names and $variables are not. */
    private static final Pattern SERIES = Pattern.compile("(?<![\\w$])((?:fleet|jvm|process)_[a-z0-9_]+)");

    private final JsonNode dashboard = read();

    private static JsonNode read() {
        try {
            return new ObjectMapper().readTree(DASHBOARD.toFile());
        } catch (IOException e) {
            throw new AssertionError("cannot read " + DASHBOARD.toAbsolutePath(), e);
        }
    }

    @Test
    void everySeriesAPanelQueriesIsInTheScrapeAndEveryFleetMetricHasAPanel() throws Exception {
        MutableClock clock = new MutableClock(Traffic.T0);
        ServeMetrics metrics = new ServeMetrics(clock);
        Traffic.ofEveryKind(metrics, clock);
        List<Family> scrape;
        try (ServerTesting server = MetricsScrape.serving(metrics)) {
            scrape = ExpositionParser.parse(Format.TEXT, MetricsScrape.scrape(server, null).body());
        }
        Set<String> scraped = ExpositionParser.samples(scrape).map(Sample::name).collect(Collectors.toSet());
        Set<String> queried = queried();

        assertThat(queried).isNotEmpty().allSatisfy(series -> assertThat(scraped).as("scraped series")
                .contains(series));
        assertThat(scrape).filteredOn(family -> family.name().startsWith("fleet_")).isNotEmpty()
                .allSatisfy(family -> assertThat(family.samples()).as(family.name() + " on a panel")
                        .anyMatch(sample -> queried.contains(sample.name())));
    }

    @Test
    void everyPanelHasATitleAnIdOfItsOwnAndQueriesThroughTheChosenDataSource() {
        List<JsonNode> panels = panels();
        Set<Integer> ids = new TreeSet<>();

        assertThat(panels).isNotEmpty().allSatisfy(panel -> {
            assertThat(panel.path("title").asText()).isNotBlank();
            assertThat(ids.add(panel.path("id").asInt())).as("unique id " + panel.path("id")).isTrue();
            if (!panel.path("type").asText().equals("row")) {
                assertThat(panel.path("datasource").path("uid").asText()).isEqualTo("${datasource}");
                assertThat(panel.path("targets")).isNotEmpty().allSatisfy(target ->
                        assertThat(target.path("expr").asText()).isNotBlank());
            }
        });
        assertThat(dashboard.path("templating").path("list")).extracting(variable -> variable.path("name").asText())
                .containsExactly("datasource", "pool");
    }

    private List<JsonNode> panels() {
        List<JsonNode> panels = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            panels.add(panel);
            panel.path("panels").forEach(panels::add);
        }
        return panels;
    }

    private Set<String> queried() {
        Set<String> series = new TreeSet<>();
        for (JsonNode panel : panels()) {
            for (JsonNode target : panel.path("targets")) {
                Matcher name = SERIES.matcher(target.path("expr").asText());
                while (name.find()) {
                    series.add(name.group(1));
                }
            }
        }
        series.add(dashboard.path("templating").path("list").get(1).path("definition").asText()
                .replaceAll("^label_values\\((\\w+),.*", "$1"));
        return series;
    }
}
