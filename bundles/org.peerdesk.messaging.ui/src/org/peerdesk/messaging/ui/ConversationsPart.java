package org.peerdesk.messaging.ui;

import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.e4.ui.workbench.modeling.EPartService.PartState;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.peerdesk.core.Counts;
import org.peerdesk.core.PeerId;
import org.peerdesk.identity.NodeIdentity;
import org.peerdesk.messaging.Conversation;
import org.peerdesk.messaging.ConversationId;
import org.peerdesk.messaging.MailboxStatus;
import org.peerdesk.messaging.Message;
import org.peerdesk.messaging.MessageService;
import org.peerdesk.messaging.event.MessageTopics;
import org.peerdesk.transport.KnownPeer;
import org.peerdesk.transport.Introductions;
import org.peerdesk.transport.PeerDirectory;
import org.peerdesk.transport.event.TransportTopics;
import org.peerdesk.ui.Background;
import org.peerdesk.ui.ContextMenus;
import org.peerdesk.ui.ConversationActions;
import org.peerdesk.ui.ControlRows;
import org.peerdesk.ui.Icons;
import org.peerdesk.ui.StatusLabels;
import org.peerdesk.ui.Tables;
import org.peerdesk.ui.Times;
import org.peerdesk.ui.UiEvents;
import org.peerdesk.ui.WidgetIds;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/**
 * The conversations, most recently active first, with unread counts; opening one shows it in the
 * Chat part. A search over all messages lists the messages found in their place, each opening its
 * conversation.
 */
public final class ConversationsPart {

    static final String ID = "org.peerdesk.messaging.ui.part.conversations";
    static final String CHAT_PART = "org.peerdesk.messaging.ui.part.chat";

    @Inject
    UISynchronize ui;

    @Inject
    IEventBroker events;

    @Inject
    EPartService parts;

    @Inject
    MApplication application;

    @Inject
    @Optional
    @Service
    MessageService messages;

    @Inject
    @Optional
    @Service
    PeerDirectory directory;

    @Inject
    @Optional
    @Service
    NodeIdentity identity;

    @Inject
    @Optional
    @Service
    Introductions introductions;

    private static final int FOUND = 200;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MMM d, HH:mm").withZone(ZoneId.systemDefault());

    private Label status;
    private Text search;
    private TableViewer table;
    /** The messages a search found, shown in place of the conversations while there is one. */
    private TableViewer found;
    private Background background;
    private Names names;
    /** What the user's last clearing of a history or leaving of a group did, said before the summary. */
    private String told = "";

