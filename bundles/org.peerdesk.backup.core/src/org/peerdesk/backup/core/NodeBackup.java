package org.peerdesk.backup.core;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.peerdesk.backup.BackupService;
import org.peerdesk.backup.spi.BackupSource;
import org.peerdesk.core.PeerdeskException;
import org.peerdesk.identity.NodeIdentity;
import org.peerdesk.permissions.PermissionService;
import org.peerdesk.transport.PeerDirectory;

/** Offers the node itself to backups (see {@link NodeKeeping}), for sets that take it. */
@Component(service = BackupSource.class)
public final class NodeBackup implements BackupSource {

    private final NodeKeeping keeping;

    @Activate
    public NodeBackup(@Reference NodeIdentity identity, @Reference PeerDirectory directory, @Reference PermissionService permissions) {
        this.keeping = new NodeKeeping(identity, directory, permissions, Clock.systemUTC());
    }

    @Override
    public String name() {
        return BackupService.NODE_SOURCE;
    }

    @Override
    public String label() {
        return "this node's identity, peers and access (so that a new machine can take its place)";
    }

    @Override
    public void write(Path into) throws IOException, PeerdeskException {
        keeping.write(into);
    }
}
