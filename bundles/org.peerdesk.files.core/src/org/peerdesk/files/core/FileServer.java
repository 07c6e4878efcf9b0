package org.peerdesk.files.core;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

import org.peerdesk.core.IgnoreRules;
import org.peerdesk.core.InvalidInputException;
import org.peerdesk.core.PeerId;
import org.peerdesk.files.FileEntry;
import org.peerdesk.files.FilesException;
import org.peerdesk.files.RemoteMatches;
import org.peerdesk.permissions.AccessDeniedException;
import org.peerdesk.permissions.Grant;
import org.peerdesk.permissions.PermissionService;
import org.peerdesk.permissions.Resource;
import org.peerdesk.permissions.Right;
import org.peerdesk.storage.StorageException;
import org.peerdesk.transport.Stream;
import org.peerdesk.transport.spi.StreamLease;

/**
 * Serves this node's shares to peers over {@value FilesWire#PROTOCOL}. Every request is checked
 * against the peer's grants: a listing shows only what a grant reaches (and the folders on the way
 * to it), a file is served only under a grant that covers it, and only files in the index (never a
 * link, never an ignored file) are served at all. A revoked grant closes the stream mid-transfer.
 * The index keeps what the share's ignore rules came to leave out after it was indexed (so that a
 * peer in sync does not take it for deleted; only CHANGES, which sync reads, still tells of it, marked as
 * left out so that the peer does not ask for it either), so listings, searches and blocks check the rules
 * as they are now.
 */
final class FileServer {

    /** Told (with the share's ID) when a served file turned out changed on disk, so its share gets rescanned. */
    @FunctionalInterface
    interface ChangeSeen {
        void changed(String shareId);
    }

    private static final int SEND_BUFFER = 256 * 1024;

    private final ShareRegistry shares;
    private final PermissionService permissions;
    private final ChangeSeen changeSeen;
    /** Where the versions agreed with each sync peer are kept: a peer asks for its own (BASES), and its reads are noted. */
    private final SyncRows syncRows;
    /** Told, by the share's name, when a peer's read of its changes was noted: what the share's sync says changed. */
    private final SyncEngine.Listener readNoted;
    private final Clock clock;
    private final CurrentIgnoreRules ignoreRules = new CurrentIgnoreRules();

    FileServer(ShareRegistry shares, PermissionService permissions, ChangeSeen changeSeen, SyncRows syncRows, SyncEngine.Listener readNoted,
            Clock clock) {
        this.shares = shares;
        this.permissions = permissions;
        this.changeSeen = changeSeen;
        this.syncRows = syncRows;
        this.readNoted = readNoted;
        this.clock = clock;
    }

