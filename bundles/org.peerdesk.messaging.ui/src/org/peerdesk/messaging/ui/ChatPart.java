package org.peerdesk.messaging.ui;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.dnd.FileTransfer;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.program.Program;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Listener;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.peerdesk.core.Counts;
import org.peerdesk.core.Intervals;
import org.peerdesk.core.NameOrder;
import org.peerdesk.core.PeerId;
import org.peerdesk.core.Sentences;
import org.peerdesk.files.Transfer;
import org.peerdesk.files.Transfers;
import org.peerdesk.files.event.FileTopics;
import org.peerdesk.files.event.TransferChanged;
import org.peerdesk.identity.NodeIdentity;
import org.peerdesk.messaging.Attachment;
import org.peerdesk.messaging.Conversation;
import org.peerdesk.messaging.ConversationId;
import org.peerdesk.messaging.Draft;
import org.peerdesk.messaging.Message;
import org.peerdesk.messaging.MessageService;
import org.peerdesk.messaging.MessagingException;
import org.peerdesk.messaging.Reaction;
import org.peerdesk.messaging.Receipt;
import org.peerdesk.messaging.event.MessageTopics;
import org.peerdesk.permissions.AccessRequests;
import org.peerdesk.permissions.PermissionException;
import org.peerdesk.permissions.Resource;
import org.peerdesk.permissions.Right;
import org.peerdesk.permissions.event.PermissionTopics;
import org.peerdesk.transport.KnownPeer;
import org.peerdesk.transport.PeerDirectory;
import org.peerdesk.transport.event.TransportTopics;
import org.peerdesk.ui.Background;
import org.peerdesk.ui.Drops;
import org.peerdesk.ui.PeerActions;
import org.peerdesk.ui.Tables;
import org.peerdesk.ui.UiEvents;
import org.peerdesk.ui.WidgetIds;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

/**
 * The open conversation: its newest messages in the order every member sees, each whole and wrapped to the
 * view, what became of the ones sent from here (sending, waiting and why, at the mailbox, delivered, read),
 * who is typing, and a composer. Files dropped on it are sent; clicking the files that came with a message
 * fetches them, and opens them once they are here; any text can be selected and copied, and Ctrl+C with nothing
 * selected copies the message at the cursor. A group's creator changes its members here. Enter sends;
 * Shift+Enter starts a new line. Messages shown while the window has the focus are marked read. What the user writes
 * and does not send is kept as the conversation's draft, there again when they come back to it.
 */
public final class ChatPart {

    /** How many more messages the history shows each time its reader reaches the top. */
    private static final int PAGE = 200;
    /** The most messages the history holds, however far back its reader goes. */
    private static final int MOST = 5000;
    /** How many messages before a found one are shown with it. */
    private static final int BEFORE_FOUND = 20;
    /** How long after the last keystroke what the composer holds is kept as a draft. */
    private static final int DRAFT_DELAY_MILLIS = 1000;

    @Inject
    UISynchronize ui;

    @Inject
    IEventBroker events;

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
    Transfers transfers;

    @Inject
    @Optional
    @Service
    AccessRequests access;

    @Inject
    MApplication application;

