package org.peerdesk.files.core;

import java.util.Comparator;

import org.peerdesk.core.NameOrder;
import org.peerdesk.files.FileEntry;

/**
 * The order a folder is listed in, to the user and to peers: folders first, then files, each by {@link NameOrder};
 * entries whose names share a key by their names. A page of a listing starts after a mark ({@link FileEntry#pageMark}).
 */
final class ListOrder {

    static final Comparator<FileEntry> ENTRIES = Comparator.comparing((FileEntry entry) -> key(entry.name(), entry.directory()))
            .thenComparing(FileEntry::name);

    private ListOrder() {
    }

    /** Where an entry stands in its folder's listing, as text in plain order (what the index keeps). */
    static String key(String name, boolean folder) {
        return (folder ? "d" : "f") + NameOrder.key(name);
    }

    /** The entry a page mark names, by its key and name; the empty mark stands before every entry. */
    record Mark(String key, String name) {

        static Mark of(String after) {
            if (after.isEmpty()) {
                return new Mark("", "");
            }
            boolean folder = after.endsWith("/");
            String name = folder ? after.substring(0, after.length() - 1) : after;
            return new Mark(ListOrder.key(name, folder), name);
        }

        boolean isBefore(FileEntry entry) {
            int byKey = ListOrder.key(entry.name(), entry.directory()).compareTo(key);
            return byKey > 0 || byKey == 0 && entry.name().compareTo(name) > 0;
        }
    }
}
