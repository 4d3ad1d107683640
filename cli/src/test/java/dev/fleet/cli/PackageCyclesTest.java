package dev.fleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * cli's packages depend on each other one way only, read from the sources: the command line on its commands, the
 * commands on what every command is built on. A cycle means a class sits in the wrong package.
 */
class PackageCyclesTest {
    private static final Path SOURCES = Path.of("src", "main", "java");
    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
    /** A name of a class in cli, imported or written out: the package is what comes before the class's capital. */
    private static final Pattern REFERENCE = Pattern.compile("\\b(dev\\.fleet\\.cli(?:\\.[a-z]\\w*)*)\\.[A-Z]");

    @Test
    void noPackageOfTheCliReachesItselfThroughAnother() throws IOException {
        Map<String, Set<String>> uses = packagesUsed();

        assertThat(cycles(uses)).isEmpty();
        assertThat(uses).containsKeys("dev.fleet.cli", "dev.fleet.cli.command", "dev.fleet.cli.schedule",
                "dev.fleet.cli.simulate");
    }

    @Test
    void aCycleIsNamedPackageByPackage() {
        Map<String, Set<String>> uses = Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"), "d", Set.of("a"));

        assertThat(cycles(uses)).containsExactly("a -> b -> c -> a", "b -> c -> a -> b", "c -> a -> b -> c");
    }

    /** Each package of cli's sources, with the other packages of cli its classes name. */
    private static Map<String, Set<String>> packagesUsed() throws IOException {
        Map<String, Set<String>> uses = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                Matcher declared = PACKAGE.matcher(source);
                if (!declared.find()) {
                    continue;
                }
                Set<String> used = uses.computeIfAbsent(declared.group(1), name -> new TreeSet<>());
                Matcher reference = REFERENCE.matcher(source);
                while (reference.find()) {
                    used.add(reference.group(1));
                }
                used.remove(declared.group(1));
            }
        }
        return uses;
    }

    /** For each package that reaches itself again, the shortest way round, as {@code a -> b -> a}. */
    private static List<String> cycles(Map<String, Set<String>> uses) {
        List<String> cycles = new ArrayList<>();
        for (String start : new TreeSet<>(uses.keySet())) {
            Map<String, String> cameFrom = new HashMap<>();
            Deque<String> next = new ArrayDeque<>(List.of(start));
            while (!next.isEmpty() && !cameFrom.containsKey(start)) {
                String at = next.removeFirst();
                for (String used : new TreeSet<>(uses.getOrDefault(at, Set.of()))) {
                    if (!cameFrom.containsKey(used)) {
                        cameFrom.put(used, at);
                        next.addLast(used);
                    }
                }
            }
            if (cameFrom.containsKey(start)) {
                Deque<String> way = new ArrayDeque<>(List.of(start));
                for (String at = cameFrom.get(start); !at.equals(start); at = cameFrom.get(at)) {
                    way.addFirst(at);
                }
                way.addFirst(start);
                cycles.add(String.join(" -> ", way));
            }
        }
        return cycles;
    }
}