    @PostConstruct
    void create(Composite parent) {
        GridLayoutFactory.swtDefaults().margins(10, 10).applyTo(parent);
        status = StatusLabels.create(parent, "conversations.status");
        if (messages == null || identity == null) {
            status.setText("The node is not running, so there are no conversations to show.");
            return;
        }
        names = Names.none(identity);
        Composite actions = ControlRows.create(parent);
        Tables.button(actions, "New message...", "conversations.new", () -> start(false));
        Tables.button(actions, "New group...", "conversations.group", () -> start(true));
        search = WidgetIds.name(new Text(parent, SWT.SEARCH | SWT.ICON_SEARCH | SWT.ICON_CANCEL), "conversations.search");
        search.setMessage("Search all messages, then Enter");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(search);
        search.addListener(SWT.DefaultSelection, event -> {
            if (event.detail == SWT.ICON_CANCEL || search.getText().isBlank()) {
                showConversations();
            } else {
                search(search.getText().strip());
            }
        });
        table = Tables.create(parent, "conversations.table");
        Tables.keyedBy(table, Conversation.class, Conversation::id);
        Tables.iconColumn(table, Conversation.class, "Conversation", 120, conversation -> names.of(conversation),
                conversation -> conversation.kind() == Conversation.Kind.GROUP ? Icons.PEOPLE : Icons.PERSON);
        Tables.column(table, Conversation.class, "Unread", 55, ConversationsPart::unread, ConversationsPart::unreadTip);
        Tables.column(table, Conversation.class, "When", 70, conversation -> conversation.last().map(Message::sent).map(Times::brief).orElse(""),
                conversation -> conversation.last().map(Message::sent).map(Times::full).orElse(null));
        Tables.column(table, Conversation.class, "Last message", 200, this::lastLine);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(table.getControl());
        table.addOpenListener(event -> open(Tables.selected(table, Conversation.class)));
        table.addSelectionChangedListener(event -> open(Tables.selected(table, Conversation.class)));
        ContextMenus.of(table.getControl(), () -> {
            Conversation selected = Tables.selected(table, Conversation.class);
            List<ContextMenus.Action> menu = new ArrayList<>(List.of(new ContextMenus.Action(selected != null && selected.muted()
                    ? "Un&mute" : "&Mute", selected != null, () -> mute(selected, !selected.muted())),
                    new ContextMenus.Action("&Disappearing messages...", selected != null && selected.members().contains(identity.peerId()),
                            () -> setDisappearing(selected)),
                    new ContextMenus.Action("E&xport...", selected != null, () -> export(selected)),
                    new ContextMenus.Action("Clear &history...", selected != null, () -> clearHistory(selected)),
                    new ContextMenus.Action("&Introduce members to each other", selected != null && introducible(selected).size() > 1,
                            () -> introduceMembers(selected)),
                    new ContextMenus.Action("&Leave group...", selected != null && mayLeave(selected), () -> leave(selected))));
            if (selected != null) {
                menu.addAll(ConversationActions.of(application, selected.id().value())); // plugins' own
            }
            return menu;
        });
        found = Tables.create(parent, "conversations.found");
        Tables.column(found, Message.class, "In", 80, this::conversationName);
        Tables.column(found, Message.class, "When", 90, message -> TIME.format(message.sent()));
        Tables.column(found, Message.class, "From", 80, message -> names.of(message.author()));
        Tables.column(found, Message.class, "Message", 200, MessageTexts::oneLine, MessageTexts::tip);
        GridDataFactory.fillDefaults().grab(true, true).exclude(true).applyTo(found.getControl());
        found.getControl().setVisible(false);
        found.addOpenListener(event -> openFound());
        found.addSelectionChangedListener(event -> openFound());
        background = new Background(ui, status);
        refresh();
        for (String topic : List.of(MessageTopics.MESSAGE_ADDED, MessageTopics.CONVERSATION_CHANGED, MessageTopics.DELIVERY_CHANGED,
                TransportTopics.KNOWN_PEERS_CHANGED)) { // peers renamed or forgotten
            UiEvents.follow(events, topic, status, this::refresh);
        }
    }

    /** The name of the conversation a message found belongs to, as the list of conversations shows it. */
    private String conversationName(Message message) {
        return table.getInput() instanceof List<?> listed ? listed.stream().filter(Conversation.class::isInstance).map(Conversation.class::cast)
                .filter(conversation -> conversation.id().equals(message.conversation())).findFirst().map(names::of).orElse("") : "";
    }

    /** The last message, with its author's name where the conversation's name does not say it already. */
    /** The last message, or what the user was writing there and did not send ("Draft: ..."). */
    private String lastLine(Conversation conversation) {
        if (!conversation.draft().isEmpty()) {
            return "Draft: " + conversation.draft().text().strip().replaceAll("\\s*\\n\\s*", " / ");
        }
        return conversation.last().map(message -> {
            boolean mine = message.author().equals(identity.peerId());
            String author = message.kind() != Message.Kind.TEXT ? "" // a note says who in its text
                    : mine ? "You: " : conversation.kind() == Conversation.Kind.GROUP ? names.of(message.author()) + ": " : "";
            return author + MessageTexts.oneLine(message);
        }).orElse("");
    }

    /**
     * The conversations, names to show them by, what keeps the mailbox from serving, if anything does, and the peers still to
     * give back what came after the last backup, after a take-over.
     */
    private record Listing(List<Conversation> conversations, Names names, MailboxStatus mailbox, List<PeerId> catchingUpFrom) {
    }

    void refresh() {
        background.refresh(() -> new Listing(messages.conversations(), Names.read(directory, messages, identity), messages.mailboxStatus(),
                messages.catchingUpFrom()), this::show);
    }

    private void show(Listing listing, String error) {
        if (error != null) {
            status.setText("Conversations cannot be read: " + error);
            return;
        }
        names = listing.names();
        List<Conversation> list = listing.conversations();
        table.setInput(list);
        if (found.getControl().getVisible()) {
            return;
        }
        int unread = list.stream().mapToInt(Conversation::unread).sum();
        status.setText(told + (list.isEmpty() ? "No conversations yet. Start one with \"New message...\"."
                : Counts.of(list.size(), "conversation") + (unread > 0 ? ", " + unread + " unread." : "."))
                + mailboxProblem(listing.mailbox()) + catchingUp(listing.catchingUpFrom()));
        StatusLabels.fit(status);
    }

    private String catchingUp(List<PeerId> peers) {
        return peers.isEmpty() ? "" : " What came after the last backup is still to come from "
                + peers.stream().map(names::of).collect(Collectors.joining(", ")) + " (each as it connects).";
    }

