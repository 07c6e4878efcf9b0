package org.peerdesk.files.core;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.peerdesk.core.InvalidInputException;
import org.peerdesk.files.FileEntry;
import org.peerdesk.files.RemoteMatches;
import org.peerdesk.transport.Stream;

/**
 * The asking side of {@value FilesWire#PROTOCOL} on one stream: requests go one after another, and
 * the peer answers them in order. Requests for small files' blocks may be sent ahead of their turn.
 */
final class FilesClient implements AutoCloseable {

    /** One page of an answer and whether more follow. */
    record Page<T>(List<T> items, boolean more) {
    }

    /**
     * What a peer's index of a share says changed after a sequence number: the index's ID, its last
     * sequence number as the listing's last page was read (the peer commits its index writes in the
     * order of their numbers, so every change up to it was listed, whichever pages a path moved across
     * meanwhile), the file now at each changed path (a null value where there is none), and which of
     * those files the peer's ignore rules came to leave out (not to be asked for, nor taken for deleted).
     */
    record IndexChanges(String index, long last, Map<String, Manifest> files, Set<String> leftOut) {
    }

    /** Share IDs are 16 characters; the database keeps up to 32 of the peer's. */
    private static final int MAX_INDEX_ID = 32;

    /** A block request sent ahead, for all of a file's blocks. */
    private record Ahead(FilesWire.Request request, Manifest file) {
    }

    private final Stream stream;
    private final DataInputStream in;
    private final DataOutputStream out;
    /** Requests sent ahead whose answers were not read yet, oldest first. */
    private final Deque<Ahead> ahead = new ArrayDeque<>();
    private volatile boolean broken;

    FilesClient(Stream stream) {
        this.stream = stream;
        this.in = new DataInputStream(stream.input());
        this.out = new DataOutputStream(new BufferedOutputStream(stream.output(), 8192));
    }

