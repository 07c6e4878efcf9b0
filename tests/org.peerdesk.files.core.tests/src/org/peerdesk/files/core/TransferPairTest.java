package org.peerdesk.files.core;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Tests of transfers between two nodes: the asker's transfer service reaches the owner's files over in-memory streams. */
abstract class TransferPairTest {

    @TempDir
    Path home;
    FilesFixture owner;
    FilesFixture asker;
    TransferService transfers;
    final TransferEvents events = new TransferEvents();

    @BeforeEach
    void start() throws Exception {
        owner = new FilesFixture(home.resolve("owner"), 1);
        asker = new FilesFixture(home.resolve("asker"), 2);
        transfers = asker.transfers(connector(), home.resolve("downloads"), events);
        prepare();
    }

    /** How the asker reaches the owner: straight, unless a test puts something in between. */
    Connector connector() {
        return asker.connectorTo(owner);
    }

    /** What a test needs in place before it runs. */
    abstract void prepare() throws Exception;

    @AfterEach
    void stop() throws Exception {
        transfers.close();
        asker.close();
        owner.close();
    }
}
