package org.peerdesk.messaging.core;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.peerdesk.backup.spi.BackupSource;
import org.peerdesk.core.Counts;
import org.peerdesk.core.PeerId;
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
        messaging.writeConversations(into);
    }

    @Override
    public Optional<String> takeBack(Path from, PeerId node) throws IOException, MessagingException {
        return messaging.takeBackConversations(from, node).filter(taken -> taken.fromTheBackup().messages() > 0)
                .map(taken -> Counts.of(taken.fromTheBackup().messages(), "message") + " in "
                        + Counts.of(taken.fromTheBackup().conversations(), "conversation")
                        + (taken.peersAsked() == 0 ? "" : "; those since the backup come from " + Counts.of(taken.peersAsked(), "peer")
                                + " as they connect"));
    }

    @Override
    public Optional<String> takeBackWithoutData(PeerId node) throws MessagingException {
        int asked = messaging.catchUpWithoutHistory(node);
        return asked == 0 ? Optional.empty() : Optional.of("none kept; they come from " + Counts.of(asked, "peer") + " as they connect");
    }
}
