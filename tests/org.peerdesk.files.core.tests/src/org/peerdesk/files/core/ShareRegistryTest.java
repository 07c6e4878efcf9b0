package org.peerdesk.files.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerdesk.files.FilesException;
import org.peerdesk.files.IndexState;

/**
 * The file server finds a share by its name, in any case, and sees every change of the shares at once;
 * work that needs the index current walks a share only when its index may lag behind the folder; the
 * totals shown follow every write of the index.
 */
class ShareRegistryTest {

    @TempDir
    Path home;

    private FilesFixture node;

    @BeforeEach
    void start() throws Exception {
        node = new FilesFixture(home);
    }

    @AfterEach
    void stop() throws Exception {
        node.close();
    }

    @Test
    void aShareIsFoundByItsNameInAnyCase() throws Exception {
        ShareRegistry.ShareRoot docs = node.share("Docs");
        assertEquals(docs, node.registry.root("docs").orElseThrow());
        assertEquals(docs, node.registry.rootById(docs.id()).orElseThrow());
    }

    @Test
    void addedRenamedAndRemovedSharesAreSeenAtOnce() throws Exception {
        ShareRegistry.ShareRoot docs = node.share("docs");
        assertTrue(node.registry.root("docs").isPresent());
        node.registry.rename("docs", "papers");
        assertFalse(node.registry.root("docs").isPresent(), "the old name no longer reaches the share");
        assertEquals(docs.id(), node.registry.root("papers").orElseThrow().id());
        node.share("music");
        assertEquals(List.of("music", "papers"), node.registry.roots().stream().map(ShareRegistry.ShareRoot::name).toList());
        node.registry.remove("papers");
        assertFalse(node.registry.root("papers").isPresent());
        assertFalse(node.registry.rootById(docs.id()).isPresent());
        assertTrue(Files.isDirectory(home.resolve("docs")), "removing a share never deletes the folder");
    }

    @Test
    void aNameAlreadyTakenIsRefusedAndChangesNothing() throws Exception {
        node.share("docs");
        node.share("music");
        FilesException refused = assertThrows(FilesException.class, () -> node.registry.rename("music", "DOCS"));
        assertTrue(refused.getMessage().contains("already a share called"), refused.getMessage());
        assertEquals(List.of("docs", "music"), node.registry.roots().stream().map(ShareRegistry.ShareRoot::name).toList());
    }

    @Test
    void aRefreshWalksAShareOnlyWhenItsIndexMayLag() throws Exception {
        ShareRegistry.ShareRoot docs = node.share("docs");
        node.freshness.watched(docs.id());
        node.registry.rescanById(docs.id());
        Files.writeString(docs.folder().resolve("unseen.txt"), "written while nothing told the watch");
        node.registry.refreshById(docs.id());
        assertFalse(node.index.manifest(docs.id(), "unseen.txt").isPresent(), "a fresh share is not walked again");
        node.freshness.changed(docs.id());
        node.registry.refreshById(docs.id());
        assertTrue(node.index.manifest(docs.id(), "unseen.txt").isPresent(), "a changed share is walked");
    }

    @Test
    void aShareWhoseFoldersAreNotAllWatchedIsWalkedAtEveryRefresh() throws Exception {
        ShareRegistry.ShareRoot docs = node.share("docs");
        node.registry.rescanById(docs.id());
        Files.writeString(docs.folder().resolve("new.txt"), "hello");
        node.registry.refreshById(docs.id());
        assertTrue(node.index.manifest(docs.id(), "new.txt").isPresent());
    }

    @Test
    void aScanThatFailsLeavesTheShareStale() throws Exception {
        ShareRegistry.ShareRoot docs = node.share("docs");
        node.freshness.watched(docs.id());
        Path moved = home.resolve("moved-away");
        Files.move(docs.folder(), moved);
        assertThrows(FilesException.class, () -> node.registry.rescan("docs"));
        Files.move(moved, docs.folder());
        Files.writeString(docs.folder().resolve("back.txt"), "the folder is back");
        node.registry.refreshById(docs.id());
        assertTrue(node.index.manifest(docs.id(), "back.txt").isPresent(), "what the failed scan missed is seen next time");
    }

    @Test
    void theTotalsShownFollowEveryChangeOfTheIndex() throws Exception {
        ShareRegistry.ShareRoot docs = node.share("docs");
        Files.writeString(docs.folder().resolve("a.txt"), "12345");
        node.registry.rescan("docs");
        assertTotals(1, 5);
        assertTotals(1, 5); // asked again with nothing written: the count kept
        Files.writeString(docs.folder().resolve("b.txt"), "123");
        node.registry.rescan("docs");
        assertTotals(2, 8);
        Files.delete(docs.folder().resolve("a.txt"));
        node.registry.rescan("docs");
        assertTotals(1, 3);
        node.index.apply(docs.id(), List.of(ShareIndex.Change.removed("b.txt"))); // as a sync round writes
        assertTotals(0, 0);
    }

    private void assertTotals(long files, long bytes) throws Exception {
        IndexState index = node.registry.shares().stream().filter(share -> share.name().equals("docs")).findFirst().orElseThrow().index();
        assertEquals(files, index.files(), "files");
        assertEquals(bytes, index.bytes(), "bytes");
    }
}
