package dev.fleet.cli.command;

import picocli.CommandLine.Option;

/** The {@code --output table|json} option shared by every command that prints results. */
public final class OutputOption {
    enum Format { table, json }

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format = Format.table;

    public boolean json() {
        return format == Format.json;
    }
}
