package org.peerdesk.files;

import java.util.List;
import java.util.Optional;

import org.peerdesk.core.PeerId;

/**
 * One page of a folder in a peer's share: the entries the peer's grant lets this node see, folders first and
 * then files, each by name as people sort names (case aside, numbers by their value), and where the next page
 * starts (pass it as {@code after}) if there is one.
 */
public record RemoteListing(PeerId peer, String share, String path, List<FileEntry> entries, Optional<String> next) {

    public RemoteListing {
        entries = List.copyOf(entries);
    }
}
