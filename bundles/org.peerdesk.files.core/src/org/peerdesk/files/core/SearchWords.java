package org.peerdesk.files.core;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.peerdesk.core.InvalidInputException;
import org.peerdesk.files.RemoteFiles;

/** The words of a search for files by name: what the asker typed, in lower case, checked against the limits. */
final class SearchWords {

    private SearchWords() {
    }

    static List<String> of(String text) throws InvalidInputException {
        if (text.length() > RemoteFiles.MAX_SEARCH_CHARS) {
            throw new InvalidInputException("Search for at most " + RemoteFiles.MAX_SEARCH_CHARS + " characters, not " + text.length() + ".");
        }
        List<String> words = Arrays.stream(text.strip().toLowerCase(Locale.ROOT).split("\\s+")).filter(word -> !word.isEmpty())
                .distinct().toList();
        if (words.isEmpty()) {
            throw new InvalidInputException("Say what to search for: a word of the names you are looking for.");
        }
        if (words.size() > RemoteFiles.MAX_SEARCH_WORDS) {
            throw new InvalidInputException("Search for at most " + RemoteFiles.MAX_SEARCH_WORDS + " words, not " + words.size() + ".");
        }
        if (words.stream().anyMatch(word -> word.chars().anyMatch(Character::isISOControl))) {
            throw new InvalidInputException("A search cannot hold control characters.");
        }
        return words;
    }
}
