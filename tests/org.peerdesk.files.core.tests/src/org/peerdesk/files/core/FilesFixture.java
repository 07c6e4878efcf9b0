package org.peerdesk.files.core;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.peerdesk.storage.DataDirectory;
import org.peerdesk.storage.h2.H2Storage;

/** One node's file sharing on a real H2 database in a temporary data directory, without OSGi. */
final class FilesFixture implements AutoCloseable {

    final Path home;
    final DataDirectory data;
    final H2Storage storage;
    final ExecutorService pool = Executors.newFixedThreadPool(2);
    final ShareIndex index;
    final Scanner scanner;
    final ShareRegistry registry;
    final List<String> changes = new CopyOnWriteArrayList<>();

    FilesFixture(Path home) throws Exception {
        this.home = home;
        this.data = DataDirectory.open(Files.createDirectories(home.resolve("data")));
        this.storage = new H2Storage(data);
        this.index = new ShareIndex(storage);
        this.scanner = new Scanner(index, new BlockHasher(pool));
        this.registry = new ShareRegistry(storage, index, scanner, data.path(), Clock.systemUTC(), changes::add);
    }

    /** A share of a new folder {@code name} under the fixture's home. */
    ShareRegistry.ShareRoot share(String name) throws Exception {
        registry.add(name, Files.createDirectories(home.resolve(name)));
        return registry.root(name).orElseThrow();
    }

    @Override
    public void close() throws Exception {
        pool.shutdownNow();
        storage.close();
        data.close();
    }
}
