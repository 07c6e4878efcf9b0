package org.peerdesk.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryTest {

    @TempDir
    Path home;

    @Test
    void createsAMissingDirectoryAndMarksIt() throws Exception {
        Path path = home.resolve("a/b/node");
        try (DataDirectory directory = DataDirectory.open(path)) {
            assertTrue(directory.isHeld());
            assertEquals(path, directory.path());
            assertTrue(Files.readString(path.resolve(DataDirectory.MARKER)).contains("format=1"));
        }
    }

    @Test
    void theDirectoryIsItsOwnersAloneNewOrOpenedToOthersBefore() throws Exception {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(DataDirectory.class.getName());
        List<String> told = new CopyOnWriteArrayList<>();
        Handler listener = new Handler() {
            @Override
            public void publish(LogRecord record) {
                told.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(listener);
        try {
            Path fresh = home.resolve("fresh");
            try (DataDirectory directory = DataDirectory.open(fresh)) {
                assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh)));
            }
            assertEquals(List.of(), told, "a directory made private as it is made was never open to others");
            Path open = Files.createDirectories(home.resolve("open"));
            Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-xr-x")); // as mkdir leaves it
            try (DataDirectory directory = DataDirectory.open(open)) {
                assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(open)));
            }
            assertEquals(1, told.size(), "one that was is closed, and the user told: " + told);
        } finally {
            logger.removeHandler(listener);
        }
    }

    @Test
    void aRefusedOpenLeavesThePermissionsAsTheyAre() throws Exception {
        Path path = home.resolve("node");
        try (DataDirectory first = DataDirectory.open(path)) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-x---"));
            assertThrows(DataDirectoryException.class, () -> DataDirectory.open(path));
            assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(path)));
        }
    }

    @Test
    void aSecondOpenIsRefusedUntilTheFirstCloses() throws Exception {
        Path path = home.resolve("node");
        try (DataDirectory first = DataDirectory.open(path)) {
            DataDirectoryException refused = assertThrows(DataDirectoryException.class, () -> DataDirectory.open(path));
            assertTrue(refused.getMessage().contains("in use by another Peerdesk node"), refused.getMessage());
            assertTrue(first.isHeld());
        }
        try (DataDirectory again = DataDirectory.open(path)) {
            assertTrue(again.isHeld());
        }
    }

    @Test
    void aFolderWithSomeoneElsesFilesIsNotTakenOver() throws IOException {
        Path path = home.resolve("photos");
        Files.createDirectories(path);
        Path photo = Files.write(path.resolve("holiday.jpg"), new byte[] {1, 2, 3});
        DataDirectoryException refused = assertThrows(DataDirectoryException.class, () -> DataDirectory.open(path));
        assertTrue(refused.getMessage().contains("did not write"), refused.getMessage());
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(photo));
        assertFalse(Files.exists(path.resolve(DataDirectory.MARKER)));
    }

    @Test
    void aDirectoryFromANewerPeerdeskIsRefusedAndLeftAlone() throws IOException {
        Path path = home.resolve("node");
        Files.createDirectories(path);
        String marker = "format=" + (DataDirectory.FORMAT + 1) + "\n";
        Files.writeString(path.resolve(DataDirectory.MARKER), marker);
        DataDirectoryException refused = assertThrows(DataDirectoryException.class, () -> DataDirectory.open(path));
        assertTrue(refused.getMessage().contains("newer Peerdesk"), refused.getMessage());
        assertEquals(marker, Files.readString(path.resolve(DataDirectory.MARKER)));
    }

    @Test
    void aDamagedMarkerIsReportedNotRewritten() throws IOException {
        Path path = home.resolve("node");
        Files.createDirectories(path);
        Files.write(path.resolve(DataDirectory.MARKER), "format=\u0000\u0001garbage".getBytes(StandardCharsets.ISO_8859_1));
        DataDirectoryException refused = assertThrows(DataDirectoryException.class, () -> DataDirectory.open(path));
        assertTrue(refused.getMessage().contains("damaged"), refused.getMessage());
    }

    @Test
    void aFileWhereTheDirectoryShouldBeIsRefused() throws IOException {
        Path path = Files.writeString(home.resolve("node"), "not a directory");
        assertThrows(DataDirectoryException.class, () -> DataDirectory.open(path));
        assertEquals("not a directory", Files.readString(path));
    }

    @Test
    void theLauncherRuntimeFolderAndPluginsPutThereFirstDoNotMakeANewDirectoryForeign() throws Exception {
        Path path = home.resolve("node");
        Files.createDirectories(path.resolve(DataDirectory.RUNTIME).resolve("configuration"));
        Files.createDirectories(path.resolve(DataDirectory.PLUGINS));
        Files.writeString(path.resolve(DataDirectory.PLUGINS).resolve("plugin.jar"), "a bundle");
        try (DataDirectory directory = DataDirectory.open(path)) {
            assertTrue(directory.isHeld());
        }
    }
}
