package org.peerdesk.files.core;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.peerdesk.core.InvalidInputException;
import org.peerdesk.files.FileEntry;
import org.peerdesk.transport.Stream;

/** The asking side of {@value FilesWire#PROTOCOL} on one stream: requests go one after another. */
final class FilesClient implements AutoCloseable {

    /** One page of an answer and whether more follow. */
    record Page<T>(List<T> items, boolean more) {
    }

    private final Stream stream;
    private final DataInputStream in;
    private final DataOutputStream out;
    private volatile boolean broken;

    FilesClient(Stream stream) {
        this.stream = stream;
        this.in = new DataInputStream(stream.input());
        this.out = new DataOutputStream(new BufferedOutputStream(stream.output(), 8192));
    }

    List<String> shares() throws IOException, InvalidInputException {
        FilesWire.writeRequest(out, new FilesWire.Request(FilesWire.SHARES, "", "", "", 0, 0, 0, 0));
        FilesWire.readStatus(in);
        int count = count(FilesWire.MAX_PAGE);
        List<String> names = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            names.add(in.readUTF());
        }
        return names;
    }

    Page<FileEntry> list(String share, String folder, String after, int limit) throws IOException, InvalidInputException {
        FilesWire.writeRequest(out, new FilesWire.Request(FilesWire.LIST, share, folder, after, limit, 0, 0, 0));
        FilesWire.readStatus(in);
        int count = count(limit);
        List<FileEntry> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            entries.add(FilesWire.readEntry(in, folder));
        }
        return new Page<>(entries, in.readBoolean());
    }

    Page<Manifest> manifests(String share, String path, String after, int limit) throws IOException, InvalidInputException {
        FilesWire.writeRequest(out, new FilesWire.Request(FilesWire.MANIFESTS, share, path, after, limit, 0, 0, 0));
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

    /** Asks for a range of blocks; false if the file changed at the peer (then no blocks follow). */
    boolean requestBlocks(String share, Manifest manifest, int first, int count) throws IOException, InvalidInputException {
        FilesWire.writeRequest(out, new FilesWire.Request(FilesWire.BLOCKS, share, manifest.entry().path(), "", 0,
                manifest.blockSize(), first, count));
        return FilesWire.readStatus(in) == FilesWire.OK;
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
