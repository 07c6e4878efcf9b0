package org.peerdesk.messaging.ui;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.dnd.FileTransfer;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;
import org.peerdesk.core.ByteSizes;
import org.peerdesk.core.Counts;
import org.peerdesk.core.LineWrap;
import org.peerdesk.core.PeerId;
import org.peerdesk.files.Transfers;
import org.peerdesk.identity.NodeIdentity;
import org.peerdesk.messaging.Attachment;
import org.peerdesk.messaging.Conversation;
import org.peerdesk.messaging.ConversationId;
import org.peerdesk.messaging.Message;
import org.peerdesk.messaging.MessageService;
import org.peerdesk.messaging.event.MessageTopics;
import org.peerdesk.transport.PeerDirectory;
import org.peerdesk.ui.Background;
import org.peerdesk.ui.Clipboards;
import org.peerdesk.ui.Drops;
import org.peerdesk.ui.Tables;
import org.peerdesk.ui.UiEvents;
import org.peerdesk.ui.WidgetIds;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/**
 * The open conversation: its newest messages in the order every member sees, what became of the ones
 * sent from here (sending, waiting and why, at the mailbox, delivered, read), who is typing, and a
 * composer. Files dropped on it are sent; double-clicking a message with files fetches them; Ctrl+C
 * copies one. Enter sends; Shift+Enter starts a new line. Messages shown while the window has the
 * focus are marked read.
 */
public final class ChatPart {

    private static final int SHOWN = 200;
    /** The most of a message's text its tooltip shows. */
    private static final int TIP_CHARS = 2000;
    private static final int TIP_LINE = 100;
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MMM d, HH:mm").withZone(ZoneId.systemDefault());

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

    private ConversationId current;
    private Label title;
    private TableViewer history;
    private Label typing;
    private Text composer;
    private Button send;
    private Label status;
    private Background background;
    private Names names;
    private boolean explaining;

    /** The conversation to show, set by the Conversations part in the application's context. */
    @Inject
    @Optional
    void show(ConversationId conversation) {
        current = conversation;
        if (history != null && !history.getControl().isDisposed()) {
            composer.setText("");
            refresh();
        }
    }

