package org.peerdesk.examples.notes;

/**
 * The one change that turns a text into another: the {@code removed} characters at {@code start} replaced by
 * {@code inserted}, all that lies before and after kept. An editor that takes what others typed this way changes only
 * what they changed, so that the user's place and selection stay.
 */
record TextChange(int start, int removed, String inserted) {

    static TextChange between(String before, String after) {
        int most = Math.min(before.length(), after.length());
        int prefix = 0;
        while (prefix < most && before.charAt(prefix) == after.charAt(prefix)) {
            prefix++;
        }
        if (prefix > 0 && prefix < most && Character.isLowSurrogate(before.charAt(prefix))) {
            prefix--; // a character of two chars is changed whole
        }
        int suffix = 0;
        while (suffix < most - prefix && before.charAt(before.length() - 1 - suffix) == after.charAt(after.length() - 1 - suffix)) {
            suffix++;
        }
        if (suffix > 0 && suffix < most - prefix && Character.isHighSurrogate(before.charAt(before.length() - suffix - 1))) {
            suffix--;
        }
        return new TextChange(prefix, before.length() - suffix - prefix, after.substring(prefix, after.length() - suffix));
    }

    boolean none() {
        return removed == 0 && inserted.isEmpty();
    }
}
