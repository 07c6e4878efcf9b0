package org.peerdesk.messaging.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerdesk.core.PeerId;
import org.peerdesk.files.Transfer;
import org.peerdesk.messaging.Attachment;
import org.peerdesk.messaging.ConversationId;
import org.peerdesk.messaging.Message;
import org.peerdesk.storage.DataDirectory;
import org.peerdesk.storage.h2.H2Storage;

/** Where others' files were fetched to: remembered as downloads finish, so that clearing the transfers list forgets nothing. */
class FetchedFilesTest {

    private static final PeerId SELF = new SigningKey().id;
    private static final PeerId BEN = new SigningKey().id;
    private static final PeerId CAI = new SigningKey().id;
    private static final String PLAN = "a".repeat(32);

    @TempDir
    Path home;

    private H2Storage storage;
    private FetchedFiles fetched;
    private Path downloads;

    @BeforeEach
    void open() throws Exception {
        storage = new H2Storage(DataDirectory.open(home.resolve("node")));
        storage.migrate(MessagingSchema.SCHEMA);
        fetched = new FetchedFiles(storage);
        downloads = Files.createDirectories(home.resolve("downloads"));
    }

    @AfterEach
    void close() {
        storage.close();
    }

    @Test
    void aFinishedDownloadIsRememberedOnceTheTransfersListForgetsIt() throws Exception {
        Message plan = fromBen(PLAN, "plan.txt", "map.png");
        Transfer text = download(BEN, "attachments/" + PLAN + "/plan.txt", Transfer.State.DONE);
        Transfer map = download(BEN, "attachments/" + PLAN + "/map.png", Transfer.State.DONE);
        fetched.remember(text);
        fetched.remember(map);

        assertEquals(Map.of(PLAN, List.of(text.brought(), map.brought())), fetched.of(List.of(plan), List.of()),
                "the transfers list was cleared");
    }

    @Test
    void onlyFinishedDownloadsOfTheAuthorsOwnFilesCount() throws Exception {
        Message plan = fromBen(PLAN, "plan.txt");
        fetched.remember(download(BEN, "attachments/" + PLAN + "/plan.txt", Transfer.State.RUNNING));
        fetched.remember(download(CAI, "attachments/" + PLAN + "/plan.txt", Transfer.State.DONE));
        fetched.remember(new Transfer(1, Transfer.Direction.UPLOAD, BEN, "attachments/" + PLAN, file("plan.txt"), Transfer.State.DONE,
                Transfer.Progress.NONE, Optional.empty(), Instant.now()));

        assertEquals(Map.of(), fetched.of(List.of(plan), List.of()));
    }

    @Test
    void aMessageCountsOnlyWithEveryFileStillWhereItWasPut() throws Exception {
        Message plan = fromBen(PLAN, "plan.txt", "map.png");
        Transfer text = download(BEN, "attachments/" + PLAN + "/plan.txt", Transfer.State.DONE);
        Transfer map = download(BEN, "attachments/" + PLAN + "/map.png", Transfer.State.DONE);
        fetched.remember(text);
        assertEquals(Map.of(), fetched.of(List.of(plan), List.of()), "one file of two fetched");

        fetched.remember(map);
        Files.delete(map.brought());
        assertEquals(Map.of(), fetched.of(List.of(plan), List.of()), "the user deleted one");
    }

    @Test
    void downloadsOnTheListCountTooAndAFetchAgainElsewhereWins() throws Exception {
        Message plan = fromBen(PLAN, "plan.txt");
        Transfer first = download(BEN, "attachments/" + PLAN + "/plan.txt", Transfer.State.DONE);
        assertEquals(Map.of(PLAN, List.of(first.brought())), fetched.of(List.of(plan), List.of(first)), "finished before it was remembered");

        fetched.remember(first);
        Files.delete(first.brought());
        Transfer again = new Transfer(2, Transfer.Direction.DOWNLOAD, BEN, first.remote(), Files.createDirectories(home.resolve("elsewhere")),
                Transfer.State.DONE, Transfer.Progress.NONE, Optional.empty(), Instant.now());
        Files.writeString(again.brought(), "the plan");
        assertEquals(Map.of(PLAN, List.of(again.brought())), fetched.of(List.of(plan), List.of(again)));
    }

    @Test
    void ownMessagesAndMessagesWithoutFilesAreLeftOut() throws Exception {
        Transfer text = download(BEN, "attachments/" + PLAN + "/plan.txt", Transfer.State.DONE);
        fetched.remember(text);
        Message sentFromHere = new Message(PLAN, ConversationId.direct(SELF, BEN), Message.Kind.TEXT, BEN, 1, "plan",
                List.of(new Attachment(8, text.remote())), true, Message.Delivery.DELIVERED, true, Optional.empty(), Message.Reach.NONE,
                Optional.empty(), Message.Revision.ORIGINAL, Optional.empty(), List.of(), List.of(), Optional.empty(), Optional.empty());

        assertEquals(Map.of(), fetched.of(List.of(sentFromHere, fromBen("b".repeat(32))), List.of(text)));
    }

    private Transfer download(PeerId peer, String remote, Transfer.State state) throws Exception {
        Transfer transfer = new Transfer(1, Transfer.Direction.DOWNLOAD, peer, remote, downloads, state, Transfer.Progress.NONE,
                Optional.empty(), Instant.now());
        Files.writeString(transfer.brought(), remote);
        return transfer;
    }

    private Path file(String name) throws Exception {
        return Files.writeString(home.resolve(name), name);
    }

    private static Message fromBen(String id, String... names) {
        List<Attachment> files = java.util.Arrays.stream(names).map(name -> new Attachment(8, "attachments/" + id + "/" + name)).toList();
        return new Message(id, ConversationId.direct(SELF, BEN), Message.Kind.TEXT, BEN, 1, "plan", files, false, Message.Delivery.RECEIVED,
                false, Optional.empty(), Message.Reach.NONE, Optional.empty(), Message.Revision.ORIGINAL, Optional.empty(), List.of(),
                List.of(), Optional.empty(), Optional.empty());
    }
}
