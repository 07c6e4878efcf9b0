package org.peerdesk.app.tests;

import static org.peerdesk.app.tests.DesktopSession.awaitOffUi;
import static org.peerdesk.app.tests.DesktopSession.selectRow;
import static org.peerdesk.app.tests.DesktopSession.service;
import static org.peerdesk.app.tests.DesktopSession.show;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import jakarta.inject.Named;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.commands.MCommand;
import org.eclipse.e4.ui.model.application.commands.MCommandParameter;
import org.eclipse.e4.ui.model.application.commands.MCommandsFactory;
import org.eclipse.e4.ui.model.application.commands.MHandler;
import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.dnd.Clipboard;
import org.eclipse.swt.dnd.TextTransfer;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.Test;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.junit.jupiter.api.io.TempDir;
import org.peerdesk.core.PeerId;
import org.peerdesk.identity.NodeIdentity;
import org.peerdesk.messaging.ConversationId;
import org.peerdesk.messaging.Message;
import org.peerdesk.messaging.MessageContent;
import org.peerdesk.messaging.MessageService;
import org.peerdesk.transport.PeerDirectory;
import org.peerdesk.testing.ui.UiRobot;
import org.peerdesk.ui.ConversationActions;

/** The Conversations and Chat views in the real window, on the node's real messaging. */
class MessagingPartsTest {

    @TempDir
    Path home;

