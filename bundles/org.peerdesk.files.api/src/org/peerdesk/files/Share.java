package org.peerdesk.files;

import java.nio.file.Path;
import java.util.Objects;

/** A local folder offered to peers under a name. Who may see it is up to the grants on the resource of the same name. */
public record Share(String id, String name, Path folder, IndexState index) {

    public Share {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(index, "index");
    }
}
