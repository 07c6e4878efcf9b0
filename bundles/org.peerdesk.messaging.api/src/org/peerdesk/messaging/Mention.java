package org.peerdesk.messaging;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;

import org.peerdesk.core.PeerId;

/**
 * Where a text names a member with "@": {@code text.substring(start, end)} is the "@" and the name. A mention is the
 * whole name ("@Ben's desktop"), or a word of it ("@ben", "@office" for "root on vm (office)"), any case, and it begins
 * where a word could ("ana@example.org" mentions no one). "@everyone" and "@all" mention every member, unless a
 * member is called so.
 */
public record Mention(PeerId peer, int start, int end) {

    /** The words that mention every member of a conversation. */
    public static final Set<String> EVERYONE = Set.of("everyone", "all");
    /** The most characters after an "@" that {@link #typing} takes for a mention being typed: a long name's. */
    public static final int LONGEST_TYPED = 100;

    public Mention {
        Objects.requireNonNull(peer, "peer");
    }

    /**
     * The mentions of {@code names}' peers in {@code text}, in the order they come. At each "@", the longest name that
     * follows wins; where no whole name follows, the word that follows mentions every peer with that word in its name
     * (two members named "Ana ..." are both mentioned by "@ana").
     */
    public static List<Mention> in(String text, Map<PeerId, String> names) {
        List<Mention> mentions = new ArrayList<>();
        for (int at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
            if (at > 0 && isWordChar(text.charAt(at - 1))) {
                continue;
            }
            mentions.addAll(at(text, at, names));
        }
        return mentions;
    }

    /** The peers {@code text} mentions, each once, in the order first mentioned. */
    public static List<PeerId> peersIn(String text, Map<PeerId, String> names) {
        if (text.indexOf('@') < 0) {
            return List.of();
        }
        Set<PeerId> peers = new LinkedHashSet<>();
        in(text, names).forEach(mention -> peers.add(mention.peer()));
        return List.copyOf(peers);
    }

    /**
     * Where a mention is being typed at {@code caret} of {@code text}: the index of its "@", when the text before the
     * caret is an "@" where a word could begin and at most {@value #LONGEST_TYPED} characters after it on the same line.
     */
    public static OptionalInt typing(String text, int caret) {
        for (int at = caret - 1; at >= 0 && caret - at <= LONGEST_TYPED + 1; at--) {
            char c = text.charAt(at);
            if (c == '\n') {
                break;
            }
            if (c == '@' && (at == 0 || !isWordChar(text.charAt(at - 1)))) {
                return OptionalInt.of(at);
            }
        }
        return OptionalInt.empty();
    }

    /**
     * The names a mention typed so far ({@code typed}, after the "@") can become: those of {@code names} with a word that
     * begins so, any case (all of them for nothing typed yet), each once, in the order people sort them.
     */
    public static List<String> completing(String typed, Map<PeerId, String> names) {
        return names.values().stream().distinct().filter(name -> hasWordStarting(name, typed))
                .sorted(String.CASE_INSENSITIVE_ORDER).toList();
    }

    private static boolean hasWordStarting(String name, String typed) {
        for (int from = 0; from + typed.length() <= name.length(); from++) {
            if ((from == 0 || !isWordChar(name.charAt(from - 1))) && name.regionMatches(true, from, typed, 0, typed.length())) {
                return true;
            }
        }
        return false;
    }

    private static List<Mention> at(String text, int at, Map<PeerId, String> names) {
        int from = at + 1;
        int longest = 0;
        List<PeerId> named = new ArrayList<>();
        for (Map.Entry<PeerId, String> each : names.entrySet()) {
            String name = each.getValue();
            if (name.length() >= longest && text.regionMatches(true, from, name, 0, name.length()) && endsWord(text, from + name.length())) {
                if (name.length() > longest) {
                    named.clear();
                    longest = name.length();
                }
                named.add(each.getKey());
            }
        }
        if (named.isEmpty()) {
            int end = from;
            while (end < text.length() && isWordChar(text.charAt(end))) {
                end++;
            }
            String word = text.substring(from, end);
            if (word.isEmpty()) {
                return List.of();
            }
            longest = word.length();
            boolean everyone = EVERYONE.contains(word.toLowerCase(Locale.ROOT));
            for (Map.Entry<PeerId, String> each : names.entrySet()) {
                String name = each.getValue();
                if (everyone || holdsWord(name, word)) {
                    named.add(each.getKey());
                }
            }
        }
        int end = from + longest;
        return named.stream().sorted().map(peer -> new Mention(peer, at, end)).toList();
    }

    /** Whether {@code word} is a whole word of {@code name}, any case. */
    private static boolean holdsWord(String name, String word) {
        for (int from = 0; from + word.length() <= name.length(); from++) {
            if ((from == 0 || !isWordChar(name.charAt(from - 1))) && name.regionMatches(true, from, word, 0, word.length())
                    && endsWord(name, from + word.length())) {
                return true;
            }
        }
        return false;
    }

    /** Whether a word ends before {@code index} of {@code text}: the text ends there, or no letter or digit comes next. */
    private static boolean endsWord(String text, int index) {
        return index >= text.length() || !isWordChar(text.charAt(index));
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