    @Test
    void aConversationOpensInTheChatWhereAMessageIsWrittenAndWaitsForItsPeer() throws Throwable {
        DesktopSession.run(home.resolve("node"), (workbench, robot) -> {
            MWindow window = workbench.getApplication().getChildren().get(0);
            show(window, robot, "org.peerdesk.messaging.ui.part.conversations");
            Label status = robot.find(Label.class, "conversations.status");
            robot.waitUntil("an empty node has no conversations", () -> status.getText().contains("No conversations yet"));

            byte[] bytes = new byte[32];
            bytes[0] = 9;
            service(PeerDirectory.class).remember(new PeerId(bytes), "Ben", java.util.Optional.empty()); // known, and away
            service(MessageService.class).direct(new PeerId(bytes));
            Table conversations = robot.find(Table.class, "conversations.table");
            robot.waitUntil("the new conversation is listed", () -> conversations.getItemCount() == 1);
            selectRow(robot, conversations, 0);

            Label title = robot.find(Label.class, "chat.title");
            robot.waitUntil("the chat shows the conversation", () -> title.getText().startsWith("Conversation with"));
            robot.click(robot.find(Button.class, "chat.send"));
            Label chatStatus = robot.find(Label.class, "chat.status");
            robot.waitUntil("an empty message is not sent", () -> chatStatus.getText().contains("Write something first"));

            Text composer = robot.find(Text.class, "chat.composer");
            robot.onUiThread(() -> composer.setText("Are we still on for Friday?"));
            robot.click(robot.find(Button.class, "chat.send"));
            StyledText history = robot.find(StyledText.class, "chat.history");
            robot.waitUntil("the message is in the history under the day it was sent, waiting for its peer",
                    () -> FIRST.matcher(history.getText()).matches());
            assertEquals("", robot.read(composer::getText));
            robot.waitUntil("the list shows the last message, and when it was sent",
                    () -> conversations.getItem(0).getText(3).equals("You: Are we still on for Friday?")
                            && conversations.getItem(0).getText(2).matches("\\d\\d:\\d\\d"));

            String plan = "The plan for the trip, as we said:\n" + "We meet at the station at nine and walk from there. ".repeat(12).strip();
            robot.onUiThread(() -> composer.setText(plan));
            robot.click(robot.find(Button.class, "chat.send"));
            robot.waitUntil("a long message is shown whole, its own line break kept and its long line wrapped to the view", () -> {
                int start = history.getText().indexOf(plan);
                if (start < 0) {
                    return false;
                }
                int secondLine = start + plan.indexOf('\n') + 1;
                Point first = history.getLocationAtOffset(secondLine);
                Point last = history.getLocationAtOffset(start + plan.length());
                return history.getLineAtOffset(secondLine) == history.getLineAtOffset(start) + 1
                        && last.y > first.y + 2 * history.getLineHeight() && last.x < history.getClientArea().width;
            });
            robot.waitUntil("the newest message is in view", () -> {
                Point end = history.getLocationAtOffset(history.getText().indexOf(plan) + plan.length());
                return end.y >= 0 && end.y + history.getLineHeight() <= history.getClientArea().height;
            });
            assertEquals(0, robot.read(conversations::getSelectionIndex), "the open conversation stays selected as the list refreshes");

            Path agenda = Files.writeString(home.resolve("agenda.txt"), "1. Friday");
            ConversationId chat = service(MessageService.class).direct(new PeerId(bytes)).id();
            service(MessageService.class).send(chat, "the agenda", List.of(agenda));
            robot.waitUntil("the message shows the file it carries",
                    () -> history.getText().endsWith("\nthe agenda\nSent agenda.txt (9 B)"));
            robot.onUiThread(() -> {
                history.setFocus();
                history.setCaretOffset(history.getText().indexOf("the agenda") + 4);
            });
            robot.key(SWT.CTRL, 'c');
            robot.waitUntil("Ctrl+C with nothing selected copies the message at the cursor, with its files",
                    () -> "the agenda\n[file: agenda.txt (9 B)]".equals(clipboard(history)) && chatStatus.getText().equals("Copied the message."));
            robot.onUiThread(() -> {
                int friday = history.getText().indexOf("still on for Friday");
                history.setSelection(friday, friday + "still on".length());
            });
            robot.key(SWT.CTRL, 'c');
            robot.waitUntil("Ctrl+C copies what is selected", () -> "still on".equals(clipboard(history)));
            robot.rightClick(history, () -> {
                Point at = history.getLocationAtOffset(history.getText().indexOf("The plan for the trip"));
                return new Rectangle(at.x, at.y, 40, history.getLineHeight());
            });
            Menu menu = robot.read(history::getMenu);
            robot.waitUntil("the history's menu opens on a message", menu::isVisible);
            assertEquals(List.of("&Reply", "Re&act...", "F&orward...", "&Pin to top", "&Copy\tCtrl+C", "Copy &message", "&Fetch its files", "&Who has it...",
                    "&Edit...", "&Delete for everyone..."), robot.read(() -> UiRobot.texts(menu)));
            assertEquals(List.of(true, true, true, true, true, true, false, true, true, true),
                    robot.read(() -> Arrays.stream(menu.getItems()).map(MenuItem::getEnabled).toList()), "a message to reply, react to, forward and pin, a"
                            + " selection to copy, a message to copy, no files from someone else to fetch, and the receipts of one sent"
                            + " from here, which its user may edit or delete");
            robot.choose(menu, "Copy &message");
            robot.waitUntil("Copy message copies the message right-clicked, whole", () -> plan.equals(clipboard(history)));

            Text search = robot.find(Text.class, "conversations.search");
            Table found = robot.find(Table.class, "conversations.found");
            robot.enter(search, "FRIDAY");
            robot.waitUntil("the message holding the word is found, in place of the conversations",
                    () -> found.isVisible() && !conversations.isVisible() && found.getItemCount() == 1);
            assertEquals("Are we still on for Friday?", robot.read(() -> found.getItem(0).getText(3)));
            assertEquals(robot.read(() -> conversations.getItem(0).getText(0)), robot.read(() -> found.getItem(0).getText(0)),
                    "a message found says in which conversation");
            assertEquals("1 message holding \"FRIDAY\". Open one to see its conversation.", robot.read(status::getText));
            robot.enter(search, "monday");
            robot.waitUntil("a word no message holds finds none", () -> status.getText().equals("No message holds \"monday\".")
                    && found.getItemCount() == 0);
            robot.enter(search, "");
            robot.waitUntil("an empty search shows the conversations again", () -> conversations.isVisible() && !found.isVisible()
                    && status.getText().equals("1 conversation."));
        });
    }

