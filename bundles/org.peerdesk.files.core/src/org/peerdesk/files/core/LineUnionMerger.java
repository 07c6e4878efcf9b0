package org.peerdesk.files.core;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.peerdesk.core.TextDiff;
import org.peerdesk.files.ConflictMerger;
import org.peerdesk.files.FilesException;

/**
 * The merger that comes with Peerdesk, for any text: every line of both versions, each once where they share it, in
 * their order (git's "union" merge). Right for what both sides only added to (a list, a log, notes); where one side
 * changed or removed a line, both its old and new lines stay, for the user to tidy, which Compare shows beforehand.
 */
final class LineUnionMerger implements ConflictMerger {

    static final String LABEL = "Keep the lines of both";

    @Override
    public String label() {
        return LABEL;
    }

    @Override
    public boolean merges(String path) {
        return true; // whether it is text shows only in its content
    }

    @Override
    public byte[] merge(String path, byte[] original, byte[] copy) throws FilesException {
        String mine = ConflictTexts.text(original, path);
        String theirs = ConflictTexts.text(copy, path);
        List<String> lines = TextDiff.of(mine.lines().toList(), theirs.lines().toList(), ConflictTexts.MAX_CHANGED_LINES)
                .orElseThrow(() -> new FilesException("'" + path + "' and its kept copy differ in more than " + ConflictTexts.MAX_CHANGED_LINES
                        + " lines, too many to merge line by line; open both and choose."))
                .union();
        String newline = mine.contains("\r\n") ? "\r\n" : "\n";
        boolean endsWithNewline = mine.isEmpty() ? theirs.endsWith("\n") : mine.endsWith("\n");
        return (String.join(newline, lines) + (endsWithNewline && !lines.isEmpty() ? newline : "")).getBytes(StandardCharsets.UTF_8);
    }
}