    /** A warning that mail from the mailbox did not come through, where the user would otherwise never look. */
    private String mailboxProblem(MailboxStatus mailbox) {
        return mailbox.mailbox().isEmpty() || mailbox.problem().isEmpty() ? ""
                : " Mail from your mailbox, " + names.of(mailbox.mailbox().get()) + ", did not come through: " + mailbox.problem().get()
                        + " (File, Settings..., Messages).";
    }

    /** Lists the newest messages holding every word of {@code text}, in place of the conversations. */
    private void search(String text) {
        background.run(() -> messages.search(text, FOUND), (results, error) -> {
            if (error != null) {
                status.setText(error);
                return;
            }
            found.setInput(results);
            status.setText(results.isEmpty() ? "No message holds \"" + text + "\"."
                    : (results.size() == FOUND ? "The newest " + FOUND + " messages" : Counts.of(results.size(), "message"))
                            + " holding \"" + text + "\". Open one to see its conversation.");
            showing(found, table);
        });
    }

    private void showConversations() {
        search.setText("");
        showing(table, found);
        refresh();
    }

    private void showing(TableViewer shown, TableViewer hidden) {
        ((GridData) hidden.getControl().getLayoutData()).exclude = true;
        hidden.getControl().setVisible(false);
        ((GridData) shown.getControl().getLayoutData()).exclude = false;
        shown.getControl().setVisible(true);
        StatusLabels.fit(status);
    }

    /** Opens the conversation of the message found, scrolled to it and with it selected. */
    private void openFound() {
        Message message = Tables.selected(found, Message.class);
        if (message == null) {
            return;
        }
        MPart chat = open(message.conversation());
        if (chat != null && chat.getObject() instanceof ChatPart part) {
            part.reveal(message);
        }
    }

    private void open(Conversation conversation) {
        if (conversation != null) {
            open(conversation.id());
        }
    }

    private MPart open(ConversationId id) {
        application.getContext().set(ConversationId.class, id);
        return parts.showPart(CHAT_PART, PartState.VISIBLE);
    }

    /** Deletes this computer's copy of the conversation's messages, once the user confirms it. */
    private void clearHistory(Conversation conversation) {
        String name = names.of(conversation);
        boolean group = conversation.kind() == Conversation.Kind.GROUP;
        confirmed("Clear history", "Delete the messages of " + (group ? "\"" + name + "\"" : "your conversation with " + name)
                + " from this computer?\n\n" + (group ? "The other members keep theirs" : name + " keeps theirs")
                + ". Messages of yours still on their way stay until they are delivered. This cannot be undone.", MessageDialog.WARNING,
                "Delete messages", () -> messages.clearHistory(conversation.id()),
                count -> "Deleted " + Counts.of(count, "message") + " of " + name + " from this computer.");
    }

    /**
     * How many of its messages are unread, whether any of those mention the user, and whether it is muted: "3", "3 @",
     * "muted", "3, muted".
     */
    private static String unread(Conversation conversation) {
        String count = conversation.unread() == 0 ? "" : conversation.unread() + (conversation.unreadMentions() > 0 ? " @" : "");
        return !conversation.muted() ? count : count.isEmpty() ? "muted" : count + ", muted";
    }

    private static String unreadTip(Conversation conversation) {
        String mentions = conversation.unreadMentions() == 0 ? ""
                : conversation.unreadMentions() == 1 ? "1 of them mentions you" : conversation.unreadMentions() + " of them mention you";
        String muted = conversation.muted() ? "Muted: its messages are neither announced nor counted on the tab, but for those that mention"
                + " you (right-click, Unmute)" : "";
        String tip = Stream.of(mentions, muted).filter(part -> !part.isEmpty()).collect(Collectors.joining(". "));
        return tip.isEmpty() ? null : tip;
    }

    /** Mutes a conversation on this computer (its messages are no longer announced, nor counted on the tab), or unmutes it. */
    private void mute(Conversation conversation, boolean mute) {
        background.run(() -> messages.mute(conversation.id(), mute), (changed, error) -> {
            told = (error != null ? error : mute ? "Muted " + names.of(conversation) + ": its messages come and count as unread here,"
                    + " without a notice or a count on the tab, but for those that mention you." : "Unmuted " + names.of(conversation) + ".") + " ";
            refresh();
        });
    }

