package org.peerdesk.node.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Times as written on the command line: 2026-12-31T18:00:00Z, or a span from now such as 30m, 12h, 7d, 2w. */
final class Times {

    private static final Pattern SPAN = Pattern.compile("([0-9]{1,6})([smhdw])");

    private Times() {
    }

    /** The time, a span counting forward from now: {@code --expires 7d}. */
    static Instant ahead(String text) throws Cli.ApiFailure {
        return parse(text, 1);
    }

    /** The time, a span counting back from now: {@code --since 2h}. */
    static Instant ago(String text) throws Cli.ApiFailure {
        return parse(text, -1);
    }

    /** A span alone, such as {@code --every 6h}. */
    static Duration duration(String text) throws Cli.ApiFailure {
        Matcher span = SPAN.matcher(text.strip());
        if (!span.matches()) {
            throw new Cli.ApiFailure("'" + text + "' is not a span like 30m, 6h, 1d or 2w");
        }
        long amount = Long.parseLong(span.group(1));
        return switch (span.group(2)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            default -> Duration.ofDays(7 * amount);
        };
    }

    private static Instant parse(String text, int direction) throws Cli.ApiFailure {
        if (SPAN.matcher(text.strip()).matches()) {
            return Instant.now().plus(duration(text).multipliedBy(direction)).truncatedTo(ChronoUnit.SECONDS);
        }
        try {
            return Instant.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new Cli.ApiFailure("'" + text + "' is neither a time like 2026-12-31T18:00:00Z nor a span like 7d");
        }
    }
}
