package org.peerdesk.backup.core;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.peerdesk.core.PeerId;

/**
 * Gets chunks back: asks the holders that should have one, first those the catalog names, then any
 * other online; opens each blob with the vault's keys, and takes the next holder when a blob is
 * missing, altered or another chunk's. Every such failure is noted with the holder's name.
 */
final class Fetcher {

    private final VaultKeys keys;
    private final HolderLinks links;
    private final Map<BlobId, Set<PeerId>> copies;
    private final List<String> problems = new CopyOnWriteArrayList<>();

    Fetcher(VaultKeys keys, HolderLinks links, Map<BlobId, Set<PeerId>> copies) {
        this.keys = keys;
        this.links = links;
        this.copies = copies;
    }

    /** The chunk's content, or a failed future saying no holder had a good copy. */
    CompletableFuture<byte[]> fetch(BlobId id) {
        return fetchSealed(id).thenApply(found -> found.content);
    }

    /** A good blob and its content, and which holder gave it. */
    record Found(PeerId holder, byte[] blob, byte[] content) {
    }

    CompletableFuture<Found> fetchSealed(BlobId id) {
        Set<PeerId> known = copies.getOrDefault(id, Set.of());
        List<PeerId> online = links.online();
        List<PeerId> order = new ArrayList<>(Placement.choose(id, online.stream().filter(known::contains).toList(), Set.of(), online.size()));
        online.stream().filter(holder -> !known.contains(holder)).forEach(order::add);
        return tryFrom(id, order, 0);
    }

    private CompletableFuture<Found> tryFrom(BlobId id, List<PeerId> order, int index) {
        if (index >= order.size()) {
            return CompletableFuture.failedFuture(new IOException("no holder online has a good copy of chunk " + id));
        }
        PeerId holder = order.get(index);
        Optional<HolderLink> link = links.link(holder);
        if (link.isEmpty()) {
            return tryFrom(id, order, index + 1);
        }
        CompletableFuture<Optional<byte[]>> answer;
        try {
            answer = link.get().get(id);
        } catch (IOException e) {
            return tryFrom(id, order, index + 1);
        }
        return answer.handle((blob, failure) -> {
            if (blob != null && blob.isPresent()) {
                try {
                    return CompletableFuture.completedFuture(new Found(holder, blob.get(), keys.open(id.bytes(), blob.get())));
                } catch (VaultKeys.TamperedException e) {
                    problems.add(holder.shortForm() + " returned a bad copy of chunk " + id + " (" + e.getMessage() + ")");
                }
            }
            return tryFrom(id, order, index + 1);
        }).thenCompose(next -> next);
    }

    /** The concatenated content of several chunks (a tree). */
    byte[] fetchAll(List<BlobId> ids) throws IOException, InterruptedException {
        List<CompletableFuture<byte[]>> parts = ids.stream().map(this::fetch).toList();
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (CompletableFuture<byte[]> part : parts) {
            content.writeBytes(HolderLink.await(part));
        }
        return content.toByteArray();
    }

    List<String> problems() {
        return List.copyOf(problems);
    }
}
