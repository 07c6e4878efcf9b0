package org.peerdesk.files.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.peerdesk.files.Transfer;
import org.peerdesk.permissions.GrantTerms;
import org.peerdesk.permissions.Resource;
import org.peerdesk.permissions.Right;

/** A transfer the peer refused for want of a grant says what to ask for, and starts again by itself when the peer gives it. */
class TransferGrantsTest extends TransferPairTest {

    @Override
    void prepare() {
        owner.permissions = new Allowing();
    }

    @Test
    void aRefusedDownloadStartsAgainWhenReadOnItIsGiven() throws Exception {
        owner.indexedShare("docs", "a.txt");
        Transfer refused = transfers.download(owner.id, "docs/a.txt", Optional.empty());
        Transfer failed = events.ended(refused.id());
        assertEquals(Transfer.State.FAILED, failed.state());
        assertEquals(owner.id.shortForm() + " gives you no read on 'docs/a.txt'. Ask it: peerdesk request " + owner.id.shortForm()
                + " docs/a.txt read; the download starts again when it is given.", failed.problem().orElseThrow());

        assertEquals(refused.id(), transfers.download(owner.id, "docs/a.txt", Optional.empty()).id(), "asked again, the same transfer");
        assertEquals(Transfer.State.FAILED, events.ended(refused.id()).state());
        assertEquals(1, transfers.transfers().size());

        transfers.given(FilesFixture.peer(3), List.of(read("docs")));
        transfers.given(owner.id, List.of(read("docs/b.txt")));
        transfers.given(owner.id, List.of(GrantTerms.of(Resource.parse("docs"), Set.of(Right.WRITE))));
        assertEquals(Transfer.State.FAILED, state(refused.id()), "another peer, another file or another right starts nothing");

        owner.permissions = new Allowing(Right.READ);
        transfers.given(owner.id, List.of(read("docs")));
        assertEquals(Transfer.State.DONE, events.ended(refused.id()).state());
        assertEquals("first a.txt", Files.readString(home.resolve("downloads/a.txt")));
    }

    @Test
    void aRefusedUploadStartsAgainWhenWriteWhereItLandsIsGiven() throws Exception {
        owner.share("inbox");
        Path report = Files.writeString(home.resolve("report.txt"), "the report");
        Transfer refused = transfers.upload(report, owner.id, "inbox/q3");
        Transfer failed = events.ended(refused.id());
        assertTrue(failed.problem().orElseThrow().startsWith(owner.id.shortForm() + " gives you no write on 'inbox/q3/report.txt'. Ask it:"
                + " peerdesk request " + owner.id.shortForm() + " inbox/q3/report.txt write; the upload starts again"), failed.problem().get());

        transfers.given(owner.id, List.of(GrantTerms.of(Resource.parse("inbox/q3/other.txt"), Set.of(Right.WRITE))));
        assertEquals(Transfer.State.FAILED, state(refused.id()));

        owner.permissions = new Allowing(Right.WRITE);
        transfers.given(owner.id, List.of(GrantTerms.of(Resource.parse("inbox/q3"), Set.of(Right.WRITE))));
        assertEquals(Transfer.State.DONE, events.ended(refused.id()).state());
        assertEquals("the report", Files.readString(home.resolve("owner/inbox/q3/report.txt")));
    }

    private static GrantTerms read(String resource) throws Exception {
        return GrantTerms.of(Resource.parse(resource), Set.of(Right.READ));
    }

    private Transfer.State state(long id) throws Exception {
        return transfers.transfers().stream().filter(transfer -> transfer.id() == id).findFirst().orElseThrow().state();
    }
}