    @Test
    void clickingTheQuoteOfAMessageOlderThanTheChatShowsReadsBackToItAndSelectsIt() throws Throwable {
        DesktopSession.run(home.resolve("node"), (workbench, robot) -> {
            MessageService messages = service(MessageService.class);
            ConversationId chat = messages.direct(peer(9)).id();
            String third = null;
            for (int i = 1; i <= 230; i++) {
                Message sent = messages.send(chat, "Old note " + i);
                third = i == 3 ? sent.id() : third;
            }
            messages.reply(third, "About note 3", List.of());
            show(workbench.getApplication().getChildren().get(0), robot, "org.peerdesk.messaging.ui.part.conversations");
            Table conversations = robot.find(Table.class, "conversations.table");
            robot.waitUntil("the conversation is listed", () -> conversations.getItemCount() == 1);
            selectRow(robot, conversations, 0);
            StyledText history = robot.find(StyledText.class, "chat.history");
            robot.waitUntil("the reply shows, the message it answers is older than the chat holds", () -> history.getText()
                    .endsWith("me: Old note 3\nAbout note 3") && !history.getText().contains("\nOld note 3\n"));

            robot.click(history, () -> {
                Point at = history.getLocationAtOffset(history.getText().lastIndexOf("me: Old note 3"));
                return new Rectangle(at.x, at.y, 40, history.getLineHeight());
            });
            robot.waitUntil("clicking the quote reads back to the message and selects it, in view", () -> {
                Point at = history.getLocationAtOffset(history.getSelection().x);
                return history.getSelectionText().contains("\nOld note 3") && !history.getSelectionText().contains("About")
                        && at.y >= 0 && at.y < history.getClientArea().height;
            });
        });
    }

    @Test
    void whatTheUserWritesAndDoesNotSendIsKeptAsTheConversationsDraft() throws Throwable {
        DesktopSession.run(home.resolve("node"), (workbench, robot) -> {
            MessageService messages = service(MessageService.class);
            ConversationId first = messages.direct(peer(7)).id();
            messages.send(first, "First conversation");
            ConversationId second = messages.direct(peer(8)).id();
            messages.send(second, "Second conversation");
            show(workbench.getApplication().getChildren().get(0), robot, "org.peerdesk.messaging.ui.part.conversations");
            Table conversations = robot.find(Table.class, "conversations.table");
            robot.waitUntil("both conversations are listed", () -> conversations.getItemCount() == 2);
            selectRow(robot, conversations, () -> row(conversations, "You: First conversation"));
            StyledText history = robot.find(StyledText.class, "chat.history");
            robot.waitUntil("the first conversation is shown", () -> history.getText().endsWith("\nFirst conversation"));

            Text composer = robot.find(Text.class, "chat.composer");
            robot.onUiThread(() -> composer.setText("Half a thought,\nto finish later"));
            awaitOffUi("a moment after the last keystroke, it is kept",
                    () -> messages.conversation(first).orElseThrow().draft().text().equals("Half a thought,\nto finish later"));
            robot.rightClick(history, () -> {
                Point at = history.getLocationAtOffset(history.getText().lastIndexOf("First conversation"));
                return new Rectangle(at.x, at.y, 40, history.getLineHeight());
            });
            robot.waitUntil("the history's menu opens", () -> history.getMenu().isVisible());
            robot.choose(robot.read(history::getMenu), "&Reply");
            Label replying = robot.find(Label.class, "chat.replying");
            robot.waitUntil("it becomes a reply", replying::isVisible);
            robot.onUiThread(() -> composer.setText("Half a thought, and more"));
            selectRow(robot, conversations, () -> row(conversations, "You: Second conversation"));
            robot.waitUntil("the other conversation opens with an empty composer, and the list shows the draft left",
                    () -> history.getText().endsWith("\nSecond conversation") && composer.getText().isEmpty()
                            && lists(conversations, "Draft: Half a thought, and more"));

            selectRow(robot, conversations, () -> row(conversations, "Draft: Half a thought, and more"));
            robot.waitUntil("coming back, the composer holds the draft, a reply still", () -> composer.getText().equals("Half a thought, and more")
                    && replying.isVisible() && replying.getText().endsWith(": First conversation"));
            robot.click(robot.find(Button.class, "chat.send"));
            robot.waitUntil("sent, it is a message and no longer a draft", () -> history.getText().endsWith("\nHalf a thought, and more")
                    && composer.getText().isEmpty() && lists(conversations, "You: Half a thought, and more"));
            awaitOffUi("the draft is forgotten", () -> messages.conversation(first).orElseThrow().draft().isEmpty());
            assertTrue(messages.latest(first, 1).get(0).replyTo().isPresent(), "what was sent is the reply it was begun as");
        });
    }

