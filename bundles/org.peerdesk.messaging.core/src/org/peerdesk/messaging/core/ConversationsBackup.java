package org.peerdesk.messaging.core;

import java.io.IOException;
import java.nio.file.Path;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.peerdesk.backup.spi.BackupSource;
import org.peerdesk.messaging.MessagingException;

/** Offers the conversations to backups, as text (see {@link Transcripts}), for sets that take them. */
@Component(service = BackupSource.class)
public final class ConversationsBackup implements BackupSource {

    private final MessagingComponent messaging;

    @Activate
    public ConversationsBackup(@Reference MessagingComponent messaging) {
        this.messaging = messaging;
    }

    @Override
    public String name() {
        return Transcripts.SOURCE;
    }

    @Override
    public String label() {
        return "your conversations, as text";
    }

    @Override
    public void write(Path into) throws IOException, MessagingException {
        messaging.writeTranscripts(into);
    }
}
