package org.peerdesk.files.core;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Tests of the files protocol against a node that serves an indexed share "team" of four small files. */
abstract class ServedShareTest {

    @TempDir
    Path home;
    FilesFixture ana;
    ShareRegistry.ShareRoot team;

    @BeforeEach
    void start() throws Exception {
        ana = new FilesFixture(home, 1);
        team = ana.indexedShare("team", "a.txt", "b.txt", "c.txt", "d.txt");
    }

    @AfterEach
    void stop() throws Exception {
        ana.close();
    }
}