    /** Writes the conversation to a text file the user names. */
    private void export(Conversation conversation) {
        String named = conversation.kind() == Conversation.Kind.GROUP ? "\"" + names.of(conversation) + "\""
                : "your conversation with " + names.of(conversation);
        background.run(() -> messages.exportName(conversation.id()), (name, failed) -> {
            if (failed != null) {
                told = failed + " ";
                refresh();
                return;
            }
            ExportDialog dialog = new ExportDialog(status.getShell(), named, Path.of(System.getProperty("user.home"), name));
            if (dialog.open() != Window.OK) {
                return;
            }
            background.run(() -> messages.export(conversation.id(), dialog.chosen(), true), (count, error) -> {
                told = (error != null ? error : "Wrote " + Counts.of(count, "message") + " of " + named + " to " + dialog.chosen() + ".")
                        + " ";
                refresh();
            });
        });
    }

    /** Asks how long the conversation's messages are to last, and sets it for every member. */
    private void setDisappearing(Conversation conversation) {
        String named = conversation.kind() == Conversation.Kind.GROUP ? "\"" + names.of(conversation) + "\""
                : "your conversation with " + names.of(conversation);
        DisappearingDialog dialog = new DisappearingDialog(status.getShell(), named, conversation.disappearAfter());
        if (dialog.open() != Window.OK || dialog.chosen().equals(conversation.disappearAfter())) {
            return;
        }
        background.run(() -> messages.setDisappearing(conversation.id(), dialog.chosen()), (note, error) -> {
            told = (error != null ? error : note.body() + ", for everyone in " + named + ".") + " ";
            refresh();
        });
    }

    /** A group someone else created, which this node is still a member of. */
    private boolean mayLeave(Conversation conversation) {
        PeerId self = identity.peerId();
        return conversation.kind() == Conversation.Kind.GROUP && !conversation.creator().equals(self) && conversation.members().contains(self);
    }

    /** The members of a group, other than this node, that the user knows as peers and so can introduce to each other. */
    private List<PeerId> introducible(Conversation conversation) {
        if (introductions == null || conversation.kind() != Conversation.Kind.GROUP) {
            return List.of();
        }
        return conversation.members().stream().filter(names::isPeer).toList();
    }

    /**
     * Introduces a group's members to each other, so that those who do not know each other as peers can add each
     * other: their messages then go directly, and their files can be fetched.
     */
    private void introduceMembers(Conversation group) {
        List<PeerId> members = introducible(group);
        background.run(() -> {
            introductions.introduce(members);
            return members.size();
        }, (count, error) -> {
            told = (error != null ? error : "Introduced " + Counts.of(count, "member") + " of \"" + group.title()
                    + "\" to each other; each adds the others by accepting.") + " ";
            refresh();
        });
    }

    /** Asks the group's creator to take this node out, once the user confirms it. */
    private void leave(Conversation group) {
        String creator = names.of(group.creator());
        confirmed("Leave group", "Leave \"" + group.title() + "\"?\n\n" + creator + " created it, so " + creator
                + "'s node takes you out: at once if it is online, else when it is next. Until then you stay a member. To come back, ask "
                + creator + " to add you again.", MessageDialog.QUESTION, "Leave", () -> messages.leaveGroup(group.id()),
                left -> "Asked " + creator + " to take you out of \"" + group.title() + "\".");
    }

    /** Asks the user {@code question}; if they choose {@code button}, does {@code work} and says its outcome before the summary. */
    private <T> void confirmed(String title, String question, int kind, String button, Background.Work<T> work, Function<T, String> outcome) {
        if (new MessageDialog(status.getShell(), title, null, question, kind, 0, button, "Cancel").open() != 0) {
            return;
        }
        background.run(work, (result, error) -> {
            told = (error != null ? error : outcome.apply(result)) + " ";
            refresh();
        });
    }

    /** Asks whom to write to (one peer, or a group's title and members), then opens the conversation. */
    private void start(boolean group) {
        background.run(() -> directory == null ? List.<KnownPeer>of() : directory.peers(), (known, error) -> {
            if (error != null) {
                status.setText("Known peers cannot be read: " + error);
                return;
            }
            if (known.isEmpty()) {
                status.setText("No known peers yet. Connect to one in the Peers view first.");
                return;
            }
            PeerChooser chooser = new PeerChooser(status.getShell(), known, group);
            if (chooser.open() != Window.OK) {
                return;
            }
            PeerChooser.Choice choice = chooser.choice();
            background.run(() -> group ? messages.createGroup(choice.title(), choice.peers()) : messages.direct(choice.peers().get(0)),
                    (conversation, failed) -> {
                        if (failed != null) {
                            status.setText(failed);
                            return;
                        }
                        refresh();
                        open(conversation.id());
                    });
        });
    }
}