    @Test
    void aLongConversationShowsEarlierMessagesFromTheTopAndOpensAtAMessageFound() throws Throwable {
        DesktopSession.run(home.resolve("node"), (workbench, robot) -> {
            MessageService messages = service(MessageService.class);
            ConversationId long_ = messages.direct(peer(7)).id();
            for (int i = 1; i <= 260; i++) {
                messages.send(long_, i == 5 ? "Message 5: meet at the zebra crossing" : "Message " + i);
            }
            ConversationId another = messages.direct(peer(8)).id();
            messages.send(another, "Another conversation");
            MWindow window = workbench.getApplication().getChildren().get(0);
            show(window, robot, "org.peerdesk.messaging.ui.part.conversations");
            Table conversations = robot.find(Table.class, "conversations.table");
            robot.waitUntil("both conversations are listed", () -> conversations.getItemCount() == 2);
            selectRow(robot, conversations, () -> row(conversations, "You: Message 260"));

            StyledText history = robot.find(StyledText.class, "chat.history");
            robot.waitUntil("the newest 200 messages are shown, and the first line says there are more",
                    () -> history.getText().startsWith("Scroll up for earlier messages") && history.getText().contains("\nMessage 61\n")
                            && !history.getText().contains("\nMessage 60\n") && history.getText().endsWith("\nMessage 260"));
            robot.onUiThread(() -> history.setTopPixel(2));
            robot.wheelUp(history);
            robot.waitUntil("reaching the top shows the earlier ones, all there are",
                    () -> history.getText().contains("\nMessage 1\n") && !history.getText().startsWith("Scroll up"));
            robot.waitUntil("the message that was at the top is still in view", () -> {
                Point at = history.getLocationAtOffset(history.getText().indexOf("\nMessage 61\n") + 1);
                return at.y >= 0 && at.y < history.getClientArea().height;
            });

            selectRow(robot, conversations, () -> row(conversations, "You: Another conversation"));
            robot.waitUntil("the other conversation is shown", () -> history.getText().endsWith("\nAnother conversation"));
            ServiceRegistration<MessageContent> polls = FrameworkUtil.getBundle(MessagingPartsTest.class).getBundleContext()
                    .registerService(MessageContent.class, new Polls(), null);
            try {
                messages.send(another, "Poll: lunch at noon?", new MessageContent.Typed(Polls.TYPE, "lunch at noon?"));
                robot.waitUntil("under a message with a plugin's data beside its text, what the plugin says of it",
                        () -> history.getText().endsWith("\nPoll: lunch at noon?\nVotes so far: none"));
            } finally {
                polls.unregister();
            }
            messages.send(another, "Without the plugin");
            robot.waitUntil("without its plugin, the chat says which plugin the data is for", () -> history.getText().endsWith(
                    "\nWithout the plugin") && history.getText().contains("\nPoll: lunch at noon?\nwith data for the plugin org.example.polls,"
                            + " not installed here: the text is all there is to see\n"));
            robot.enter(robot.find(Text.class, "conversations.search"), "zebra");
            Table found = robot.find(Table.class, "conversations.found");
            robot.waitUntil("the old message is found", () -> found.isVisible() && found.getItemCount() == 1);
            selectRow(robot, found, 0);
            robot.waitUntil("its conversation opens at it, though it is older than the newest 200, and it is selected", () -> {
                Point at = history.getLocationAtOffset(history.getSelection().x);
                return history.getSelectionText().contains("Message 5: meet at the zebra crossing")
                        && at.y >= 0 && at.y < history.getClientArea().height;
            });
        });
    }

