package org.peerdesk.backup.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.peerdesk.backup.BackupException;
import org.peerdesk.backup.BackupService;

/**
 * A vault secret as 24 words: 256 bits of secret and 8 bits of checksum, 11 bits a word. The 2,048
 * words are made of two syllables ({@code bado}, {@code kelo}, ...): easy to say, to write down and
 * to type, and no two alike. A mistyped word or two swapped words fail the checksum with a clear
 * message instead of recovering a wrong vault.
 */
final class RecoveryPhrase {

    static final int WORDS = BackupService.RECOVERY_PHRASE_WORDS;
    private static final String CONSONANTS = "bdfghjklmnprstvz";
    private static final String FIRST_VOWELS = "aeio";
    private static final String LAST_VOWELS = "ao";
    private static final List<String> LIST = wordList();
    private static final Map<String, Integer> INDEX = index();

    private RecoveryPhrase() {
    }

    static String encode(byte[] secret) {
        byte[] bits = new byte[VaultKeys.SECRET_BYTES + 1];
        System.arraycopy(secret, 0, bits, 0, VaultKeys.SECRET_BYTES);
        bits[VaultKeys.SECRET_BYTES] = checksum(secret);
        List<String> words = new ArrayList<>(WORDS);
        for (int word = 0; word < WORDS; word++) {
            words.add(LIST.get(read11(bits, word * 11)));
        }
        return String.join(" ", words);
    }

    /** The secret the phrase holds. */
    static byte[] decode(String phrase) throws BackupException {
        String[] words = phrase.strip().toLowerCase(Locale.ROOT).split("[\\s,.;:-]+");
        if (words.length != WORDS || words[0].isEmpty()) {
            throw new BackupException("A recovery phrase has " + WORDS + " words; this one has "
                    + (words[0].isEmpty() ? 0 : words.length) + ".");
        }
        byte[] bits = new byte[VaultKeys.SECRET_BYTES + 1];
        for (int i = 0; i < WORDS; i++) {
            Integer value = INDEX.get(words[i]);
            if (value == null) {
                throw new BackupException("Word " + (i + 1) + ", '" + words[i] + "', is not a recovery word. Check it against what you wrote down.");
            }
            write11(bits, i * 11, value);
        }
        byte[] secret = java.util.Arrays.copyOf(bits, VaultKeys.SECRET_BYTES);
        if (checksum(secret) != bits[VaultKeys.SECRET_BYTES]) {
            throw new BackupException("These words are not a recovery phrase: one is wrong or two are swapped.");
        }
        return secret;
    }

    private static byte checksum(byte[] secret) {
        return VaultKeys.sha256(secret)[0];
    }

    private static int read11(byte[] bits, int from) {
        int value = 0;
        for (int i = 0; i < 11; i++) {
            int bit = from + i;
            value = value << 1 | (bits[bit >> 3] >> (7 - (bit & 7))) & 1;
        }
        return value;
    }

    private static void write11(byte[] bits, int from, int value) {
        for (int i = 0; i < 11; i++) {
            int bit = from + i;
            if ((value >> (10 - i) & 1) != 0) {
                bits[bit >> 3] |= (byte) (1 << (7 - (bit & 7)));
            }
        }
    }

    private static List<String> wordList() {
        List<String> words = new ArrayList<>(2048);
        for (char first : CONSONANTS.toCharArray()) {
            for (char vowel : FIRST_VOWELS.toCharArray()) {
                for (char second : CONSONANTS.toCharArray()) {
                    for (char last : LAST_VOWELS.toCharArray()) {
                        words.add("" + first + vowel + second + last);
                    }
                }
            }
        }
        return List.copyOf(words);
    }

    private static Map<String, Integer> index() {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < LIST.size(); i++) {
            index.put(LIST.get(i), i);
        }
        return Map.copyOf(index);
    }
}
