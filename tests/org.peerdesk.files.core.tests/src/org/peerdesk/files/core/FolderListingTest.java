package org.peerdesk.files.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerdesk.files.FileEntry;
import org.peerdesk.files.FilesException;
import org.peerdesk.files.RemoteListing;
import org.peerdesk.storage.AreaSchema;
import org.peerdesk.storage.DataDirectory;
import org.peerdesk.storage.h2.H2Storage;

/** A folder as a peer lists it: folders first, then files, names as people sort them (numbers by value), page by page. */
class FolderListingTest {

    @TempDir
    Path home;

    @Test
    void foldersComeFirstAndNumbersGoByValueAcrossPagesOfAnySize() throws Exception {
        try (FilesFixture ana = new FilesFixture(home.resolve("ana"), 1); FilesFixture ben = new FilesFixture(home.resolve("ben"), 2)) {
            ShareRegistry.ShareRoot team = ana.share("team");
            Path album = team.folder().resolve("album");
            for (String folder : List.of("Disc 10", "disc 2", "Disc 1", "extras")) {
                Files.createDirectories(album.resolve(folder));
            }
            for (String file : List.of("track 10.flac", "Track 9.flac", "track 1.flac", "cover.jpg", "track 100.flac", "notes")) {
                Files.writeString(album.resolve(file), file);
            }
            ana.registry.rescanById(team.id());
            RemoteBrowser browser = new RemoteBrowser(ben.connectorTo(ana));

            List<String> expected = List.of("Disc 1/", "disc 2/", "Disc 10/", "extras/", "cover.jpg", "notes", "track 1.flac",
                    "Track 9.flac", "track 10.flac", "track 100.flac");
            for (int pageSize = 1; pageSize <= expected.size(); pageSize++) {
                List<String> listed = new ArrayList<>();
                Optional<String> next = Optional.of("");
                while (next.isPresent()) {
                    RemoteListing page = browser.list(ana.id, "team/album", next.get(), pageSize);
                    page.entries().forEach(entry -> listed.add(entry.pageMark()));
                    next = page.next();
                }
                assertEquals(expected, listed, "pages of " + pageSize);
            }
        }
    }

    @Test
    void aFolderThePeerDoesNotGiveSaysWhatToAskFor() throws Exception {
        try (FilesFixture ana = new FilesFixture(home.resolve("ana"), 1); FilesFixture ben = new FilesFixture(home.resolve("ben"), 2)) {
            ana.indexedShare("private", "s.txt");
            ana.permissions = new Allowing();
            FilesException refused = assertThrows(FilesException.class,
                    () -> new RemoteBrowser(ben.connectorTo(ana)).list(ana.id, "private", "", 10));
            assertEquals(ana.id.shortForm() + " gives you no read on 'private'. Ask it: peerdesk request " + ana.id.shortForm()
                    + " private read.", refused.getMessage());
        }
    }

    @Test
    void anIndexMadeBeforeListOrderIsListedInItOnceTheNodeStarts() throws Exception {
        Path data = home.resolve("data");
        try (DataDirectory directory = DataDirectory.open(Files.createDirectories(data)); H2Storage storage = new H2Storage(directory)) {
            storage.migrate(new AreaSchema("files", FilesSchema.SCHEMA.migrations().subList(0, 6)));
            storage.transact(connection -> {
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO share_files (share_id, path, parent, name,"
                        + " directory, size, modified_ns, mode, file_key, block_size, hashes, deleted, sequence)"
                        + " VALUES ('s1', ?, '', ?, ?, 0, 0, 420, '', 0, X'', ?, ?)")) {
                    Object[][] rows = {{"v10", false, false}, {"v9", false, false}, {"sub", true, false}, {"gone", false, true}};
                    for (int i = 0; i < rows.length; i++) {
                        insert.setString(1, (String) rows[i][0]);
                        insert.setString(2, (String) rows[i][0]);
                        insert.setBoolean(3, (Boolean) rows[i][1]);
                        insert.setBoolean(4, (Boolean) rows[i][2]);
                        insert.setLong(5, i + 1);
                        insert.executeUpdate();
                    }
                }
                return null;
            });
        }
        try (FilesFixture node = new FilesFixture(home)) {
            assertEquals(List.of("sub", "v9", "v10"), node.index.page("s1", "", "", 10).stream().map(FileEntry::path).toList());
            assertEquals(List.of("v10"), node.index.page("s1", "", "v9", 10).stream().map(FileEntry::path).toList());
        }
    }
}
