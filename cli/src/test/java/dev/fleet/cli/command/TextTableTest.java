package dev.fleet.cli.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class TextTableTest {

    @Test
    void padsColumnsToTheirWidestCellAndLinesUpNumbersOnTheRight() {
        String table = new TextTable("pool", "runners", "labels")
                .alignRight(1)
                .row("ci", "12", "linux")
                .row("nightly-batch", "3", "")
                .render();

        assertThat(table).isEqualTo("""
                pool           runners  labels
                ci                  12  linux
                nightly-batch        3
                """);
    }

    @Test
    void printsWhatItRenders() {
        StringWriter out = new StringWriter();
        TextTable table = new TextTable("a", "b").row("1", "2");

        table.print(new PrintWriter(out, true));

        assertThat(out.toString()).isEqualTo(table.render());
    }

    @Test
    void refusesARowOfTheWrongWidth() {
        assertThatThrownBy(() -> new TextTable("a", "b").row("1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a row needs 2 cells, got 1");
    }
}
