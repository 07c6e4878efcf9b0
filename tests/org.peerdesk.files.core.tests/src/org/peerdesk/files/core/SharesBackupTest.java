package org.peerdesk.files.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerdesk.core.PeerId;
import org.peerdesk.files.FilesException;
import org.peerdesk.files.IndexState;
import org.peerdesk.files.Share;
import org.peerdesk.files.ShareService;
import org.peerdesk.files.SyncPair;
import org.peerdesk.files.SyncService;
import org.peerdesk.storage.DataDirectory;

/** The shares as backups keep them, and as a node that takes a lost one's place shares them again. */
class SharesBackupTest {

    @TempDir
    Path home;

    private final Map<String, Path> shared = new LinkedHashMap<>();
    private final List<Pair> synced = new ArrayList<>();

    /** A sync pair as the backup sees it. */
    private record Pair(String share, PeerId peer, List<String> folders) {
    }

    @Test
    void theSharesComeBackWhereTheirFoldersAreWithTheirPartnersAndNotTwice() throws Exception {
        try (DataDirectory directory = DataDirectory.open(Files.createDirectories(home.resolve("data")))) {
            Path data = directory.path();
            Path docs = Files.createDirectories(home.resolve("docs"));
            shared.put("docs", docs);
            shared.put("music", home.resolve("music"));
            shared.put("attachments", data.resolve("attachments"));
            PeerId cleo = FilesFixture.peer(3);
            synced.add(new Pair("docs", cleo, List.of("plans", "notes")));
            Path kept = Files.createDirectories(home.resolve("kept"));
            backup(directory).write(kept);
            String file = Files.readString(kept.resolve(KeptShares.FILE));
            assertFalse(file.contains("attachments"), "the node's own folder for attachments is not kept: " + file);
            assertFalse(file.lines().anyMatch(line -> line.startsWith("#") && line.matches(".*\\d\\d:\\d\\d.*")), "no time stamp: " + file);

            shared.clear();
            synced.clear();
            assertEquals(Optional.of("1 share: docs; not music (" + home.resolve("music") + " is not on this machine: restore it there,"
                    + " then take over again)"), backup(directory).takeBack(kept, cleo));
            assertEquals(Map.of("docs", docs), shared);
            assertEquals(List.of(new Pair("docs", cleo, List.of("plans", "notes"))), synced);
            Files.createDirectories(home.resolve("music"));
            assertEquals(Optional.of("1 share: music"), backup(directory).takeBack(kept, cleo), "taken again: only what was not back");
            assertEquals(Optional.empty(), backup(directory).takeBack(kept, cleo), "nothing twice");
        }
    }

    @Test
    void manySharesReadBackInOrderAndADamagedFileIsNamed() throws Exception {
        List<KeptShares.Kept> many = IntStream.rangeClosed(1, 12).mapToObj(i -> new KeptShares.Kept("share " + i, home.resolve("f" + i),
                i == 10 ? List.of(new KeptShares.Partner(FilesFixture.peer(i), List.of())) : List.of())).toList();
        new KeptShares(many).write(home);
        assertEquals(many, KeptShares.read(home).shares());
        List<String> lines = Files.readAllLines(home.resolve(KeptShares.FILE));
        assertTrue(lines.indexOf("share.2.name=share 2") < lines.indexOf("share.10.name=share 10"), "listed in order: " + lines);

        Files.writeString(home.resolve(KeptShares.FILE), "share.1.name=docs\nshare.1.sync.1.peer=not an ID\n");
        FilesException damaged = assertThrows(FilesException.class, () -> KeptShares.read(home));
        assertTrue(damaged.getMessage().startsWith(home.resolve(KeptShares.FILE) + " is damaged: "), damaged.getMessage());
    }

    private SharesBackup backup(DataDirectory data) {
        return new SharesBackup(shares(), sync(), data);
    }

    /** A share service that keeps names and folders, as far as the backup asks. */
    private ShareService shares() {
        return (ShareService) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {ShareService.class}, (proxy, method, args) -> {
            switch (method.getName()) {
                case "shares":
                    return shared.entrySet().stream().map(entry -> share(entry.getKey(), entry.getValue())).toList();
                case "share":
                    return Optional.ofNullable(shared.get((String) args[0])).map(folder -> share((String) args[0], folder));
                case "add":
                    shared.put((String) args[0], (Path) args[1]);
                    return share((String) args[0], (Path) args[1]);
                default:
                    throw new UnsupportedOperationException(method.getName());
            }
        });
    }

    /** A sync service that notes the pairs started. */
    @SuppressWarnings("unchecked")
    private SyncService sync() {
        return (SyncService) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {SyncService.class}, (proxy, method, args) -> {
            switch (method.getName()) {
                case "pairs":
                    return synced.stream().map(pair -> new SyncPair(pair.share(), pair.peer(), pair.folders(), SyncPair.State.IDLE,
                            Optional.empty(), Optional.empty(), 0, 0, Optional.empty(), Optional.empty())).toList();
                case "sync":
                    synced.add(new Pair((String) args[0], (PeerId) args[1], (List<String>) args[2]));
                    return null;
                default:
                    throw new UnsupportedOperationException(method.getName());
            }
        });
    }

    private static Share share(String name, Path folder) {
        return new Share(name + "-id", name, folder, new IndexState(0, 0, Optional.empty(), false, Optional.empty()));
    }
}