    private ConversationId current;
    /** The conversation shown, as last read. */
    private Conversation open;
    /** How many of the newest messages the history shows. */
    private int limit = PAGE;
    /** A message a search found, to show and select once it is read. */
    private Message revealing;
    /**
     * The first message that was unread when the conversation was opened, where the chat says new messages begin until
     * another is opened; empty before the first read of it (see {@link #newFromKnown}).
     */
    private java.util.Optional<String> newFrom = java.util.Optional.empty();
    private boolean newFromKnown;
    /** Whether the composer was given the open conversation's draft yet (once, at the first read of it). */
    private boolean draftShown;
    /** While the composer is given a draft: no one is typing. */
    private boolean restoringDraft;
    /** Keeps what the composer holds as the open conversation's draft: a moment after the user stops typing. */
    private final Runnable draftSaver = this::saveDraft;
    /** The files of the messages shown that were fetched here, by message ID. */
    private Map<String, List<Path>> fetched = Map.of();
    private Label title;
    /** Shown for a group this node created, which only it may change. */
    private Button members;
    private PinnedBar pinnedBar;
    private ChatHistory history;
    private Label typing;
    private ReplyBar replyBar;
    private Text composer;
    /** Offers members' names as the user types "@" in the composer. */
    private MentionCompletion mentions;
    private Button send;
    private Label status;
    /** Shown while members of the open conversation refuse this node's messages and have not been asked yet. */
    private Button ask;
    /** Those members, in the order the button asks them. */
    private List<PeerId> toAsk = List.of();
    private Background background;
    private MessageRevisions revisions;
    private MessageForwarding forwarding;
    private Names names;
    private boolean explaining;

    /** The conversation to show, set by the Conversations part in the application's context. */
    @Inject
    @Optional
    void show(ConversationId conversation) {
        boolean another = !java.util.Objects.equals(conversation, current);
        if (current != null && another && composer != null && !composer.isDisposed()) {
            saveDraft();
        }
        current = conversation;
        draftShown = false;
        limit = PAGE;
        revealing = null;
        newFrom = java.util.Optional.empty();
        newFromKnown = false;
        if (history != null && !history.control().isDisposed()) {
            composer.setText("");
            replyBar.clear();
            if (another) {
                status.setText(""); // what the chat said was about the conversation shown before
                explaining = false;
            }
            refresh();
        }
    }

    /** Shows a message of the open conversation that the chat does not show yet, by its ID: scrolled to, selected. */
    private void reveal(String messageId) {
        background.run(() -> messages.message(messageId), (found, error) -> {
            if (error != null || found.isEmpty()) {
                status.setText(error != null ? error : "That message is no longer on this computer.");
            } else if (found.get().conversation().equals(current)) {
                reveal(found.get());
            }
        });
    }

    /** Shows a message a search found: its conversation (already {@link #show shown}), scrolled to it, selected. */
    void reveal(Message message) {
        revealing = message;
        if (history != null && !history.control().isDisposed()) {
            refresh();
        }
    }

    @PostConstruct
    void create(Composite parent) {
        GridLayoutFactory.swtDefaults().margins(10, 10).applyTo(parent);
        Composite heading = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).applyTo(heading);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(heading);
        title = WidgetIds.name(new Label(heading, SWT.WRAP), "chat.title");
        GridDataFactory.fillDefaults().grab(true, false).align(SWT.FILL, SWT.CENTER).applyTo(title);
        members = Tables.button(heading, "Members...", "chat.members", this::changeMembers);
        members.setToolTipText("Rename this group, add members to it or remove them; you created it, so only you can");
        GridDataFactory.swtDefaults().exclude(true).applyTo(members);
        members.setVisible(false);
        if (messages == null || identity == null) {
            title.setText("The node is not running, so there are no messages to show.");
            return;
        }
        names = Names.none(identity);
        pinnedBar = new PinnedBar(parent, this::reveal);
        history = new ChatHistory(parent, new ChatHistory.Actions(this::replyTo, this::react,
                message -> forwarding.forward(status.getShell(), message, fetched.containsKey(message.id()), names), this::pinOrUnpin, this::openOrFetch, this::showReceipts,
                message -> revisions.edit(status.getShell(), message), message -> revisions.delete(status.getShell(), message),
                this::reveal),
                said -> status.setText(said));
        GridDataFactory.fillDefaults().grab(true, true).hint(300, 200).applyTo(history.control());
        history.onReachingTop(() -> {
            limit = Math.min(MOST, limit + PAGE);
            refresh();
        });

