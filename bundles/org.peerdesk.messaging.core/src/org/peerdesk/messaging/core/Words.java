package org.peerdesk.messaging.core;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/** Splits text into the words the search index holds: letters and digits, lower case, each once. */
final class Words {

    static final int MAX_WORD_CHARS = 64;
    static final int MAX_WORDS = 2000;

    private Words() {
    }

    static Set<String> of(String text) {
        Set<String> words = new LinkedHashSet<>();
        int start = -1;
        for (int i = 0; i <= text.length() && words.size() < MAX_WORDS; i++) {
            boolean wordChar = i < text.length() && Character.isLetterOrDigit(text.charAt(i));
            if (wordChar && start < 0) {
                start = i;
            } else if (!wordChar && start >= 0) {
                String word = text.substring(start, Math.min(i, start + MAX_WORD_CHARS)).toLowerCase(Locale.ROOT);
                words.add(word);
                start = -1;
            }
        }
        return words;
    }
}
