package dev.fleet.cli.command;

import dev.fleet.config.OutsideText;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Rows printed in columns padded to their widest cell, two spaces apart; the first row is the header. Columns of
 * numbers can be right-aligned so their digits line up.
 */
public final class TextTable {
    private final List<String[]> rows = new ArrayList<>();
    private final boolean[] rightAligned;

    public TextTable(String... header) {
        rows.add(header);
        rightAligned = new boolean[header.length];
    }

    public TextTable alignRight(int... columns) {
        for (int column : columns) {
            rightAligned[column] = true;
        }
        return this;
    }

    /** A row; cells often hold names from outside (runners, labels), so they are made printable. */
    public TextTable row(String... cells) {
        if (cells.length != rightAligned.length) {
            throw new IllegalArgumentException("a row needs " + rightAligned.length + " cells, got " + cells.length);
        }
        rows.add(Arrays.stream(cells).map(OutsideText::printable).toArray(String[]::new));
        return this;
    }

    /** Every row on its own line, each line ending in a newline and no trailing blanks. */
    public String render() {
        int[] widths = new int[rightAligned.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder table = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                String padding = " ".repeat(widths[i] - row[i].length());
                line.append(i == 0 ? "" : "  ").append(rightAligned[i] ? padding + row[i] : row[i] + padding);
            }
            table.append(line.toString().stripTrailing()).append('\n');
        }
        return table.toString();
    }

    public void print(PrintWriter out) {
        out.print(render());
    }
}