    List<String> shares() throws IOException, InvalidInputException {
        dropAhead(null);
        FilesWire.writeRequest(out, new FilesWire.Request(FilesWire.SHARES, "", "", "", 0, 0, 0, 0, 0));
        FilesWire.readStatus(in);
        int count = count(FilesWire.MAX_PAGE);
        List<String> names = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            names.add(in.readUTF());
        }
        return names;
    }

    Page<FileEntry> list(String share, String folder, String after, int limit) throws IOException, InvalidInputException {
        dropAhead(null);
        FilesWire.writeRequest(out, new FilesWire.Request(FilesWire.LIST, share, folder, after, limit, 0, 0, 0, 0));
        FilesWire.readStatus(in);
        int count = count(limit);
        List<FileEntry> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            entries.add(FilesWire.readEntry(in, folder));
        }
        return new Page<>(entries, in.readBoolean());
    }

    Page<RemoteMatches.Match> find(List<String> words, int limit) throws IOException, InvalidInputException {
        dropAhead(null);
        FilesWire.writeRequest(out, FilesWire.Request.find(words, limit));
        FilesWire.readStatus(in);
        int count = count(limit);
        List<RemoteMatches.Match> matches = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            matches.add(FilesWire.readMatch(in));
        }
        return new Page<>(matches, in.readBoolean());
    }

    Page<Manifest> manifests(String share, String path, String after, int limit) throws IOException, InvalidInputException {
        dropAhead(null);
        FilesWire.writeRequest(out, new FilesWire.Request(FilesWire.MANIFESTS, share, path, after, limit, 0, 0, 0, 0));
        FilesWire.readStatus(in);
        int count = count(limit);
        List<Manifest> manifests = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            manifests.add(FilesWire.readManifest(in));
        }
        return new Page<>(manifests, in.readBoolean());
    }

    /**
     * Every file at or under {@code path} in the peer's share ("" for all of it), page after page; a
     * file the peer names outside that path is refused.
     */
    List<Manifest> allManifests(String share, String path) throws IOException, InvalidInputException {
        List<Manifest> files = new ArrayList<>();
        String after = "";
        Page<Manifest> page;
        do {
            page = manifests(share, path, after, FilesWire.MAX_MANIFEST_PAGE);
            for (Manifest manifest : page.items()) {
                String found = manifest.entry().path();
                if (!path.isEmpty() && !found.equals(path) && !found.startsWith(path + "/")) {
                    throw new InvalidInputException("the peer sent '" + found + "', which is outside '" + share + "/" + path + "'");
                }
                files.add(manifest);
                after = found;
            }
        } while (page.more() && !page.items().isEmpty());
        return files;
    }

    /**
     * Every change in the peer's index of {@code share} after sequence {@code since} (from 0: its live
     * files), page after page. Sequence numbers that do not rise, or an index replaced between two
     * pages, are refused.
     */
    IndexChanges changesSince(String share, long since) throws IOException, InvalidInputException {
        dropAhead(null);
        Map<String, Manifest> files = new HashMap<>();
        Set<String> leftOut = new HashSet<>();
        String index = null;
        long after = since;
        long last;
        boolean more;
        do {
            FilesWire.writeRequest(out, new FilesWire.Request(FilesWire.CHANGES, share, "", "", FilesWire.MAX_MANIFEST_PAGE, 0, 0, 0, after));
            FilesWire.readStatus(in);
            String pageIndex = in.readUTF();
            if (pageIndex.isEmpty() || pageIndex.length() > MAX_INDEX_ID) {
                throw new InvalidInputException("The peer named its index with " + pageIndex.length() + " characters.");
            }
            if (index != null && !index.equals(pageIndex)) {
                throw new IOException("The peer's index of '" + share + "' was replaced while it was being read.");
            }
            index = pageIndex;
            last = in.readLong();
            if (last < 0) {
                throw new InvalidInputException("The peer gave its last change as " + last + ".");
            }
            int count = count(FilesWire.MAX_MANIFEST_PAGE);
            for (int i = 0; i < count; i++) {
                FilesWire.IndexChange change = FilesWire.readChange(in);
                if (change.sequence() <= after) {
                    throw new InvalidInputException("The peer listed change " + change.sequence() + " after " + after + ".");
                }
                after = change.sequence();
                files.put(change.path(), change.file());
                if (change.leftOut()) {
                    leftOut.add(change.path());
                } else {
                    leftOut.remove(change.path());
                }
            }
            more = in.readBoolean();
            if (more && count == 0) {
                throw new InvalidInputException("The peer said more changes follow but listed none.");
            }
        } while (more);
        return new IndexChanges(index, last, files, leftOut);
    }

    /**
     * The versions of {@code paths} that the peer last agreed on with this node in a two-way sync of
     * {@code share}, for the paths where it has one. A version for a path not asked about is refused.
     */
    Map<String, byte[]> bases(String share, Collection<String> paths) throws IOException, InvalidInputException {
        dropAhead(null);
        Map<String, byte[]> bases = new HashMap<>();
        List<String> all = List.copyOf(paths);
        for (int from = 0; from < all.size(); from += FilesWire.MAX_PAGE) {
            List<String> asked = all.subList(from, Math.min(all.size(), from + FilesWire.MAX_PAGE));
            FilesWire.writeRequest(out, FilesWire.Request.bases(share, asked));
            FilesWire.readStatus(in);
            int count = count(asked.size());
            Set<String> askedSet = Set.copyOf(asked);
            for (int i = 0; i < count; i++) {
                String path = in.readUTF();
                byte[] version = in.readNBytes(Manifest.HASH_BYTES);
                if (!askedSet.contains(path)) {
                    throw new InvalidInputException("The peer gave a base for '" + path + "', which was not asked about.");
                }
                if (version.length != Manifest.HASH_BYTES) {
                    throw new IOException("The peer closed the stream in the middle of a base.");
                }
                bases.put(path, version);
            }
        }
        return bases;
    }

    /** Asks for a range of blocks; false if the file changed at the peer (then no blocks follow). */
    boolean requestBlocks(String share, Manifest manifest, int first, int count) throws IOException, InvalidInputException {
        FilesWire.Request request = blocks(share, manifest, first, count);
        if (!dropAhead(request)) {
            FilesWire.writeRequest(out, request);
        }
        return FilesWire.readStatus(in) == FilesWire.OK;
    }

    /**
     * Sends the requests for these files' blocks (all of each) at once, before they are asked for: the
     * peer answers them back to back, and {@link #requestBlocks} then finds each answer arriving or
     * already here, instead of a round trip per file. Answers nobody asks for are read and dropped.
     */
    void requestAhead(String share, List<Manifest> files) throws IOException {
        for (Manifest file : files) {
            FilesWire.Request request = blocks(share, file, 0, file.blocks());
            FilesWire.encodeRequest(out, request);
            ahead.add(new Ahead(request, file));
        }
        out.flush();
    }

    private static FilesWire.Request blocks(String share, Manifest manifest, int first, int count) {
        return new FilesWire.Request(FilesWire.BLOCKS, share, manifest.entry().path(), "", 0, manifest.blockSize(), first, count, 0);
    }

    /**
     * Reads and drops the answers to requests sent ahead, up to {@code wanted} (all of them if it was
     * not sent ahead); returns whether it was, and its answer is the next to read.
     */
    private boolean dropAhead(FilesWire.Request wanted) throws IOException {
        boolean sent = ahead.stream().anyMatch(each -> each.request().equals(wanted));
        while (!ahead.isEmpty()) {
            Ahead next = ahead.poll();
            if (sent && next.request().equals(wanted)) {
                return true;
            }
            dropAnswer(next.file());
        }
        return false;
    }

    /**
     * Reads an answer nobody asked for. Its blocks are checked against their hashes: a peer that
     * indexed another version of the file meanwhile may have sent blocks of other lengths, and the
     * stream would be out of step; then it ends here.
     */
    private void dropAnswer(Manifest file) throws IOException {
        try {
            if (FilesWire.readStatus(in) != FilesWire.OK) {
                return;
            }
        } catch (FilesWire.RemoteError refused) {
            return; // an error answer ends where its message does
        }
        MessageDigest digest = BlockHasher.sha256();
        byte[] block = new byte[file.blocks() == 0 ? 0 : file.length(0)];
        for (int i = 0; i < file.blocks(); i++) {
            in.readFully(block, 0, file.length(i));
            digest.update(block, 0, file.length(i));
            if (!file.matches(i, digest.digest())) {
                abort();
                throw new IOException("The peer changed '" + file.entry().path() + "' meanwhile, and its answers no longer line up"
                        + " with the requests; ask again on a new stream.");
            }
        }
    }

    /** Reads the next block of a requested range into {@code into}. */
    void readBlock(byte[] into, int length) throws IOException {
        in.readFully(into, 0, length);
    }

    /** Aborts the stream at once, from another thread too: a blocked read then fails. */
    void abort() {
        broken = true;
        stream.reset();
    }

    /** Whether the stream was aborted: it cannot carry another request. */
    boolean broken() {
        return broken;
    }

    private int count(int max) throws IOException, InvalidInputException {
        int count = in.readInt();
        if (count < 0 || count > max) {
            throw new InvalidInputException("The peer answered with " + count + " entries where at most " + max + " fit.");
        }
        return count;
    }

    @Override
    public void close() {
        stream.close();
    }
}
