package org.peerdesk.files.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.peerdesk.core.PeerId;
import org.peerdesk.permissions.PermissionService;
import org.peerdesk.permissions.Right;
import org.peerdesk.storage.DataDirectory;
import org.peerdesk.storage.h2.H2Storage;
import org.peerdesk.testing.PipeStream;
import org.peerdesk.transport.ProtocolId;
import org.peerdesk.transport.Stream;

/**
 * One node's file sharing on a real H2 database in a temporary data directory, without OSGi: it serves
 * the files and write protocols over in-memory streams to whoever asks, under the permissions given.
 */
final class FilesFixture implements AutoCloseable {

    final PeerId id;
    final Path home;
    final DataDirectory data;
    final H2Storage storage;
    final ExecutorService pool = Executors.newFixedThreadPool(2);
    final BlockHasher hasher = new BlockHasher(pool);
    final ShareIndex index;
    final Scanner scanner;
    final IndexFreshness freshness = new IndexFreshness();
    final ShareRegistry registry;
    /** The node's sync rows, which its server notes peers' reads on, as a node's one set does. */
    final SyncRows syncRows;
    final List<String> changes = new CopyOnWriteArrayList<>();
    PermissionService permissions = new Allowing(Right.READ, Right.WRITE);

    FilesFixture(Path home) throws Exception {
        this(home, 1);
    }

    FilesFixture(Path home, int number) throws Exception {
        this.id = peer(number);
        this.home = home;
        this.data = DataDirectory.open(Files.createDirectories(home.resolve("data")));
        this.storage = new H2Storage(data);
        this.index = new ShareIndex(storage);
        this.scanner = new Scanner(index, hasher);
        this.registry = new ShareRegistry(storage, index, scanner, data.path(), freshness, Clock.systemUTC(), changes::add);
        this.syncRows = new SyncRows(storage);
    }

    static PeerId peer(int n) {
        byte[] bytes = new byte[32];
        bytes[0] = (byte) n;
        return new PeerId(bytes);
    }

    /** A share of a new folder {@code name} under the fixture's home. */
    ShareRegistry.ShareRoot share(String name) throws Exception {
        registry.add(name, Files.createDirectories(home.resolve(name)));
        return registry.root(name).orElseThrow();
    }

    /** A share of small text files, each holding "first " and its name, indexed. */
    ShareRegistry.ShareRoot indexedShare(String name, String... files) throws Exception {
        ShareRegistry.ShareRoot root = share(name);
        for (String file : files) {
            Files.writeString(root.folder().resolve(file), "first " + file);
        }
        registry.rescanById(root.id());
        return root;
    }

    /** Serves a new stream of the files protocol to {@code asker}; returns the asker's end. */
    Stream serveFiles(PeerId asker) throws IOException {
        FileServer server = new FileServer(registry, permissions, share -> { }, syncRows, share -> { }, Clock.systemUTC());
        return serve(asker, FilesWire.PROTOCOL, server::serve);
    }

    /** Serves a new stream of the write protocol to {@code asker}. */
    Stream serveWrites(PeerId asker) throws IOException {
        ShareWriter writer = new ShareWriter(registry, permissions, Clock.systemUTC(), new ShareWriter.Listener() {
            @Override
            public void placed(String shareId) {
                // the tests rescan where they need the index
            }

            @Override
            public void peerChanged(PeerId peer, String share) {
                changes.add("peer " + peer.shortForm() + " changed " + share);
            }
        });
        return serve(asker, WriteWire.PROTOCOL, writer::serve);
    }

    /** A transfer service of this node's that reaches peers through {@code connector} and downloads into {@code downloads}. */
    TransferService transfers(Connector connector, Path downloads, TransferService.Listener listener) {
        return new TransferService(new TransferRows(storage), connector, hasher, downloads, Clock.systemUTC(), listener,
                FileFetch.Settings.DEFAULT);
    }

    /** Streams to {@code other}, as the transport would open them. */
    Connector connectorTo(FilesFixture other) {
        return new Connector() {
            @Override
            public FilesClient open(PeerId peer) throws IOException {
                return new FilesClient(other.serveFiles(id));
            }

            @Override
            public WriteClient openWrite(PeerId peer) throws IOException {
                return new WriteClient(other.serveWrites(id));
            }

            @Override
            public List<PeerId> connected() {
                return List.of(other.id);
            }
        };
    }

    private interface Server {
        void serve(Stream stream) throws IOException;
    }

    private Stream serve(PeerId asker, String protocol, Server server) throws IOException {
        PipeStream[] ends = PipeStream.pair(asker, id, ProtocolId.of(protocol));
        Thread.ofPlatform().daemon().start(() -> {
            try {
                server.serve(ends[1]);
            } catch (IOException e) {
                // the asker went away
            } finally {
                ends[1].close();
            }
        });
        return ends[0];
    }

    @Override
    public void close() throws Exception {
        pool.shutdownNow();
        storage.close();
        data.close();
    }
}
