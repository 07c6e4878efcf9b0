package org.peerdesk.backup.core;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.peerdesk.transport.Stream;
import org.peerdesk.transport.spi.ProtocolHandler;

/**
 * Serves the backup protocol. Any peer may open it: every request needs the vault owner's proof,
 * storing also the store-backup right (checked per batch, so a revoked grant stops uploads), and a
 * new node recovering with the phrase must be able to read its vault before anyone granted it anything.
 */
@Component(service = ProtocolHandler.class, property = {
    ProtocolHandler.PROTOCOL + "=" + BackupWire.PROTOCOL, ProtocolHandler.ACCESS + "=anyone"})
public final class BackupHandler implements ProtocolHandler {

    private final BackupComponent backups;

    @Activate
    public BackupHandler(@Reference BackupComponent backups) {
        this.backups = backups;
    }

    @Override
    public void handle(Stream stream) throws Exception {
        backups.serve(stream);
    }
}
