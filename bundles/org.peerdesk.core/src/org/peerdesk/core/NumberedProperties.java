package org.peerdesk.core;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * A properties file of numbered entries ({@code share.1.name = docs}) that a person reads too, as backups keep what a
 * node knows: written entry by entry, in order, and without the time stamp {@link Properties} writes, so that the file
 * changes only when what it says does.
 */
public final class NumberedProperties {

    private NumberedProperties() {
    }

    /** One numbered entry's values: those of keys that begin with {@code prefix} ("share.1."). */
    public record Entry(Properties properties, String prefix) {

        public String required(String name) throws InvalidInputException {
            return optional(name).orElseThrow(() -> new InvalidInputException(prefix + name + " is missing"));
        }

        public Optional<String> optional(String name) {
            return Optional.ofNullable(properties.getProperty(prefix + name)).map(String::strip).filter(value -> !value.isEmpty());
        }

        /** The entries numbered under this one ("share.1.sync.1.", ...), as {@link NumberedProperties#entries} finds them. */
        public List<Entry> entries(String kind, String key) {
            return NumberedProperties.entries(properties, prefix + kind, key);
        }
    }

    /** The entries {@code KIND.1.}, {@code KIND.2.} and on, as long as the next one has {@code key}. */
    public static List<Entry> entries(Properties properties, String kind, String key) {
        List<Entry> entries = new ArrayList<>();
        for (int i = 1; properties.containsKey(kind + "." + i + "." + key); i++) {
            entries.add(new Entry(properties, kind + "." + i + "."));
        }
        return entries;
    }

    /** Writes {@code properties} into {@code file}, under {@code comment}. */
    public static void write(Path file, String comment, Properties properties) throws IOException {
        StringWriter text = new StringWriter();
        properties.store(text, comment);
        String firstComment = "#" + comment.lines().findFirst().orElse("");
        String kept = text.toString().lines().filter(line -> !line.startsWith("#") || line.equals(firstComment))
                .sorted(NumberedProperties::inOrder).collect(Collectors.joining("\n", "", "\n"));
        Files.writeString(file, kept, StandardCharsets.UTF_8);
    }

    /** What {@code file} holds; a malformed escape is named as an {@link IOException}. */
    public static Properties read(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + " is damaged: " + e.getMessage(), e);
        }
        return properties;
    }

    /** The comment first, then by entry and number ("share.2" before "share.10"), so that the file reads as a list. */
    private static int inOrder(String one, String other) {
        return key(one).compareTo(key(other));
    }

    private static String key(String line) {
        if (line.startsWith("#")) {
            return "";
        }
        StringBuilder key = new StringBuilder();
        for (String part : line.split("=", 2)[0].split("\\.")) {
            boolean number = !part.isEmpty() && part.length() <= 9 && part.chars().allMatch(Character::isDigit);
            key.append(number ? String.format(Locale.ROOT, "%09d", Integer.parseInt(part)) : part).append('.');
        }
        return key.toString();
    }
}
