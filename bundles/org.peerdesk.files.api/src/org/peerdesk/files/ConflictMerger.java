package org.peerdesk.files;

/**
 * Merges the two versions of a file that changed on both sides of a sync (a {@link Conflict}) into one. File sharing
 * offers a merge beside keeping one version or both, made by the first merger that takes the file: those registered
 * as OSGi services (a plugin's, for the kinds of file it understands: a spreadsheet's rows, a calendar's events), then
 * the one that comes with Peerdesk, which keeps every line of both versions of a text. A merger only computes: file
 * sharing reads both versions, and writes what it answers in the original's place, the two versions going to the
 * share's trash.
 */
public interface ConflictMerger {

    /** What the user picks to have it merge, as a button or a command says it: "Keep the lines of both". */
    String label();

    /** Whether it merges the file at {@code path} (its path in the share, such as {@code notes/todo.txt}). */
    boolean merges(String path);

    /**
     * The two versions merged into one.
     *
     * @param original the content under the file's own name
     * @param copy     the content of the kept copy, the other side's version
     * @throws FilesException when these two cannot be merged, saying why; nothing is changed then
     */
    byte[] merge(String path, byte[] original, byte[] copy) throws FilesException;
}
