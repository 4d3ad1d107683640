package dev.fleet.cli.simulate;

import dev.fleet.autoscaler.sim.PolicyResult;
import dev.fleet.autoscaler.sim.SeriesPoint;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * The chart of {@code fleet simulate}: one panel per policy, stacked, showing queued jobs, runners and busy runners
 * over the hours of the trace. All panels share both scales so the eye can compare policies panel to panel.
 */
final class SvgChart {
    static final int WIDTH = 800;
    static final int LEFT = 50;
    static final int RIGHT = 20;
    static final int PLOT_WIDTH = WIDTH - LEFT - RIGHT;
    static final int TITLE_HEIGHT = 30;
    static final int PLOT_HEIGHT = 160;
    static final int PANEL_HEIGHT = TITLE_HEIGHT + PLOT_HEIGHT + 40;

    private static final int TARGET_TICKS = 5;
    private static final int TICK_LENGTH = 4;
    private static final int LEGEND_ITEM_WIDTH = 100;

    private record Series(String label, String colour, ToIntFunction<SeriesPoint> value) {
    }

    private static final List<Series> SERIES = List.of(
            new Series("queued jobs", "#d62728", SeriesPoint::queued),
            new Series("runners", "#1f77b4", SeriesPoint::runners),
            new Series("busy runners", "#2ca02c", SeriesPoint::busy));

    private SvgChart() {
    }