    @PostConstruct
    void create(Composite parent) {
        GridLayoutFactory.swtDefaults().margins(10, 10).applyTo(parent);
        title = WidgetIds.name(new Label(parent, SWT.WRAP), "chat.title");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(title);
        if (messages == null || identity == null) {
            title.setText("The node is not running, so there are no messages to show.");
            return;
        }
        names = new Names(Map.of(), identity.peerId());
        history = Tables.create(parent, "chat.history");
        Tables.column(history, Message.class, "When", 110, message -> TIME.format(message.sent()));
        Tables.column(history, Message.class, "From", 140, message -> message.kind() == Message.Kind.MEMBERS ? "" : names.of(message.author()));
        Tables.column(history, Message.class, "Message", 330, ChatPart::text, ChatPart::asWritten);
        Tables.column(history, Message.class, "State", 100, ChatPart::state);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(history.getControl());
        history.addDoubleClickListener(event -> fetchAttachments());
        copyOnRequest(history.getTable());

        typing = WidgetIds.name(new Label(parent, SWT.NONE), "chat.typing");
        typing.setFont(JFaceResources.getFontRegistry().getItalic(JFaceResources.DEFAULT_FONT));
        GridDataFactory.fillDefaults().grab(true, false).applyTo(typing);

        Composite compose = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).applyTo(compose);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(compose);
        composer = WidgetIds.name(new Text(compose, SWT.BORDER | SWT.MULTI | SWT.WRAP | SWT.V_SCROLL), "chat.composer");
        composer.setMessage("Write a message; Enter sends, Shift+Enter adds a line");
        GridDataFactory.fillDefaults().grab(true, false).hint(SWT.DEFAULT, 54).applyTo(composer);
        composer.addListener(SWT.KeyDown, event -> {
            if ((event.keyCode == SWT.CR || event.keyCode == SWT.KEYPAD_CR) && (event.stateMask & SWT.SHIFT) == 0) {
                event.doit = false;
                send();
            }
        });
        composer.addModifyListener(event -> {
            if (current != null && !composer.getText().isBlank()) {
                messages.typing(current);
            }
        });
        send = Tables.button(compose, "Send", "chat.send", this::send);
        for (org.eclipse.swt.widgets.Control target : List.of(composer, history.getControl())) {
            Drops.accept(target, FileTransfer.getInstance(), event -> current != null, event -> {
                if (event.data instanceof String[] files) {
                    sendFiles(files);
                }
            });
        }
        status = WidgetIds.name(new Label(parent, SWT.WRAP), "chat.status");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(status);
        background = new Background(ui, status);
        refresh();
        for (String topic : List.of(MessageTopics.MESSAGE_ADDED, MessageTopics.DELIVERY_CHANGED, MessageTopics.CONVERSATION_CHANGED)) {
            UiEvents.follow(events, topic, status, this::refresh);
        }
        UiEvents.follow(events, MessageTopics.TYPING_CHANGED, typing, this::showTyping);
    }

    /** Activated (its tab clicked, or "Send a message..." on a peer), the part is ready to write in. */
    @Focus
    void focus() {
        if (composer != null && composer.isEnabled()) {
            composer.setFocus();
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
            default -> String.join(", ", typers.subList(0, typers.size() - 1)) + " and " + typers.get(typers.size() - 1) + " are typing…";
        };
    }

    /** The text on one line, and the files that came with it. */
    static String text(Message message) {
        return withFiles(message.body().replaceAll("\\s*\\n\\s*", " / "), "  ", message);
    }

    /** The text with its lines (long ones wrapped), as far as a tooltip can show it, and the files that came with it. */
    private static String asWritten(Message message) {
        String body = message.body();
        String shown = body.length() <= TIP_CHARS ? body : body.substring(0, TIP_CHARS) + "… (Ctrl+C copies all of it)";
        return withFiles(LineWrap.of(shown, TIP_LINE), "\n", message);
    }

    private static String withFiles(String text, String between, Message message) {
        String files = message.attachments().stream().map(file -> file.name() + " (" + ByteSizes.format(file.size()) + ")")
                .collect(Collectors.joining(", "));
        return files.isEmpty() ? text : (text.isEmpty() ? "" : text + between) + "[file: " + files + "]";
    }

    /** Ctrl+C, or Copy in the table's menu, puts the selected message on the clipboard. */
    private void copyOnRequest(Table table) {
        table.addListener(SWT.KeyDown, event -> {
            if ((event.stateMask & SWT.MOD1) != 0 && (event.keyCode == 'c' || event.keyCode == 'C')) {
                copySelected();
            }
        });
        Menu menu = new Menu(table);
        MenuItem copy = new MenuItem(menu, SWT.PUSH);
        copy.setText("&Copy\tCtrl+C");
        copy.addListener(SWT.Selection, event -> copySelected());
        menu.addListener(SWT.Show, event -> copy.setEnabled(!history.getStructuredSelection().isEmpty()));
        table.setMenu(menu);
    }

    /** The selected message's text as written, lines and all, and the names of its files. */
    private void copySelected() {
        Message selected = Tables.selected(history, Message.class);
        if (selected == null) {
            return;
        }
        Clipboards.copy(history.getControl().getDisplay(), withFiles(selected.body(), "\n", selected));
        status.setText("Copied the message.");
    }

    static String state(Message message) {
        if (!message.outgoing() || message.kind() != Message.Kind.TEXT) {
            return "";
        }
        return switch (message.delivery()) {
            case SENDING -> message.problem().isPresent() ? "waiting" : "sending";
            case AT_MAILBOX -> "at their mailbox";
            case DELIVERED -> "delivered";
            case READ -> "read";
            case FAILED -> "failed: " + message.problem().orElse("refused");
            case RECEIVED -> "";
        };
    }

    private record Shown(Conversation conversation, List<Message> messages, Names names) {
    }

    void refresh() {
        ConversationId showing = current;
        boolean enabled = showing != null;
        composer.setEnabled(enabled);
        send.setEnabled(enabled);
        if (showing == null) {
            title.setText("Choose a conversation in the Conversations view, or start one there.");
            history.setInput(List.of());
            showTyping();
            return;
        }
        background.refresh(() -> new Shown(messages.conversation(showing).orElseThrow(), messages.latest(showing, SHOWN),
                Names.read(directory, identity.peerId())),
                (shown, error) -> {
                    if (error != null) {
                        status.setText("The conversation cannot be read: " + error);
                        return;
                    }
                    names = shown.names();
                    title.setText(heading(shown.conversation()));
                    showTyping();
                    history.setInput(shown.messages());
                    explainWaiting(shown.messages());
                    if (!shown.messages().isEmpty()) {
                        history.reveal(shown.messages().get(shown.messages().size() - 1));
                    }
                    title.getParent().layout(true);
                    if (shown.conversation().unread() > 0 && title.getDisplay().getActiveShell() != null) {
                        background.run(() -> {
                            messages.markRead(showing);
                            return null;
                        }, (done, failed) -> { });
                    }
                });
    }

    /** Why messages sent from here wait, if their recipient said (it refused them): under the history, until they go. */
    private void explainWaiting(List<Message> shown) {
        java.util.Optional<String> why = shown.stream()
                .filter(message -> message.outgoing() && message.delivery() == Message.Delivery.SENDING)
                .flatMap(message -> message.problem().stream()).reduce((earlier, later) -> later);
        if (why.isPresent()) {
            status.setText("Messages wait: " + why.get() + " (Access view, \"Get access...\").");
            explaining = true;
        } else if (explaining) {
            status.setText("");
            explaining = false;
        }
    }

    private String heading(Conversation conversation) {
        if (conversation.kind() == Conversation.Kind.DIRECT) {
            return "Conversation with " + names.of(conversation) + ". Messages are signed, and kept until delivered.";
        }
        return "\"" + conversation.title() + "\": " + conversation.members().stream().map(names::of).collect(Collectors.joining(", "));
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
        List<java.nio.file.Path> paths = java.util.Arrays.stream(files).map(java.nio.file.Path::of).toList();
        background.run(() -> messages.send(to, text, paths), (sent, error) -> {
            if (error != null) {
                composer.setText(text);
                status.setText(error);
                return;
            }
            status.setText("Sent " + Counts.of(paths.size(), "file")
                    + "; the others fetch it from this node when they double-click it.");
            refresh();
        });
    }

    /** Downloads the files of the message double-clicked, from its author, into the downloads folder. */
    private void fetchAttachments() {
        Message message = Tables.selected(history, Message.class);
        if (message == null || message.attachments().isEmpty() || message.outgoing() || transfers == null) {
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
        background.run(() -> messages.send(to, text), (sent, error) -> {
            if (error != null) {
                composer.setText(text);
                status.setText(error);
                return;
            }
            status.setText("");
            refresh();
        });
    }
}
