package org.peerdesk.transport;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.peerdesk.core.InvalidInputException;

/**
 * The hours of each day in which the {@link RateLimits} hold, in the node's local time, {@code from}
 * included and {@code until} not; they may run past midnight (22:00 to 07:00).
 */
public record LimitHours(LocalTime from, LocalTime until) {

    private static final DateTimeFormatter HOURS = DateTimeFormatter.ofPattern("HH:mm");
    private static final Pattern WRITTEN = Pattern.compile("([0-9]{2}:[0-9]{2})\\s*-\\s*([0-9]{2}:[0-9]{2})");

    public LimitHours {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(until, "until");
        if (from.equals(until)) {
            throw new IllegalArgumentException("The limit hours start and end at the same time, " + from);
        }
    }

    /** Hours as a person writes them: {@code 08:00-18:00}. */
    public static LimitHours parse(String text) throws InvalidInputException {
        String notHours = "'" + text.strip() + "' are not hours like 08:00-18:00";
        Matcher written = WRITTEN.matcher(text.strip());
        if (!written.matches()) {
            throw new InvalidInputException(notHours);
        }
        try {
            return new LimitHours(LocalTime.parse(written.group(1)), LocalTime.parse(written.group(2)));
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(notHours, e);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
    }

    /** Whether the limits hold at {@code time}. */
    public boolean include(LocalTime time) {
        return from.isBefore(until) ? !time.isBefore(from) && time.isBefore(until) : !time.isBefore(from) || time.isBefore(until);
    }

    @Override
    public String toString() {
        return HOURS.format(from) + "-" + HOURS.format(until);
    }
}
