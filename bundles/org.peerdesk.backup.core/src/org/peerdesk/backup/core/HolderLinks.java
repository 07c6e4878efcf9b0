package org.peerdesk.backup.core;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.peerdesk.core.PeerId;
import org.peerdesk.transport.ProtocolId;

/**
 * The links one operation holds with the holders it needs: opened to those online, with a note for
 * each one that is not. Closed together when the operation ends.
 */
final class HolderLinks implements AutoCloseable {

    private static final ProtocolId PROTOCOL = ProtocolId.of(BackupWire.PROTOCOL);

    private final Map<PeerId, HolderLink> links = new LinkedHashMap<>();
    private final List<String> unreachable = new ArrayList<>();
    private final Function<PeerId, String> names;

    private HolderLinks(Function<PeerId, String> names) {
        this.names = names;
    }

    /** Opens links to every holder in {@code holders} that can be reached; names from {@code names}. */
    static HolderLinks open(Streams streams, VaultKeys keys, Collection<PeerId> holders, Function<PeerId, String> names) {
        HolderLinks opened = new HolderLinks(names);
        for (PeerId holder : holders) {
            if (!streams.connected(holder)) {
                opened.unreachable.add(names.apply(holder) + " is offline");
                continue;
            }
            try {
                opened.links.put(holder, HolderLink.open(streams.open(holder, PROTOCOL), keys));
            } catch (IOException e) {
                opened.unreachable.add(names.apply(holder) + ": " + e.getMessage());
            }
        }
        return opened;
    }

    /** What to call {@code holder} in a message to the user. */
    String nameOf(PeerId holder) {
        return names.apply(holder);
    }

    Optional<HolderLink> link(PeerId holder) {
        HolderLink link = links.get(holder);
        return link == null || link.broken() ? Optional.empty() : Optional.of(link);
    }

    /** The holders with a working link, in the order asked for. */
    List<PeerId> online() {
        return links.values().stream().filter(link -> !link.broken()).map(HolderLink::holder).toList();
    }

    /** Why the holders without a link have none. */
    List<String> unreachable() {
        return List.copyOf(unreachable);
    }

    @Override
    public void close() {
        links.values().forEach(HolderLink::close);
    }
}