    @Test
    void theCreatorOfAGroupChangesItsMembersFromTheChat() throws Throwable {
        DesktopSession.run(home.resolve("node"), (workbench, robot) -> {
            PeerDirectory directory = service(PeerDirectory.class);
            for (String name : List.of("Cai", "Dan", "Eve")) {
                directory.remember(peer(name.charAt(0)), name, java.util.Optional.empty());
            }
            MessageService messages = service(MessageService.class);
            ConversationId trip = messages.createGroup("Trip", List.of(peer('C'), peer('D'))).id();
            for (int i = 1; i <= 30; i++) {
                messages.send(trip, "Plan " + i);
            }
            messages.direct(peer('E'));
            MWindow window = workbench.getApplication().getChildren().get(0);
            show(window, robot, "org.peerdesk.messaging.ui.part.conversations");
            Table conversations = robot.find(Table.class, "conversations.table");
            robot.waitUntil("both conversations are listed", () -> conversations.getItemCount() == 2);
            assertEquals(2, robot.read(() -> Stream.of(conversations.getItems()).map(row -> row.getImage(0)).filter(Objects::nonNull)
                    .distinct().count()), "a group and a person each look their own");
            selectRow(robot, conversations, () -> row(conversations, 0, "Eve"));
            Label title = robot.find(Label.class, "chat.title");
            Button members = robot.find(Button.class, "chat.members");
            robot.waitUntil("a direct conversation has no members to change", () -> title.getText().startsWith("Conversation with Eve")
                    && !members.isVisible());

            selectRow(robot, conversations, () -> row(conversations, 0, "Trip"));
            robot.waitUntil("the group's creator may change its members", () -> title.getText().startsWith("\"Trip\"") && members.isVisible());
            StyledText history = robot.find(StyledText.class, "chat.history");
            robot.waitUntil("the newest message is in view under the heading, which grew a button", () -> lastLineInView(history));
            robot.onUiThread(() -> history.getShell().setSize(history.getShell().getSize().x, history.getShell().getSize().y - 150));
            robot.waitUntil("and stays in view as the window shrinks", () -> history.getText().endsWith("Plan 30") && lastLineInView(history));
            robot.click(members);
            robot.shell("Members of \"Trip\"");
            Table chooser = robot.find(Table.class, "chooser.peers");
            assertEquals(List.of("Cai true", "Dan true", "Eve false"), robot.read(() -> Arrays.stream(chooser.getItems())
                    .map(item -> item.getText().split(" ")[0] + " " + item.getChecked()).sorted().toList()), "its members are ticked");
            Text name = robot.find(Text.class, "chooser.title");
            assertEquals("Trip", robot.read(name::getText), "its name is there to change");
            robot.onUiThread(() -> {
                Arrays.stream(chooser.getItems()).forEach(item -> item.setChecked(!item.getText().startsWith("Dan")));
                name.setText("Trip 2027");
            });
            robot.click(robot.find(Button.class, "chooser.ok"));
            Label status = robot.find(Label.class, "chat.status");
            robot.waitUntil("the chat says what changed", () -> status.getText().equals("Renamed it \"Trip 2027\"; added Eve; removed Dan."));
            assertEquals("Trip 2027", messages.conversation(trip).orElseThrow().title());
            assertEquals(Set.of(service(NodeIdentity.class).peerId(), peer('C'), peer('E')),
                    Set.copyOf(messages.conversation(trip).orElseThrow().members()));
            robot.waitUntil("the heading names the members now, by name and this node last",
                    () -> title.getText().startsWith("\"Trip 2027\": Cai, Eve, me"));

            robot.waitUntil("the list has the new name", () -> Arrays.stream(conversations.getItems())
                    .anyMatch(item -> item.getText(0).equals("Trip 2027")));
            robot.rightClick(conversations, () -> conversations.getItem(row(conversations, 0, "Trip 2027")).getBounds(0));
            robot.waitUntil("the group's menu offers introducing its members", () -> conversations.getMenu().isVisible());
            robot.choose(robot.read(conversations::getMenu), "&Introduce members to each other");
            Label listed = robot.find(Label.class, "conversations.status");
            robot.waitUntil("they are introduced, and the view says so", () -> listed.getText()
                    .startsWith("Introduced 2 members of \"Trip 2027\" to each other; each adds the others by accepting."));

            // what a plugin's model fragment adds as an action on conversations is offered there, and given the conversation
            AtomicReference<String> given = new AtomicReference<>();
            robot.onUiThread(() -> contributeConversationAction(workbench.getApplication(), "Export transcript...", given::set));
            robot.rightClick(conversations, () -> conversations.getItem(row(conversations, 0, "Trip 2027")).getBounds(0));
            robot.waitUntil("the group's menu opens", () -> conversations.getMenu().isVisible());
            robot.choose(robot.read(conversations::getMenu), "Export transcript...");
            robot.waitUntil("the action runs on the conversation chosen", () -> trip.value().equals(given.get()));
        });
    }

