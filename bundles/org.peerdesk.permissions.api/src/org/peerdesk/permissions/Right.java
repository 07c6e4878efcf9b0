package org.peerdesk.permissions;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.peerdesk.core.InvalidInputException;

/** What a grant lets a peer do with a resource. */
public enum Right {
    READ("read"),
    WRITE("write"),
    MESSAGE("message"),
    STORE_BACKUP("store-backup");

    private final String word;

    Right(String word) {
        this.word = word;
    }

    /** The right as users and the wire write it: {@code read}, {@code store-backup}. */
    public String word() {
        return word;
    }

    public static Right parse(String text) throws InvalidInputException {
        String wanted = text.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(right -> right.word.equals(wanted)).findFirst()
                .orElseThrow(() -> new InvalidInputException("'" + text + "' is not a right; the rights are "
                        + Arrays.stream(values()).map(Right::word).collect(Collectors.joining(", ")) + "."));
    }

    /** Rights written as a comma-separated list: {@code read,write}. */
    public static Set<Right> parseAll(String text) throws InvalidInputException {
        Set<Right> rights = EnumSet.noneOf(Right.class);
        for (String word : text.split(",")) {
            if (!word.isBlank()) {
                rights.add(parse(word));
            }
        }
        if (rights.isEmpty()) {
            throw new InvalidInputException("Name at least one right: read, write, message or store-backup.");
        }
        return rights;
    }

    public static String format(Set<Right> rights) {
        return rights.stream().sorted().map(Right::word).collect(Collectors.joining(","));
    }
}
