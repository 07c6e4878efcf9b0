package org.peerdesk.messaging.ui;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.peerdesk.core.PeerId;
import org.peerdesk.core.PeerdeskException;
import org.peerdesk.messaging.MailboxStatus;
import org.peerdesk.messaging.MessageService;
import org.peerdesk.transport.KnownPeer;
import org.peerdesk.transport.PeerDirectory;
import org.peerdesk.ui.SettingsRows;
import org.peerdesk.ui.SettingsSection;
import org.peerdesk.ui.WidgetIds;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/** Settings, Messages: the peer that holds this node's mail while it is off, whether it serves, and whose mail this node holds. */
public final class MailboxSettings implements SettingsSection {

    @Inject
    @org.eclipse.e4.core.di.annotations.Optional
    @Service
    MessageService messages;

    @Inject
    @org.eclipse.e4.core.di.annotations.Optional
    @Service
    PeerDirectory directory;

    /** The choices of the list, in its order: none, then the known peers. */
    private final List<Optional<PeerId>> choices = new ArrayList<>();
    private Optional<PeerId> current = Optional.empty();
    private Combo mailbox;

    @PostConstruct
    void create(Composite section) {
        if (messages == null || directory == null) {
            SettingsRows.notRunning(section);
            return;
        }
        SettingsRows.note(section, "A mailbox is a peer that is always on (a headless node, say) and that your contacts trust too:"
                + " it holds their messages to you while this computer is off, encrypted to you, and you fetch them when you"
                + " come back.");
        mailbox = WidgetIds.name(new Combo(section, SWT.READ_ONLY | SWT.DROP_DOWN), "settings.mailbox");
        GridDataFactory.fillDefaults().hint(300, SWT.DEFAULT).applyTo(mailbox);
        try {
            current = messages.mailbox();
            choices.add(Optional.empty());
            mailbox.add("None");
            for (KnownPeer peer : directory.peers()) {
                choices.add(Optional.of(peer.id()));
                mailbox.add(peer.name() + "  (" + peer.id().shortForm() + ")");
            }
            if (!choices.contains(current)) { // forgotten since: kept unless the user picks another
                choices.add(current);
                mailbox.add(current.orElseThrow().shortForm() + "  (no longer a known peer)");
            }
        } catch (PeerdeskException e) {
            SettingsRows.note(section, "The mailbox cannot be read: " + e.getMessage());
        }
        mailbox.select(Math.max(0, choices.indexOf(current)));
        showStatus(section);
    }

    /** Whether the chosen mailbox serves this computer, and whose mail this one holds. */
    private void showStatus(Composite section) {
        try {
            MailboxStatus status = messages.mailboxStatus();
            Instant now = Instant.now();
            if (status.mailbox().isPresent()) {
                PeerId box = status.mailbox().get();
                WidgetIds.name(SettingsRows.note(section, MailboxWords.serving(status, directory.nameOf(box),
                        directory.find(box).flatMap(KnownPeer::lastSeen), now)), "settings.mailbox.status");
            }
            status.problem().ifPresent(problem -> {
                Label warning = WidgetIds.name(SettingsRows.note(section, "Problem: " + problem + "."), "settings.mailbox.problem");
                warning.setForeground(section.getDisplay().getSystemColor(SWT.COLOR_DARK_RED));
            });
            MailboxWords.holding(messages.heldMail(), directory::nameOf, now)
                    .ifPresent(holding -> WidgetIds.name(SettingsRows.note(section, holding), "settings.mailbox.held"));
        } catch (PeerdeskException e) {
            SettingsRows.note(section, "The mailbox's state cannot be read: " + e.getMessage());
        }
    }

    @Override
    public Optional<String> apply() {
        if (mailbox == null || mailbox.getSelectionIndex() < 0) {
            return Optional.empty();
        }
        return SettingsSection.saveIfChanged(current, choices.get(mailbox.getSelectionIndex()), messages::setMailbox);
    }
}