    /** The SVG document; each result's series is taken to be in time order, as the simulator records it. */
    static String render(List<PolicyResult> results) {
        double lastHour = 0;
        int highest = 0;
        for (PolicyResult result : results) {
            for (SeriesPoint point : result.series()) {
                lastHour = Math.max(lastHour, hours(point.at()));
                for (Series series : SERIES) {
                    highest = Math.max(highest, series.value().applyAsInt(point));
                }
            }
        }
        Axis time = Axis.covering(lastHour, false);
        Axis count = Axis.covering(highest, true);

        StringBuilder svg = new StringBuilder();
        int height = results.size() * PANEL_HEIGHT;
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\" font-family=\"sans-serif\" font-size=\"11\">\n");
        for (int i = 0; i < results.size(); i++) {
            panel(svg, results.get(i), i * PANEL_HEIGHT, time, count);
        }
        return svg.append("</svg>\n").toString();
    }

    private static void panel(StringBuilder svg, PolicyResult result, int top, Axis time, Axis count) {
        int plotTop = top + TITLE_HEIGHT;
        int plotBottom = plotTop + PLOT_HEIGHT;
        svg.append("<g class=\"panel\">\n");
        text(svg, LEFT, top + 20, "start", "font-size=\"14\" font-weight=\"bold\"", result.policy());
        for (int i = 0; i < SERIES.size(); i++) {
            Series series = SERIES.get(i);
            int x = WIDTH - RIGHT - (SERIES.size() - i) * LEGEND_ITEM_WIDTH;
            line(svg, x, top + 16, x + 16, top + 16, series.colour(), 2);
            text(svg, x + 20, top + 20, "start", "", series.label());
        }
        line(svg, LEFT, plotTop, LEFT, plotBottom, "#000", 1);
        line(svg, LEFT, plotBottom, LEFT + PLOT_WIDTH, plotBottom, "#000", 1);
        for (int tick = 0; tick <= count.ticks(); tick++) {
            double y = plotBottom - PLOT_HEIGHT * (double) tick / count.ticks();
            line(svg, LEFT - TICK_LENGTH, y, LEFT, y, "#000", 1);
            text(svg, LEFT - TICK_LENGTH - 2, y + 4, "end", "", count.label(tick));
        }
        for (int tick = 0; tick <= time.ticks(); tick++) {
            double x = LEFT + PLOT_WIDTH * (double) tick / time.ticks();
            line(svg, x, plotBottom, x, plotBottom + TICK_LENGTH, "#000", 1);
            text(svg, x, plotBottom + TICK_LENGTH + 12, "middle", "", time.label(tick));
        }
        text(svg, LEFT + PLOT_WIDTH / 2.0, plotBottom + 34, "middle", "", "hours since trace start");
        if (result.series().isEmpty()) {
            text(svg, LEFT + PLOT_WIDTH / 2.0, plotTop + PLOT_HEIGHT / 2.0, "middle", "", "no samples");
        } else {
            for (Series series : SERIES) {
                steps(svg, result.series(), series, plotBottom, time, count);
            }
        }
        svg.append("</g>\n");
    }

    /** A step line: a value holds until the next sample, which is how the pool is observed, tick by tick. */
    private static void steps(StringBuilder svg, List<SeriesPoint> points, Series series, int plotBottom, Axis time,
            Axis count) {
        svg.append("<polyline fill=\"none\" stroke=\"").append(series.colour())
                .append("\" stroke-width=\"1.5\" points=\"");
        String previousY = null;
        for (SeriesPoint point : points) {
            String x = number(LEFT + PLOT_WIDTH * hours(point.at()) / time.max());
            String y = number(plotBottom - PLOT_HEIGHT * series.value().applyAsInt(point) / count.max());
            if (previousY != null) {
                svg.append(x).append(',').append(previousY).append(' ');
            }
            svg.append(x).append(',').append(y).append(' ');
            previousY = y;
        }
        svg.setLength(svg.length() - 1);
        svg.append("\"/>\n");
    }

    private static void line(StringBuilder svg, double x1, double y1, double x2, double y2, String colour, int width) {
        svg.append("<line x1=\"").append(number(x1)).append("\" y1=\"").append(number(y1))
                .append("\" x2=\"").append(number(x2)).append("\" y2=\"").append(number(y2))
                .append("\" stroke=\"").append(colour).append("\" stroke-width=\"").append(width).append("\"/>\n");
    }

    private static void text(StringBuilder svg, double x, double y, String anchor, String attributes, String content) {
        svg.append("<text x=\"").append(number(x)).append("\" y=\"").append(number(y))
                .append("\" text-anchor=\"").append(anchor).append('"');
        if (!attributes.isEmpty()) {
            svg.append(' ').append(attributes);
        }
        svg.append('>').append(escape(content)).append("</text>\n");
    }

    /** Escapes markup, and replaces the control characters XML 1.0 cannot carry at all. */
    private static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&apos;");
                default -> escaped.append(c < 0x20 && c != '\t' && c != '\n' && c != '\r' ? '\uFFFD' : c);
            }
        }
        return escaped.toString();
    }

    /** Tenths of a pixel are below what any viewer shows; fewer digits keep the file small. */
    private static String number(double value) {
        return BigDecimal.valueOf(Math.round(value * 10), 1).stripTrailingZeros().toPlainString();
    }

    private static double hours(Duration duration) {
        return (duration.getSeconds() + duration.getNano() / 1e9) / 3600;
    }

    /** An axis from 0 in {@code ticks} round steps (1, 2 or 5 times a power of ten) that covers the data. */
    record Axis(BigDecimal step, int ticks) {
        static Axis covering(double highest, boolean whole) {
            if (highest <= 0) {
                return new Axis(BigDecimal.ONE, 1);
            }
            double rough = highest / TARGET_TICKS;
            int exponent = (int) Math.floor(Math.log10(rough));
            double mantissa = rough / Math.pow(10, exponent);
            int multiple = mantissa <= 1 ? 1 : mantissa <= 2 ? 2 : mantissa <= 5 ? 5 : 10;
            BigDecimal step = BigDecimal.valueOf(multiple).scaleByPowerOfTen(exponent);
            if (whole && step.compareTo(BigDecimal.ONE) < 0) {
                step = BigDecimal.ONE; // there is no such thing as half a runner
            }
            int ticks = BigDecimal.valueOf(highest).divide(step, 0, RoundingMode.CEILING).intValueExact();
            return new Axis(step, ticks);
        }

        double max() {
            return step.multiply(BigDecimal.valueOf(ticks)).doubleValue();
        }

        String label(int tick) {
            return step.multiply(BigDecimal.valueOf(tick)).stripTrailingZeros().toPlainString();
        }
    }
}
