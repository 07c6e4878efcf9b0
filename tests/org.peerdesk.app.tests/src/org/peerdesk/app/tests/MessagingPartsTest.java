package org.peerdesk.app.tests;

import static org.peerdesk.app.tests.DesktopSession.selectRow;
import static org.peerdesk.app.tests.DesktopSession.service;
import static org.peerdesk.app.tests.DesktopSession.show;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.swt.SWT;
import org.eclipse.swt.dnd.Clipboard;
import org.eclipse.swt.dnd.TextTransfer;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerdesk.core.PeerId;
import org.peerdesk.messaging.ConversationId;
import org.peerdesk.messaging.MessageService;
import org.peerdesk.testing.ui.UiRobot;

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
            Table history = robot.find(Table.class, "chat.history");
            robot.waitUntil("the message is in the history, waiting for its peer",
                    () -> history.getItemCount() == 1 && history.getItem(0).getText(3).equals("sending"));
            assertEquals("Are we still on for Friday?", robot.read(() -> history.getItem(0).getText(2)));
            assertEquals("me", robot.read(() -> history.getItem(0).getText(1)));
            assertEquals("", robot.read(composer::getText));
            robot.onUiThread(() -> history.getShell().setSize(1400, 900));
            robot.waitUntil("the history's columns share out the width beyond their least", () -> {
                int columns = 0;
                for (TableColumn column : history.getColumns()) {
                    columns += column.getWidth();
                }
                return history.getClientArea().width > 110 + 140 + 330 + 100 + 100 && Math.abs(columns - history.getClientArea().width) <= 1;
            });
            robot.waitUntil("the list shows the last message",
                    () -> conversations.getItem(0).getText(2).equals("me: Are we still on for Friday?"));
            assertEquals(0, robot.read(conversations::getSelectionIndex), "the open conversation stays selected as the list refreshes");

            Path agenda = Files.writeString(home.resolve("agenda.txt"), "1. Friday");
            ConversationId chat = service(MessageService.class).direct(new PeerId(bytes)).id();
            service(MessageService.class).send(chat, "the agenda", List.of(agenda));
            robot.waitUntil("the message shows the file it carries",
                    () -> history.getItemCount() == 2 && history.getItem(1).getText(2).equals("the agenda  [file: agenda.txt (9 B)]"));
            robot.onUiThread(() -> {
                history.setFocus();
                history.setSelection(1);
            });
            robot.key(SWT.CTRL, 'c');
            robot.waitUntil("Ctrl+C copies the selected message, with its files",
                    () -> "the agenda\n[file: agenda.txt (9 B)]".equals(clipboard(history)) && chatStatus.getText().equals("Copied the message."));

            Text search = robot.find(Text.class, "conversations.search");
            Table found = robot.find(Table.class, "conversations.found");
            enter(robot, search, "FRIDAY");
            robot.waitUntil("the message holding the word is found, in place of the conversations",
                    () -> found.isVisible() && !conversations.isVisible() && found.getItemCount() == 1);
            assertEquals("Are we still on for Friday?", robot.read(() -> found.getItem(0).getText(2)));
            assertEquals("1 message holding \"FRIDAY\". Open one to see its conversation.", robot.read(status::getText));
            enter(robot, search, "monday");
            robot.waitUntil("a word no message holds finds none", () -> status.getText().equals("No message holds \"monday\".")
                    && found.getItemCount() == 0);
            enter(robot, search, "");
            robot.waitUntil("an empty search shows the conversations again", () -> conversations.isVisible() && !found.isVisible()
                    && status.getText().equals("1 conversation."));
        });
    }

    private static Object clipboard(Control control) {
        Clipboard clipboard = new Clipboard(control.getDisplay());
        try {
            return clipboard.getContents(TextTransfer.getInstance());
        } finally {
            clipboard.dispose();
        }
    }

    /** Types {@code text} into the search field and presses Enter. */
    private static void enter(UiRobot robot, Text search, String text) {
        robot.onUiThread(() -> {
            search.setText(text);
            search.notifyListeners(SWT.DefaultSelection, new Event());
        });
    }
}
