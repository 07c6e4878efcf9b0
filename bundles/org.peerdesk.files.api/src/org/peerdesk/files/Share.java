package org.peerdesk.files;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;

import org.peerdesk.core.PeerId;

/**
 * A local folder offered to peers under a name. Who may see it is up to the grants on the
 * resource of the same name; {@code syncWith} are the peers whose copies this node keeps in step,
 * both ways, where each side granted the other write.
 */
public record Share(String id, String name, Path folder, Set<PeerId> syncWith, IndexState index) {

    public Share {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(folder, "folder");
        syncWith = Set.copyOf(syncWith);
        Objects.requireNonNull(index, "index");
    }
}
