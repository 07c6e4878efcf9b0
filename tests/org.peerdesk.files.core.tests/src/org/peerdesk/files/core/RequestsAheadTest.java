package org.peerdesk.files.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * Small files' blocks asked for ahead of their turn on one stream: each answer is read when its file
 * is fetched, the answers no fetch asked for (a file skipped, changed or gone meanwhile) are read and
 * dropped, and the stream stays in step for every request after.
 */
class RequestsAheadTest extends ServedShareTest {

    @Test
    void eachFileFindsItsAnswerAndTheSkippedOnesAreDropped() throws Exception {
        try (FilesClient client = new FilesClient(ana.serveFiles(FilesFixture.peer(2)))) {
            Map<String, Manifest> files = manifests(client);
            client.requestAhead("team", List.of(files.get("a.txt"), files.get("b.txt"), files.get("c.txt"), files.get("d.txt")));

            assertEquals("first b.txt", fetch(client, files.get("b.txt")), "a.txt's answer was dropped");
            assertEquals("first d.txt", fetch(client, files.get("d.txt")), "c.txt's answer was dropped");
            assertEquals(4, client.manifests("team", "", "", 10).items().size(), "the stream is in step");
            assertEquals("first a.txt", fetch(client, files.get("a.txt")), "asked again, in a request of its own");
        }
    }

    @Test
    void answersThatSayChangedOrRefuseAreDroppedToo() throws Exception {
        try (FilesClient client = new FilesClient(ana.serveFiles(FilesFixture.peer(2)))) {
            Map<String, Manifest> files = manifests(client);
            Files.delete(team.folder().resolve("b.txt"));
            ana.registry.rescanById(team.id()); // b.txt leaves the index: a refusal
            Files.writeString(team.folder().resolve("c.txt"), "changed after the scan"); // on disk only: "changed"
            client.requestAhead("team", List.of(files.get("b.txt"), files.get("c.txt"), files.get("d.txt")));

            assertEquals("first d.txt", fetch(client, files.get("d.txt")));
            client.requestAhead("team", List.of(files.get("c.txt")));
            assertFalse(client.requestBlocks("team", files.get("c.txt"), 0, 1), "changed at the peer: no blocks follow");
            assertEquals(3, client.manifests("team", "", "", 10).items().size(), "the stream is in step");
        }
    }

    @Test
    void anAnswerForAVersionThePeerIndexedMeanwhileEndsTheStreamRatherThanLoseStep() throws Exception {
        try (FilesClient client = new FilesClient(ana.serveFiles(FilesFixture.peer(2)))) {
            Map<String, Manifest> files = manifests(client);
            Files.writeString(team.folder().resolve("a.txt"), "a longer second version, indexed at the peer");
            ana.registry.rescanById(team.id());
            client.requestAhead("team", List.of(files.get("a.txt"), files.get("b.txt")));

            IOException lost = assertThrows(IOException.class, () -> client.requestBlocks("team", files.get("b.txt"), 0, 1));
            assertTrue(lost.getMessage().contains("'a.txt' meanwhile"), lost.getMessage());
            assertTrue(client.broken(), "a new stream is needed");
        }
    }

    private static Map<String, Manifest> manifests(FilesClient client) throws Exception {
        return client.allManifests("team", "").stream().collect(Collectors.toMap(file -> file.entry().path(), Function.identity()));
    }

    private static String fetch(FilesClient client, Manifest file) throws Exception {
        assertTrue(client.requestBlocks("team", file, 0, file.blocks()));
        byte[] content = new byte[(int) file.entry().size()];
        client.readBlock(content, content.length);
        return new String(content, StandardCharsets.UTF_8);
    }
}