        typing = WidgetIds.name(new Label(parent, SWT.NONE), "chat.typing");
        typing.setFont(JFaceResources.getFontRegistry().getItalic(JFaceResources.DEFAULT_FONT));
        GridDataFactory.fillDefaults().grab(true, false).applyTo(typing);

        replyBar = new ReplyBar(parent);
        Composite compose = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).applyTo(compose);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(compose);
        composer = WidgetIds.name(new Text(compose, SWT.BORDER | SWT.MULTI | SWT.WRAP | SWT.V_SCROLL), "chat.composer");
        composer.setMessage("Write a message; Enter sends, Shift+Enter adds a line, @ names a member, Up edits your last one");
        GridDataFactory.fillDefaults().grab(true, false).hint(SWT.DEFAULT, 54).applyTo(composer);
        composer.addListener(SWT.KeyDown, event -> {
            if (mentions.isOpen()) {
                return; // Enter, Escape and the arrows choose among the names offered
            }
            if ((event.keyCode == SWT.CR || event.keyCode == SWT.KEYPAD_CR) && (event.stateMask & SWT.SHIFT) == 0) {
                event.doit = false;
                send();
            } else if (event.keyCode == SWT.ESC && replyBar.answered().isPresent()) {
                event.doit = false;
                replyBar.clear();
            } else if (event.keyCode == SWT.ARROW_UP && (event.stateMask & SWT.MODIFIER_MASK) == 0 && composer.getText().isEmpty()) {
                history.newestOwn().ifPresent(message -> {
                    event.doit = false;
                    revisions.edit(status.getShell(), message);
                });
            }
        });
        mentions = new MentionCompletion(composer, () -> open == null ? Map.of() : names.others(open));
        composer.addModifyListener(event -> {
            if (current != null && !composer.getText().isBlank() && !restoringDraft) {
                messages.typing(current);
            }
            composer.getDisplay().timerExec(DRAFT_DELAY_MILLIS, draftSaver);
        });
        send = Tables.button(compose, "Send", "chat.send", this::send);
        for (Control target : List.of(composer, history.control())) {
            Drops.accept(target, FileTransfer.getInstance(), event -> current != null, event -> {
                if (event.data instanceof String[] files) {
                    sendFiles(files);
                }
            });
        }
        Composite footer = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).applyTo(footer);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(footer);
        status = WidgetIds.name(new Label(footer, SWT.WRAP), "chat.status");
        GridDataFactory.fillDefaults().grab(true, false).align(SWT.FILL, SWT.CENTER).applyTo(status);
        ask = Tables.button(footer, "Ask for the right...", "chat.ask", this::askForTheRight);
        ask.setToolTipText("Asks for the right to message them: your messages wait here until they give it");
        GridDataFactory.swtDefaults().applyTo(ask);
        showAsk(List.of());
        background = new Background(ui, status);
        revisions = new MessageRevisions(messages, background, said -> status.setText(said));
        forwarding = new MessageForwarding(messages, background, said -> status.setText(said));
        refresh();
        for (String topic : List.of(MessageTopics.MESSAGE_ADDED, MessageTopics.DELIVERY_CHANGED, MessageTopics.CONVERSATION_CHANGED,
                TransportTopics.KNOWN_PEERS_CHANGED, // names, and whose files can be fetched
                PermissionTopics.REQUEST_CHANGED)) { // whom to ask for the right to message them
            UiEvents.follow(events, topic, status, this::refresh);
        }
        UiEvents.follow(events, MessageTopics.TYPING_CHANGED, typing, this::showTyping);
        Listener activated = event -> markReadIfSeen();
        Shell window = parent.getShell();
        window.addListener(SWT.Activate, activated);
        parent.addListener(SWT.Dispose, event -> {
            if (!window.isDisposed()) {
                window.removeListener(SWT.Activate, activated);
            }
        });
        UiEvents.follow(events, FileTopics.TRANSFER_CHANGED, TransferChanged.class,
                changed -> changed.transfer().state() == Transfer.State.DONE, status, this::refresh); // files to open now
    }

    /**
     * Keeps what the composer holds as the open conversation's draft, in the background; none, where it is empty. Not
     * before the composer was given the conversation's draft: it would hold nothing of it yet.
     */
    private void saveDraft() {
        ConversationId writing = current;
        if (writing == null || !draftShown || composer.isDisposed()) {
            return;
        }
        Draft draft = draftOfComposer();
        background.run(() -> {
            messages.saveDraft(writing, draft);
            return null;
        }, (done, error) -> {
            if (error != null) {
                status.setText("What you write is not kept as a draft: " + error);
            }
        });
    }

    /** What the composer holds, and what it answers, for a reply. */
    private Draft draftOfComposer() {
        return new Draft(composer.getText(), replyBar.answered().map(Message::id));
    }

    /** At the window's closing, the draft as it stands, for the next start. */
    @PreDestroy
    void keepDraft() {
        if (current != null && draftShown && composer != null && !composer.isDisposed()) {
            try {
                messages.saveDraft(current, draftOfComposer());
            } catch (MessagingException e) {
                // the node is stopping: what was kept a moment after the last keystroke stays
            }
        }
    }

    /** Activated (its tab clicked, or "Send a message..." on a peer), the part is ready to write in. */
    @Focus
    void focus() {
        if (composer != null && composer.isEnabled()) {
            composer.setFocus();
            markReadIfSeen();
        }
    }

    /** Who types in the open conversation, under its history. */
    private void showTyping() {
        List<PeerId> typers = current == null ? List.of() : messages.typingIn(current);
        typing.setText(typingLine(typers.stream().map(names::of).toList()));
    }

    /** "Ben is typing…", "Ben and Cai are typing…", "Ben, Cai and Dan are typing…"; empty for no one. */
    private static String typingLine(List<String> typers) {
        return switch (typers.size()) {
            case 0 -> "";
            case 1 -> typers.get(0) + " is typing…";
            default -> Sentences.listed(typers) + " are typing…";
        };
    }

    static String state(Message message) {
        if (!message.outgoing() || message.kind() != Message.Kind.TEXT) {
            return "";
        }
        if (message.delivery() != Message.Delivery.FAILED && message.reach().partly().isPresent()) {
            return message.reach().partly().get();
        }
        return words(message.delivery(), message.problem());
    }

    /** How far a message got, as the chat and its receipts say it. */
    private static String words(Message.Delivery delivery, java.util.Optional<String> problem) {
        return switch (delivery) {
            case SENDING -> problem.isPresent() ? "waiting" : "sending";
            case AT_MAILBOX -> "at their mailbox";
            case PASSED_ON -> "passed on by the group's creator";
            case DELIVERED -> "delivered";
            case READ -> "read";
            case FAILED -> "failed: " + problem.orElse("refused");
            case RECEIVED -> "";
        };
    }

    /**
     * A read of the open conversation: the newest {@code limit} of its messages (fewer when it has no more), the files
     * of those fetched here, and the message its draft answers, if it is a reply's.
     */
    private record Shown(Conversation conversation, List<Message> messages, List<Message> pinned, int limit,
            Map<String, List<Path>> fetched, Map<String, String> described, Names names, Refusal refusal,
            java.util.Optional<Message> draftAnswers) {

        boolean earlier() {
            return messages.size() == limit && limit < MOST;
        }
    }

    void refresh() {
        ConversationId showing = current;
        boolean enabled = showing != null;
        composer.setEnabled(enabled);
        send.setEnabled(enabled);
        if (showing == null) {
            title.setText("Choose a conversation in the Conversations view, or start one there.");
            history.show(null, List.of(), false, names, Set.of(), Map.of(), java.util.Optional.empty(), java.util.Optional.empty());
            pinnedBar.show(List.of(), names);
            showAsk(List.of());
            showTyping();
            return;
        }
        int wanted = limit;
        Message target = revealing;
        boolean draftToShow = !draftShown;
        background.refresh(() -> {
            int count = target == null ? wanted : Math.max(wanted, reach(showing, target));
            List<Message> latest = messages.latest(showing, count);
            Conversation conversation = messages.conversation(showing).orElseThrow();
            java.util.Optional<String> draftAnswers = draftToShow ? conversation.draft().replyTo() : java.util.Optional.empty();
            return new Shown(conversation, latest, messages.pinned(showing), count, messages.fetched(latest),
                    described(latest), Names.read(directory, messages, identity), refusal(conversation),
                    draftAnswers.isEmpty() ? java.util.Optional.empty() : messages.message(draftAnswers.get()));
        }, (shown, error) -> {
            if (error != null) {
                status.setText("The conversation cannot be read: " + error);
            } else {
                present(showing, shown, target);
            }
        });
    }

    /** What plugins say of the data that {@code shown} messages carry for them, by the messages' IDs. */
    private Map<String, String> described(List<Message> shown) {
        Map<String, String> described = new java.util.HashMap<>();
        shown.stream().filter(message -> message.content().isPresent())
                .forEach(message -> messages.describe(message).ifPresent(text -> described.put(message.id(), text)));
        return described;
    }

    /** Shows what was read of {@code showing}, and selects {@code target}, if a search found it. */
    private void present(ConversationId showing, Shown shown, Message target) {
        names = shown.names();
        open = shown.conversation();
        if (!draftShown && showing.equals(current)) {
            draftShown = true;
            if (composer.getText().isEmpty() && !open.draft().isEmpty()) {
                restoringDraft = true;
                composer.setText(open.draft().text());
                restoringDraft = false;
                composer.setSelection(open.draft().text().length());
                shown.draftAnswers().ifPresent(answered -> replyBar.answer(answered, names));
            }
        }
        title.setText(heading(open));
        pinnedBar.show(shown.pinned(), names);
        boolean mine = open.kind() == Conversation.Kind.GROUP && open.creator().equals(identity.peerId());
        members.setVisible(mine);
        ((GridData) members.getLayoutData()).exclude = !mine;
        showAsk(shown.refusal().unasked());
        explainWaiting(shown.messages(), shown.refusal());
        // before the history scrolls to its end: the heading, and what is said under the composer, may have grown
        history.control().getParent().layout(true, true);
        showTyping();
        limit = shown.limit();
        fetched = shown.fetched();
        if (!newFromKnown && showing.equals(current)) {
            newFrom = Transcript.firstUnread(shown.messages());
            newFromKnown = true;
        }
        history.show(showing, shown.messages(), shown.earlier(), names, fetched.keySet(), shown.described(), newFrom,
                java.util.Optional.ofNullable(target).map(Message::id));
        if (target != null && target == revealing) {
            revealing = null;
            if (shown.messages().stream().noneMatch(message -> message.id().equals(target.id()))) {
                status.setText("That message is older than the newest " + MOST + ", which are all the chat holds; "
                        + "'peerdesk messages' with --since lists it.");
            }
        }
        markReadIfSeen();
    }

    /**
     * The conversation's members that refuse this node's messages, for want of the right to send them, and of those
     * the ones not asked for it yet.
     */
    private record Refusal(List<PeerId> refusing, List<PeerId> unasked) {
    }

    /** Who in {@code conversation} refuses this node's messages, and whom of them it has not asked yet (reads the database). */
    private Refusal refusal(Conversation conversation) throws MessagingException, PermissionException {
        Set<PeerId> waitingForTheRight = messages.waitingForTheRight().keySet();
        List<PeerId> refusing = conversation.members().stream().filter(waitingForTheRight::contains).toList();
        if (refusing.isEmpty() || access == null) {
            return new Refusal(refusing, refusing); // without the Access view's service, who was asked cannot be told
        }
        Set<PeerId> asked = access.asked(Resource.MESSAGES);
        return new Refusal(refusing, refusing.stream().filter(peer -> !asked.contains(peer)).toList());
    }

    private void showAsk(List<PeerId> unasked) {
        toAsk = unasked;
        ask.setVisible(!unasked.isEmpty());
        ((GridData) ask.getLayoutData()).exclude = unasked.isEmpty();
    }

    /** Asks the first member not asked yet for the right to message them, with the Access view's dialog. */
    private void askForTheRight() {
        if (toAsk.isEmpty()) {
            return;
        }
        PeerId peer = toAsk.get(0);
        if (!PeerActions.run(application, PeerActions.ASK_FOR_ACCESS, Map.of(PeerActions.PEER, peer.toString(),
                PeerActions.RESOURCE, Resource.MESSAGES.toString(), PeerActions.RIGHTS, Right.MESSAGE.word()))) {
            status.setText("Access is asked for in the Access view, which is not installed here: peerdesk request " + peer.shortForm()
                    + " " + Resource.MESSAGES + " " + Right.MESSAGE.word());
        }
    }

    /**
     * Marks the open conversation read once its messages are in the user's sight: this view in front in its stack and
     * the window active. Until then they stay unread, counted in the Conversations view; they are marked when the view
     * comes to the front or the window is activated.
     */
    private void markReadIfSeen() {
        Control view = history.control();
        Conversation showing = open;
        if (showing == null || showing.unread() == 0 || !view.isVisible() || view.getDisplay().getActiveShell() != view.getShell()) {
            return;
        }
        background.run(() -> {
            messages.markRead(showing.id());
            return null;
        }, (done, failed) -> { });
    }

    /**
     * Asks which known peers are to be the group's members, and adds and removes those that changed. Members this
     * node no longer knows are not offered, and stay.
     */
    private void changeMembers() {
        Conversation group = open;
        background.run(() -> directory == null ? List.<KnownPeer>of() : directory.peers(), (known, error) -> {
            if (error != null) {
                status.setText("Known peers cannot be read: " + error);
                return;
            }
            PeerChooser chooser = PeerChooser.members(status.getShell(), known, group.title(), Set.copyOf(group.members()));
            if (chooser.open() != Window.OK) {
                return;
            }
            String title = chooser.choice().title();
            Set<PeerId> chosen = Set.copyOf(chooser.choice().peers());
            List<PeerId> added = chosen.stream().filter(peer -> !group.members().contains(peer)).toList();
            List<PeerId> removed = known.stream().map(KnownPeer::id).filter(peer -> group.members().contains(peer) && !chosen.contains(peer))
                    .toList();
            background.run(() -> {
                if (!title.equals(group.title())) {
                    messages.renameGroup(group.id(), title);
                }
                for (PeerId peer : added) {
                    messages.addMember(group.id(), peer);
                }
                for (PeerId peer : removed) {
                    messages.removeMember(group.id(), peer);
                }
                return null;
            }, (done, failed) -> {
                status.setText(failed != null ? failed : membersChanged(group.title().equals(title) ? "" : title, added, removed));
                refresh();
            });
        });
    }

    /** "Renamed it "Trip 2027"; added Cai; removed Dan." */
    private String membersChanged(String renamed, List<PeerId> added, List<PeerId> removed) {
        List<String> changes = new java.util.ArrayList<>();
        if (!renamed.isEmpty()) {
            changes.add("renamed it \"" + renamed + "\"");
        }
        if (!added.isEmpty()) {
            changes.add("added " + added.stream().map(names::of).collect(Collectors.joining(", ")));
        }
        if (!removed.isEmpty()) {
            changes.add("removed " + removed.stream().map(names::of).collect(Collectors.joining(", ")));
        }
        String said = String.join("; ", changes);
        return said.isEmpty() ? "The group is as it was." : Sentences.of(said);
    }

    /** How many of the newest messages reach back to {@code message}, with a few before it; at most {@link #MOST}. */
    private int reach(ConversationId conversation, Message message) throws MessagingException {
        return Math.min(MOST, messages.since(conversation, message.sent(), MOST).size() + BEFORE_FOUND);
    }

    /**
     * Why messages sent from here wait, if their recipients said (they refused them): under the history, with whom
     * to ask for the right to message them, or whose answer the messages wait for, until they go.
     */
    private void explainWaiting(List<Message> shown, Refusal refusal) {
        java.util.Optional<String> why = shown.stream()
                .filter(message -> message.outgoing() && message.delivery() == Message.Delivery.SENDING)
                .flatMap(message -> message.problem().stream()).reduce((earlier, later) -> later);
        if (!refusal.unasked().isEmpty()) {
            List<String> unasked = refusal.unasked().stream().map(names::of).toList();
            status.setText("Messages wait: " + Sentences.listed(unasked) + (unasked.size() == 1 ? " has" : " have")
                    + " not given you the right to message them. Ask for the right... asks " + (unasked.size() == 1 ? unasked.get(0)
                            : "each in turn") + " for it; your messages go once it is given.");
            explaining = true;
        } else if (!refusal.refusing().isEmpty()) {
            status.setText("Messages wait for " + Sentences.listed(refusal.refusing().stream().map(names::of).toList())
                    + " to give you the right to message them, which you asked for; they go once it is given.");
            explaining = true;
        } else if (why.isPresent()) {
            status.setText("Messages wait: " + why.get() + " (Access view, \"Get access...\").");
            explaining = true;
        } else if (explaining) {
            status.setText("");
            explaining = false;
        }
    }

    /**
     * Whom the conversation is with, whether its messages disappear, and whether it is muted here, which would otherwise only
     * the Conversations view say.
     */
    private String heading(Conversation conversation) {
        String muted = (conversation.disappearAfter().isZero() ? "" : " Messages disappear " + Intervals.span(conversation.disappearAfter())
                + " after they are written, for everyone.")
                + (conversation.muted() ? " Muted here: its messages are not announced, but for those that mention you (Conversations, right-click, Unmute)." : "");
        if (conversation.kind() == Conversation.Kind.DIRECT) {
            return "Conversation with " + names.of(conversation) + "." + (muted.isEmpty() ? " Messages are signed, and kept until delivered."
                    : muted);
        }
        return "\"" + conversation.title() + "\": " + conversation.members().stream() // by name, and "me" last
                .sorted(Comparator.comparing((PeerId member) -> member.equals(identity.peerId())).thenComparing(names::of, NameOrder.NAMES))
                .map(names::of).collect(Collectors.joining(", ")) + "." + muted;
    }

    /** Sends dropped files, with whatever the composer holds as their text. */
    private void sendFiles(String[] files) {
        ConversationId to = current;
        if (to == null) {
            status.setText("Choose a conversation first, then drop the files on it.");
            return;
        }
        String text = composer.getText();
        composer.setText("");
        List<Path> paths = java.util.Arrays.stream(files).map(Path::of).toList();
        java.util.Optional<Message> answered = replyBar.answered();
        background.run(() -> sendOrReply(to, answered, text, paths), (sent, error) -> {
            if (error != null) {
                composer.setText(text);
                status.setText(error);
                return;
            }
            replyBar.clear();
            status.setText("Sent " + Counts.of(paths.size(), "file")
                    + "; the others fetch it from this node when they double-click it.");
            refresh();
        });
    }

    /** Opens the files that came with a message once they are here (several: their folder); fetches them before. */
    private void openOrFetch(Message message) {
        List<Path> files = fetched.get(message.id());
        if (files == null) {
            fetchAttachments(message);
            return;
        }
        Path opened = files.size() == 1 ? files.get(0) : files.get(0).getParent();
        status.setText(Program.launch(opened.toString()) ? "Opened " + opened.getFileName() + "."
                : "No program on this machine opens " + opened + ".");
    }

    /** Each recipient of a message sent from here, and how far it got with them, in a dialog of its own. */
    private void showReceipts(Message message) {
        Names named = names;
        background.run(() -> messages.receipts(message.id()), (receipts, error) -> {
            if (error != null) {
                status.setText(error);
                return;
            }
            MessageDialog.openInformation(status.getShell(), "Who has it", MessageTexts.oneLine(message) + "\n\n"
                    + receipts.stream().map(receipt -> named.of(receipt.recipient()) + ": " + receiptWords(receipt))
                            .collect(Collectors.joining("\n")));
        });
    }

    /** How far a message got with one recipient, with why it waits there, if it does. */
    private static String receiptWords(Receipt receipt) {
        String why = receipt.delivery() == Message.Delivery.SENDING ? receipt.problem().map(problem -> ": " + problem).orElse("") : "";
        return words(receipt.delivery(), receipt.problem()) + why;
    }

    /** Downloads the files that came with a message from someone else, from its author, into the downloads folder. */
    private void fetchAttachments(Message message) {
        if (transfers == null) {
            status.setText("File sharing is not running on this node, so files cannot be fetched.");
            return;
        }
        background.run(() -> {
            for (Attachment attachment : message.attachments()) {
                transfers.download(message.author(), attachment.path(), java.util.Optional.empty());
            }
            return message.attachments().size();
        }, (count, error) -> status.setText(error != null ? error
                : "Downloading " + Counts.of(count, "file") + " from " + names.of(message.author())
                        + "; the Transfers view shows how it goes."));
    }

    private void send() {
        ConversationId to = current;
        String text = composer.getText();
        if (to == null || text.isBlank()) {
            status.setText(to == null ? "Choose a conversation first." : "Write something first.");
            return;
        }
        composer.setText("");
        java.util.Optional<Message> answered = replyBar.answered();
        background.run(() -> sendOrReply(to, answered, text, List.of()), (sent, error) -> {
            if (error != null) {
                composer.setText(text);
                status.setText(error);
                return;
            }
            replyBar.clear();
            status.setText("");
            refresh();
        });
    }

    /** Sends a message to {@code to}, or where the user is writing a reply, the reply to {@code answered} (in the background). */
    private Message sendOrReply(ConversationId to, java.util.Optional<Message> answered, String text, List<Path> files)
            throws MessagingException {
        return answered.isPresent() ? messages.reply(answered.get().id(), text, files) : messages.send(to, text, files);
    }

    /** Makes what the user writes next a reply to {@code message}, and puts them in the composer to write it. */
    private void replyTo(Message message) {
        replyBar.answer(message, names);
        composer.setFocus();
    }

    /** Pins the message to the top of the conversation for every member, or unpins it, off the UI thread. */
    private void pinOrUnpin(Message message) {
        boolean pinning = message.pinned().isEmpty();
        background.run(() -> messages.pin(message.id(), pinning), (pinned, error) -> {
            if (error != null) {
                status.setText(error);
            }
        });
    }

    /** Asks how to react to the message (or to take the user's reaction back), then does so off the UI thread. */
    private void react(Message message) {
        java.util.Optional<String> mine = message.reactions().stream().filter(reaction -> reaction.by().contains(identity.peerId()))
                .map(Reaction::reaction).findFirst();
        ReactionDialog dialog = new ReactionDialog(status.getShell(), MessageTexts.oneLine(message), mine);
        if (dialog.open() != Window.OK) {
            return;
        }
        String reaction = dialog.reaction();
        background.run(() -> messages.react(message.id(), reaction), (reacted, error) -> {
            if (error != null) {
                status.setText(error);
            }
        });
    }
}
