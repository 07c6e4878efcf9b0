package org.peerdesk.messaging.core;

import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.peerdesk.core.Attention;
import org.peerdesk.core.AttentionSource;
import org.peerdesk.messaging.MessageService;
import org.peerdesk.messaging.MessagingException;

/** A mailbox that does not serve this node: mail sent to it while it was off does not come through. */
@Component(service = AttentionSource.class)
public final class MailboxAttention implements AttentionSource {

    /** The desktop's Settings dialog, whose Messages tab chooses the mailbox. */
    private static final String SETTINGS = "org.peerdesk.app.command.settings";

    private final MessageService messages;

    @Activate
    public MailboxAttention(@Reference MessageService messages) {
        this.messages = messages;
    }

    @Override
    public String area() {
        return "messages";
    }

    @Override
    public List<Attention> attention() throws MessagingException {
        return messages.mailboxStatus().problem().map(problem -> List.of(new Attention(area(), "mailbox: " + problem, "peerdesk mailbox", SETTINGS)))
                .orElse(List.of());
    }
}