    /** Adds a command tagged as an action on conversations, as a plugin's model fragment does, with a handler that takes the ID. */
    private static void contributeConversationAction(MApplication application, String name, Consumer<String> handle) {
        MCommand command = MCommandsFactory.INSTANCE.createCommand();
        command.setElementId("org.peerdesk.app.tests.command.conversationAction");
        command.setCommandName(name);
        command.getTags().add(ConversationActions.TAG);
        MCommandParameter parameter = MCommandsFactory.INSTANCE.createCommandParameter();
        parameter.setElementId(ConversationActions.CONVERSATION);
        parameter.setName("conversation");
        command.getParameters().add(parameter);
        application.getCommands().add(command);
        MHandler handler = MCommandsFactory.INSTANCE.createHandler();
        handler.setCommand(command);
        handler.setObject(new ConversationHandler(handle));
        application.getHandlers().add(handler);
    }

    /** A handler of an action on conversations: hands on the ID it is given. */
    public static final class ConversationHandler {

        private final Consumer<String> handle;

        ConversationHandler(Consumer<String> handle) {
            this.handle = handle;
        }

        @Execute
        public void execute(@Named(ConversationActions.CONVERSATION) String conversation) {
            handle.accept(conversation);
        }
    }

    /** Whether the text's last line is wholly in view (on the UI thread). */
    private static boolean lastLineInView(StyledText text) {
        Point end = text.getLocationAtOffset(text.getCharCount());
        return end.y >= 0 && end.y + text.getLineHeight() <= text.getClientArea().height;
    }

    private static PeerId peer(int first) {
        byte[] bytes = new byte[32];
        bytes[0] = (byte) first;
        return new PeerId(bytes);
    }

    /** Whether a row's last column reads {@code text} (on the UI thread). */
    private static boolean lists(Table table, String text) {
        return java.util.Arrays.stream(table.getItems()).anyMatch(item -> item.getText(table.getColumnCount() - 1).equals(text));
    }

    /** The index of the row whose last column reads {@code text} (on the UI thread). */
    private static int row(Table table, String text) {
        return row(table, table.getColumnCount() - 1, text);
    }

    /** The index of the row whose {@code column} reads {@code text} (on the UI thread). */
    private static int row(Table table, int column, String text) {
        for (int i = 0; i < table.getItemCount(); i++) {
            if (table.getItem(i).getText(column).equals(text)) {
                return i;
            }
        }
        throw new AssertionError("No row reads '" + text + "'");
    }

    /** The first message, under the day it was sent, then its author, time and state. */
    private static final Pattern FIRST = Pattern.compile("Today\n\nme  \\d\\d:\\d\\d  ·  sending\nAre we still on for Friday\\?");

    private static Object clipboard(Control control) {
        Clipboard clipboard = new Clipboard(control.getDisplay());
        try {
            return clipboard.getContents(TextTransfer.getInstance());
        } finally {
            clipboard.dispose();
        }
    }

    /** Types {@code text} into the search field and presses Enter. */
    /** A plugin's type of message content, registered in the running desktop as a plugin's component would be. */
    private static final class Polls implements MessageContent {

        static final String TYPE = "org.example.polls/poll";

        @Override
        public String type() {
            return TYPE;
        }

        @Override
        public void check(String data) {
            // any question will do
        }

        @Override
        public java.util.Optional<String> describe(org.peerdesk.messaging.Message message) {
            return java.util.Optional.of("Votes so far: none");
        }
    }
}