    void serve(Stream stream) throws IOException {
        DataInputStream in = new DataInputStream(stream.input());
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(stream.output(), SEND_BUFFER));
        byte[] buffer = new byte[SEND_BUFFER];
        while (true) {
            FilesWire.Request request;
            try {
                request = FilesWire.readRequest(in);
            } catch (InvalidInputException e) {
                FilesWire.writeError(out, "Malformed request: " + e.getMessage());
                return; // the rest of the stream cannot be trusted to line up
            }
            if (request == null) {
                return;
            }
            try {
                answer(stream, request, out, buffer);
            } catch (AccessDeniedException e) {
                FilesWire.writeNotGranted(out, request.share() + pathSuffix(request.path()));
            } catch (FilesException | InvalidInputException | StorageException e) {
                FilesWire.writeError(out, e.getMessage());
            }
            if (in.available() == 0) {
                out.flush(); // an asker that sent requests ahead gets their answers together
            }
        }
    }

    private void answer(Stream stream, FilesWire.Request request, DataOutputStream out, byte[] buffer)
            throws IOException, FilesException, InvalidInputException, StorageException, AccessDeniedException {
        PeerId peer = stream.peer();
        if (request.op() == FilesWire.SHARES) {
            List<String> visible = visibleShares(peer);
            out.writeByte(FilesWire.OK);
            out.writeInt(visible.size());
            for (String name : visible) {
                out.writeUTF(name);
            }
            return;
        }
        if (request.op() == FilesWire.FIND) {
            find(peer, request, out);
            return;
        }
        ShareRegistry.ShareRoot root = shares.root(request.share())
                .orElseThrow(() -> new FilesException("There is no share called '" + request.share() + "' here."));
        Resource resource = Resource.parse(root.name() + pathSuffix(request.path()));
        switch (request.op()) {
            case FilesWire.LIST -> list(peer, root, resource, request, out);
            case FilesWire.MANIFESTS -> withLease(stream, peer, resource, () -> manifests(root, request, out));
            case FilesWire.BLOCKS -> withLease(stream, peer, resource, () -> blocks(root, request, out, buffer));
            case FilesWire.CHANGES -> withLease(stream, peer, resource, () -> changes(root, peer, request, out));
            case FilesWire.BASES -> withLease(stream, peer, resource, () -> bases(root, peer, request, out));
            default -> throw new InvalidInputException("Unknown request.");
        }
    }

    private interface Work {
        void run() throws IOException, FilesException, InvalidInputException, StorageException;
    }

    /** Runs {@code work} under a lease on the grant, so that a revocation resets the stream at once. */
    private void withLease(Stream stream, PeerId peer, Resource resource, Work work)
            throws IOException, FilesException, InvalidInputException, StorageException, AccessDeniedException {
        StreamLease lease = permissions.hold(peer, resource, Right.READ);
        try {
            lease.attach(stream::reset);
            work.run();
        } finally {
            lease.release();
        }
    }

    private List<String> visibleShares(PeerId peer) throws FilesException {
        TreeSet<String> names = new TreeSet<>();
        for (Grant grant : grantsOf(peer)) {
            shares.root(grant.resource().share()).ifPresent(root -> names.add(root.name()));
        }
        return List.copyOf(names);
    }

    private void list(PeerId peer, ShareRegistry.ShareRoot root, Resource folder, FilesWire.Request request, DataOutputStream out)
            throws IOException, StorageException, AccessDeniedException, FilesException {
        List<FileEntry> entries;
        boolean more;
        if (permissions.allows(peer, folder, Right.READ)) {
            boolean leftOut = !request.path().isEmpty() && ignoreRules.of(root.folder()).leavesOut(request.path(), true);
            if (leftOut || !shares.index().isFolder(root.id(), request.path())) {
                boolean file = !leftOut && shares.index().entry(root.id(), request.path()).isPresent();
                throw new FilesException(file ? "'" + folder + "' is a file, not a folder." : "There is nothing at '" + folder + "'.");
            }
            List<FileEntry> page = shares.index().page(root.id(), request.path(), request.after(), request.limit() + 1);
            more = page.size() > request.limit();
            entries = served(root, more ? page.subList(0, request.limit()) : page);
        } else {
            entries = served(root, foldersOnTheWay(peer, root, request));
            more = false;
            if (entries.isEmpty()) {
                permissions.hold(peer, folder, Right.READ).release(); // audits the refusal and throws
            }
        }
        out.writeByte(FilesWire.OK);
        out.writeInt(entries.size());
        for (FileEntry entry : entries) {
            FilesWire.writeEntry(out, entry);
        }
        out.writeBoolean(more);
    }

    /** What the peer's grants reach of every share, searched by name; a file that two grants reach is found once. */
    private void find(PeerId peer, FilesWire.Request request, DataOutputStream out) throws IOException, FilesException, StorageException {
        TreeMap<String, RemoteMatches.Match> found = new TreeMap<>();
        for (Grant grant : grantsOf(peer)) {
            Optional<ShareRegistry.ShareRoot> root = shares.root(grant.resource().share());
            if (root.isPresent()) {
                for (FileEntry entry : served(root.get(), shares.index().find(root.get().id(), grant.resource().path(), request.words(),
                        request.limit() + 1))) {
                    RemoteMatches.Match match = new RemoteMatches.Match(root.get().name(), entry);
                    found.put(match.location(), match);
                }
            }
        }
        List<RemoteMatches.Match> matches = found.values().stream().limit(request.limit()).toList();
        out.writeByte(FilesWire.OK);
        out.writeInt(matches.size());
        for (RemoteMatches.Match match : matches) {
            FilesWire.writeMatch(out, match);
        }
        out.writeBoolean(found.size() > matches.size());
    }

    /** The entries below {@code request.path} that are granted or lead to a grant, and nothing else. */
    private List<FileEntry> foldersOnTheWay(PeerId peer, ShareRegistry.ShareRoot root, FilesWire.Request request)
            throws FilesException {
        String prefix = request.path().isEmpty() ? "" : request.path() + "/";
        TreeSet<String> names = new TreeSet<>();
        for (Grant grant : grantsOf(peer)) {
            Resource granted = grant.resource();
            if (granted.share().equals(root.name()) && granted.path().startsWith(prefix) && !granted.path().equals(request.path())) {
                String rest = granted.path().substring(prefix.length());
                names.add(rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest);
            }
        }
        List<FileEntry> entries = new ArrayList<>();
        for (String name : names) {
            try {
                shares.index().entry(root.id(), SharePaths.child(request.path(), name))
                        .ifPresent(entries::add);
            } catch (StorageException e) {
                throw new FilesException(e.getMessage(), e);
            }
        }
        ListOrder.Mark mark = ListOrder.Mark.of(request.after());
        return entries.stream().filter(mark::isBefore).sorted(ListOrder.ENTRIES).toList();
    }

    private List<Grant> grantsOf(PeerId peer) throws FilesException {
        try {
            return permissions.grants().stream()
                    .filter(grant -> grant.peer().equals(peer) && grant.resource().kind() == Resource.Kind.SHARE
                            && permissions.allows(peer, grant.resource(), Right.READ))
                    .toList();
        } catch (org.peerdesk.permissions.PermissionException e) {
            throw new FilesException(e.getMessage(), e);
        }
    }

    private void manifests(ShareRegistry.ShareRoot root, FilesWire.Request request, DataOutputStream out) throws IOException, StorageException {
        List<Manifest> page = shares.index().manifestsUnder(root.id(), request.path(), request.after(), request.limit() + 1);
        boolean more = page.size() > request.limit();
        IgnoreRules rules = ignoreRules.of(root.folder());
        List<Manifest> shown = (more ? page.subList(0, request.limit()) : page).stream()
                .filter(manifest -> !rules.leavesOut(manifest.entry().path(), false)).toList();
        out.writeByte(FilesWire.OK);
        out.writeInt(shown.size());
        for (Manifest manifest : shown) {
            FilesWire.writeManifest(out, manifest);
        }
        out.writeBoolean(more);
    }

    private void changes(ShareRegistry.ShareRoot root, PeerId peer, FilesWire.Request request, DataOutputStream out)
            throws IOException, StorageException, FilesException {
        if (syncRows.pairs().stream().anyMatch(pair -> pair.shareId().equals(root.id()) && pair.peer().equals(peer) && pair.paused())) {
            throw new FilesException(FilesWire.SYNC_PAUSED);
        }
        if (syncRows.peerRead(root.id(), peer, clock.instant())) { // noted before the answer: once the peer has it, its pair here shows it
            readNoted.changed(root.name());
        }
        ShareIndex.ChangePage page = shares.index().changes(root.id(), request.since(), request.limit());
        IgnoreRules rules = ignoreRules.of(root.folder());
        out.writeByte(FilesWire.OK);
        out.writeUTF(indexName(root.id(), rules));
        out.writeLong(page.last());
        out.writeInt(page.changes().size());
        for (FilesWire.IndexChange change : page.changes()) {
            FilesWire.writeChange(out, change.leftOutIf(rules.leavesOut(change.path(), false)));
        }
        out.writeBoolean(page.more());
    }

    /**
     * The name a peer in sync knows the share's index by: the share's ID, and its ignore rules' fingerprint where
     * it has rules. Rules that change make it another index, which the peer reads in full: a file the new rules let
     * in again kept the sequence it had, which the peer's last round may have passed while the file was left out.
     */
    static String indexName(String shareId, IgnoreRules rules) {
        return rules.none() ? shareId : shareId + "~" + rules.fingerprint();
    }

    private void bases(ShareRegistry.ShareRoot root, PeerId peer, FilesWire.Request request, DataOutputStream out)
            throws IOException, FilesException {
        Map<String, byte[]> bases = syncRows.bases(root.id(), peer, request.paths());
        out.writeByte(FilesWire.OK);
        out.writeInt(bases.size());
        for (Map.Entry<String, byte[]> base : bases.entrySet()) {
            out.writeUTF(base.getKey());
            out.write(base.getValue());
        }
    }

    private void blocks(ShareRegistry.ShareRoot root, FilesWire.Request request, DataOutputStream out, byte[] buffer)
            throws IOException, FilesException, InvalidInputException, StorageException {
        Manifest manifest = shares.index().manifest(root.id(), request.path())
                .filter(indexed -> !leftOut(root, request.path()))
                .orElseThrow(() -> new FilesException("There is no file '" + request.path() + "' in '" + root.name() + "'."));
        if (manifest.blockSize() != request.blockSize() || request.first() + (long) request.count() > manifest.blocks()) {
            throw new FilesException("'" + request.path() + "' has changed; ask for its blocks again.");
        }
        Path file = SharePaths.resolve(root.folder(), request.path());
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            if (!manifest.describes(Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS))) {
                changed(root, out);
                return;
            }
            out.writeByte(FilesWire.OK);
            for (int block = request.first(); block < request.first() + request.count(); block++) {
                send(channel, manifest.offset(block), manifest.length(block), out, buffer);
            }
        } catch (NoSuchFileException e) {
            changed(root, out);
        }
    }

    /** The entries the share's ignore rules do not leave out now. */
    private List<FileEntry> served(ShareRegistry.ShareRoot root, List<FileEntry> entries) throws IOException {
        IgnoreRules rules = ignoreRules.of(root.folder());
        return entries.stream().filter(entry -> !rules.leavesOut(entry.path(), entry.directory())).toList();
    }

    private boolean leftOut(ShareRegistry.ShareRoot root, String path) {
        try {
            return ignoreRules.of(root.folder()).leavesOut(path, false);
        } catch (IOException e) {
            return true; // rules that cannot be read now serve nothing they might name
        }
    }

    private void changed(ShareRegistry.ShareRoot root, DataOutputStream out) throws IOException {
        changeSeen.changed(root.id());
        out.writeByte(FilesWire.CHANGED);
    }

    /**
     * Sends one block. A file cut short while being sent is padded with zeros: the asker's hash check
     * refuses the block, and the size check before the next range tells it the file changed.
     */
    private static void send(FileChannel channel, long offset, int length, DataOutputStream out, byte[] buffer) throws IOException {
        ByteBuffer wrapped = ByteBuffer.wrap(buffer);
        long position = offset;
        int left = length;
        while (left > 0) {
            wrapped.clear().limit(Math.min(buffer.length, left));
            int read = channel.read(wrapped, position);
            if (read < 0) {
                java.util.Arrays.fill(buffer, 0, wrapped.limit(), (byte) 0);
                read = wrapped.limit();
            }
            out.write(buffer, 0, read);
            position += read;
            left -= read;
        }
    }

    private static String pathSuffix(String path) {
        return path.isEmpty() ? "" : "/" + path;
    }
}
