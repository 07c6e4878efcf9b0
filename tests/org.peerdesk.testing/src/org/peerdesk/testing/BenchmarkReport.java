package org.peerdesk.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a benchmark's results into its own section of docs/benchmarks.md, between
 * {@code <!-- name:begin -->} and {@code <!-- name:end -->}: replaced when it is there, appended
 * when it is not, so each run leaves the latest figures and the rest of the file untouched.
 */
public final class BenchmarkReport {

    private BenchmarkReport() {
    }

    /** The repository root, as the build passes it to tests in {@code peerdesk.root}. */
    public static Path root() {
        return Path.of(System.getProperty("peerdesk.root", "../..")).toAbsolutePath().normalize();
    }

    /** Records {@code markdown} (without the markers) as the section {@code name}. */
    public static void record(String name, String markdown) throws IOException {
        String begin = "<!-- " + name + ":begin -->";
        String end = "<!-- " + name + ":end -->";
        String section = begin + "\n" + markdown.strip() + "\n" + end;
        System.out.println(section);
        Path file = root().resolve("docs/benchmarks.md");
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        String updated = from >= 0 && to > from
                ? text.substring(0, from) + section + text.substring(to + end.length())
                : text.strip() + "\n\n" + section + "\n";
        Files.writeString(file, updated, StandardCharsets.UTF_8);
    }
}
