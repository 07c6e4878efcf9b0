package org.peerdesk.files.ui;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.peerdesk.core.ByteSizes;
import org.peerdesk.core.Counts;
import org.peerdesk.core.PeerId;
import org.peerdesk.files.FileEntry;
import org.peerdesk.files.RemoteMatches;
import org.peerdesk.ui.Icons;

/** A row of the Remote browser's tree: a peer, a share, folder or file of it, one a search found, a page still to read, or a note. */
sealed interface RemoteItem {

    DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    String name();

    default String size() {
        return "";
    }

    default String modified() {
        return "";
    }

    /** The picture beside its name; none for rows that are not a thing on a peer. */
    default Icons icon() {
        return null;
    }

    /** Whether it has rows below it, read from the peer when it is first opened. */
    default boolean opens() {
        return false;
    }

    /** A connected peer; the same row whatever it is called now. */
    record Peer(PeerId id, String displayName) implements RemoteItem {

        @Override
        public String name() {
            return displayName + " (" + id.shortForm() + ")";
        }

        @Override
        public Icons icon() {
            return Icons.PEER;
        }

        @Override
        public boolean opens() {
            return true;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Peer peer && peer.id.equals(id);
        }

        @Override
        public int hashCode() {
            return id.hashCode();
        }
    }

    /** A share ({@code path} without a slash), or a folder or file in one ({@code share/path}). */
    record Entry(PeerId peer, String path, boolean folder, long bytes, Instant changed) implements RemoteItem {

        static Entry share(PeerId peer, String name) {
            return new Entry(peer, name, true, 0, Instant.EPOCH);
        }

        static Entry in(PeerId peer, String folder, FileEntry entry) {
            return new Entry(peer, folder + "/" + entry.name(), entry.directory(), entry.size(), entry.modified());
        }

        boolean isShare() {
            return path.indexOf('/') < 0;
        }

        /** The folder that holds it: itself, for a folder. */
        String folderPath() {
            return folder ? path : path.substring(0, path.lastIndexOf('/'));
        }

        @Override
        public String name() {
            return path.substring(path.lastIndexOf('/') + 1);
        }

        @Override
        public String size() {
            return folder ? "" : ByteSizes.format(bytes);
        }

        @Override
        public String modified() {
            return isShare() ? "" : WHEN.format(changed);
        }

        @Override
        public boolean opens() {
            return folder;
        }

        @Override
        public Icons icon() {
            return isShare() ? Icons.SHARE : folder ? Icons.FOLDER : Icons.FILE;
        }
    }

    /** A file or folder that a search found, named by where it is and on which peer. */
    record Found(Entry entry, String peerName) implements RemoteItem {

        static Found of(Peer peer, RemoteMatches.Match match) {
            FileEntry found = match.entry();
            return new Found(new Entry(peer.id(), match.location(), found.directory(), found.size(), found.modified()), peer.displayName());
        }

        @Override
        public String name() {
            return entry.path() + (entry.folder() ? "/" : "") + "  (" + peerName + ")";
        }

        @Override
        public String size() {
            return entry.size();
        }

        @Override
        public String modified() {
            return entry.modified();
        }

        @Override
        public Icons icon() {
            return entry.icon();
        }
    }

    /** The rest of a long folder, from the entry after {@code after}: read when the user asks for it. */
    record More(Entry folder, String after, int shown) implements RemoteItem {

        @Override
        public String name() {
            return "Show more (" + Counts.of(shown, "entry", "entries") + " so far): double-click";
        }
    }

    /** In place of a peer's shares when it gives this node none: double-clicked, it asks the peer for access. */
    record Unshared(Peer peer) implements RemoteItem {

        @Override
        public String name() {
            return "Shares nothing with you yet: double-click here to ask for access, or to give a password.";
        }
    }

    /** A line of text in place of the rows below {@code under} (null: at the top): reading, empty, or why they cannot be read. */
    record Note(RemoteItem under, String text) implements RemoteItem {

        @Override
        public String name() {
            return text;
        }
    }
}
