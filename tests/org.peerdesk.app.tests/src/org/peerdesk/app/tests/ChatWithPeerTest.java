package org.peerdesk.app.tests;

import static org.peerdesk.app.tests.DesktopSession.awaitOffUi;
import static org.peerdesk.app.tests.DesktopSession.selectRow;
import static org.peerdesk.app.tests.DesktopSession.service;
import static org.peerdesk.app.tests.DesktopSession.show;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.e4.ui.internal.workbench.E4Workbench;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Link;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.peerdesk.core.PeerId;
import org.peerdesk.files.Transfer;
import org.peerdesk.files.Transfers;
import org.peerdesk.identity.NodeIdentity;
import org.peerdesk.messaging.Conversation;
import org.peerdesk.messaging.ConversationId;
import org.peerdesk.messaging.MessageService;
import org.peerdesk.permissions.Grant;
import org.peerdesk.permissions.GrantTerms;
import org.peerdesk.permissions.PermissionService;
import org.peerdesk.permissions.Resource;
import org.peerdesk.permissions.Right;
import org.peerdesk.testing.ui.UiRobot;
import org.peerdesk.transport.PeerAddress;
import org.peerdesk.transport.PeerDirectory;
import org.peerdesk.transport.TransportService;

/**
 * The Chat view with a real peer node, over TLS: each side sees the other typing, a file the peer sends
 * comes with a click, the conversation's history can be cleared here, the peer keeping its own, a group the
 * peer made can be left, and a file from a peer forgotten since is not offered, with the reason.
 */
@ExtendWith(PeerLogsOnFailure.class)
class ChatWithPeerTest {

    private static final String CONVERSATIONS = "org.peerdesk.messaging.ui.part.conversations";
    private static final String CHAT = "org.peerdesk.messaging.ui.part.chat";
    private static final Pattern TYPING = Pattern.compile("\"typing\"\\s*:\\s*\\[([^\\]]*)\\]");
    /** What the chat puts before the message a reply answers. */
    private static final String QUOTE_BAR = "\u258e ";
    /** What the chat says before the first message that was new when the conversation was opened. */
    private static final String NEW_MESSAGES = "New messages";

    @TempDir
    Path home;

    @Test
    void eachSideSeesTheOtherTypingAndAFileThePeerSendsIsFetchedWithAClick() throws Throwable {
        try (PeerProcess peer = PeerProcess.start(home.resolve("peer"))) {
            DesktopSession.run(home.resolve("node"), (workbench, robot) -> {
                PeerId me = messagingEachOther(peer);
                service(MessageService.class).direct(peer.id);
                String toMe = "{\"to\": \"" + me + "\"}";
                peer.post("/api/v1/messages", toMe); // the peer's side of the conversation
                MWindow window = workbench.getApplication().getChildren().get(0);
                MPart conversationsTab = robot.read(() -> window.getContext().get(EPartService.class).findPart(CONVERSATIONS));
                peer.post("/api/v1/messages/send", "{\"to\": \"" + me + "\", \"text\": \"Are you free on Friday?\"}");
                robot.waitUntil("the Conversations tab, never opened, counts the unread message",
                        () -> conversationsTab.getLabel().equals("Conversations (1)"));

                show(window, robot, CONVERSATIONS);
                Table conversations = robot.find(Table.class, "conversations.table");
                robot.waitUntil("the conversation is listed", () -> conversations.getItemCount() == 1);
                selectRow(robot, conversations, 0);
                robot.waitUntil("reading it clears the count", () -> conversationsTab.getLabel().equals("Conversations"));
                Label typing = robot.find(Label.class, "chat.typing");
                robot.waitUntil("the chat shows the conversation, no one typing",
                        () -> robot.find(Label.class, "chat.title").getText().startsWith("Conversation with") && typing.getText().isEmpty());

                peer.post("/api/v1/messages/typing", toMe);
                robot.waitUntil("the peer is shown typing", () -> typing.getText().endsWith(" is typing…"));
                peer.post("/api/v1/messages/send", "{\"to\": \"" + me + "\", \"text\": \"Friday works\"}");
                robot.waitUntil("its message ends its typing", () -> typing.getText().isEmpty());
                // the list's last message says the count is as of after the message came, not before
                robot.waitUntil("the message, seen in the open chat, is read", () -> conversationsTab.getLabel().equals("Conversations")
                        && conversations.getItem(0).getText(3).equals("Friday works"));

                show(window, robot, "org.peerdesk.app.part.overview"); // the chat, still open, goes behind another view
                peer.post("/api/v1/messages/send", "{\"to\": \"" + me + "\", \"text\": \"Or Saturday?\"}");
                robot.waitUntil("a message the user cannot see stays unread", () -> conversationsTab.getLabel().equals("Conversations (1)")
                        && conversations.getItem(0).getText(3).equals("Or Saturday?"));
                Thread.sleep(500); // the chat has had the message read and shown by now, out of sight
                assertEquals("Conversations (1)", robot.read(conversationsTab::getLabel), "still unread behind another view");
                show(window, robot, "org.peerdesk.messaging.ui.part.chat");
                robot.waitUntil("brought to the front, the chat marks it read", () -> conversationsTab.getLabel().equals("Conversations"));
                Shell shell = robot.shell("Peerdesk");
                robot.onUiThread(() -> shell.setVisible(false)); // as if minimized: no window manager here to do it
                robot.waitUntil("the window has lost the focus", () -> shell.getDisplay().getActiveShell() == null);
                peer.post("/api/v1/messages/send", "{\"to\": \"" + me + "\", \"text\": \"Or Sunday?\"}");
                robot.waitUntil("a message that comes while the window is away stays unread", () -> conversationsTab.getLabel()
                        .equals("Conversations (1)") && conversations.getItem(0).getText(3).equals("Or Sunday?"));
                robot.onUiThread(() -> shell.setVisible(true));
                robot.click(robot.find(Text.class, "chat.composer"));
                robot.waitUntil("back in the window, the chat in front marks it read", () -> conversationsTab.getLabel().equals("Conversations"));

                Text composer = robot.find(Text.class, "chat.composer");
                robot.onUiThread(() -> composer.setText("Great, see y"));
                awaitOffUi("the peer hears this node's user typing", () -> typers(peer.post("/api/v1/messages", toMe)).contains(me.toString()));

                Path minutes = Files.writeString(home.resolve("minutes.txt"), "Friday, 9:00 at the station");
                peer.post("/api/v1/messages/send", "{\"to\": \"" + me + "\", \"text\": \"the minutes\", \"files\": [\"" + minutes + "\"]}");
                StyledText history = robot.find(StyledText.class, "chat.history");
                String link = "Fetch minutes.txt (" + Files.size(minutes) + " B)";
                robot.waitUntil("the message offers its file", () -> history.getText().endsWith("the minutes\n" + link));
                robot.click(history, () -> {
                    Point at = history.getLocationAtOffset(history.getText().indexOf(link));
                    return new Rectangle(at.x, at.y, 2 * history.getLineHeight(), history.getLineHeight());
                });
                Label status = robot.find(Label.class, "chat.status");
                robot.waitUntil("clicking the file starts its download", () -> status.getText().startsWith("Downloading 1 file from "));
                Transfers transfers = service(Transfers.class);
                awaitOffUi("the file arrives", () -> transfers.transfers().stream().anyMatch(transfer -> transfer.state() == Transfer.State.DONE));
                Path fetched = transfers.transfers().get(0).local().resolve("minutes.txt");
                assertEquals("Friday, 9:00 at the station", Files.readString(fetched), "what arrived at " + fetched);
                robot.waitUntil("the file, here now, is offered to open", () -> history.getText().endsWith("the minutes\nOpen minutes.txt ("
                        + "Friday, 9:00 at the station".length() + " B)"));

                chooseAndConfirm(robot, conversations, () -> 0, "Clear &history...", "Clear history", "Delete messages");
                Label listed = robot.find(Label.class, "conversations.status");
                robot.waitUntil("the history is gone here, and said so", () -> !history.getText().contains("the minutes")
                        && listed.getText().startsWith("Deleted 5 messages of "));
                assertEquals(List.of(), service(MessageService.class).latest(ConversationId.direct(me, peer.id), 10));
                assertTrue(peer.post("/api/v1/messages", toMe).contains("Friday works"), "the peer keeps its own");

                peer.post("/api/v1/groups", "{\"title\": \"Weekend\", \"members\": [\"" + me + "\"]}");
                robot.waitUntil("the peer's group is listed", () -> row(conversations, "Weekend") >= 0);
                chooseAndConfirm(robot, conversations, () -> row(conversations, "Weekend"), "&Leave group...", "Leave group", "Leave");
                robot.waitUntil("the creator's node took this node out, and the view said it asked", () -> listed.getText()
                        .startsWith("Asked ") && listed.getText().contains(" to take you out of \"Weekend\".")
                        && conversations.getItem(row(conversations, "Weekend")).getData() instanceof Conversation group
                        && !group.members().contains(me));

                byte[] away = new byte[32];
                away[0] = 9;
                PeerId cai = new PeerId(away); // a member this node knows, never online
                service(PeerDirectory.class).remember(cai, "Cai", java.util.Optional.empty());
                ConversationId plans = service(MessageService.class).createGroup("Plans", List.of(peer.id, cai)).id();
                service(MessageService.class).send(plans, "Who brings the tent?");
                robot.waitUntil("the group is listed", () -> row(conversations, "Plans") >= 0);
                selectRow(robot, conversations, () -> row(conversations, "Plans"));
                robot.waitUntil("the message says the peer has it and the member away does not yet",
                        () -> history.getText().contains("  ·  delivered to 1 of 2\nWho brings the tent?"));
                robot.rightClick(history, () -> {
                    Point at = history.getLocationAtOffset(history.getText().lastIndexOf("Who brings the tent?"));
                    return new Rectangle(at.x, at.y, 40, history.getLineHeight());
                });
                Menu tentMenu = robot.read(history::getMenu);
                robot.waitUntil("the history's menu opens on the message", tentMenu::isVisible);
                robot.choose(tentMenu, "&Who has it...");
                Shell receipts = robot.shell("Who has it");
                String said = robot.read(() -> robot.all(receipts, Label.class).stream().map(Label::getText).reduce("", String::concat));
                assertTrue(said.matches("(?s)Who brings the tent\\?\\n\\n[^\\n]+: delivered\\nCai: (sending|waiting).*"),
                        "the peer that has it first, then the member away: " + said);
                robot.click(robot.read(() -> robot.all(receipts, Button.class).stream().filter(button -> button.getText().equals("OK"))
                        .findFirst().orElseThrow()));
                robot.waitUntil("the receipts close", receipts::isDisposed);

                Path notes = Files.writeString(home.resolve("notes.txt"), "Bring boots");
                peer.post("/api/v1/messages/send", "{\"to\": \"" + me + "\", \"text\": \"the notes\", \"files\": [\"" + notes + "\"]}");
                selectRow(robot, conversations, () -> direct(conversations)); // the new message may move it up meanwhile
                robot.waitUntil("the file is offered while its sender is a peer", () -> history.getText().endsWith("the notes\nFetch notes.txt (11 B)"));
                service(PeerDirectory.class).forget(peer.id);
                robot.waitUntil("once the sender is forgotten, the chat says why its file cannot be fetched, and no longer offers it",
                        () -> history.getText().endsWith("the notes\nnotes.txt (11 B), from " + peer.id.shortForm() + ", who is not a peer"
                                + " of yours: files come from their sender, so add each other as peers (Peers, Invite someone..., or be introduced by a peer"
                                + " you both know) to fetch them"));
                robot.rightClick(history, () -> {
                    Point at = history.getLocationAtOffset(history.getText().lastIndexOf("notes.txt (11 B), from"));
                    return new Rectangle(at.x, at.y, 2 * history.getLineHeight(), history.getLineHeight());
                });
                Menu menu = robot.read(history::getMenu);
                robot.waitUntil("the history's menu opens on the message", menu::isVisible);
                assertEquals(List.of(true, true, true, true, true, false, false, false, false),
                        robot.read(() -> Arrays.stream(menu.getItems()).filter(item -> !item.getText().startsWith("&Copy"))
                                .map(MenuItem::getEnabled).toList()), "the message can be replied to, reacted to, forwarded (its text), pinned and copied;"
                                + " its files cannot be fetched;"
                                + " it came from another, so it has no receipts here and is not the user's to change");
                robot.onUiThread(() -> menu.setVisible(false));
                robot.click(history, () -> {
                    Point at = history.getLocationAtOffset(history.getText().lastIndexOf("notes.txt (11 B), from"));
                    return new Rectangle(at.x, at.y, 2 * history.getLineHeight(), history.getLineHeight());
                });
                robot.waitUntil("the click reached the line", () -> history.getCaretOffset() >= history.getText().lastIndexOf("notes.txt (11 B), from"));
                Thread.sleep(1000); // a download would have been asked for by now
                assertEquals(1, transfers.transfers().size(), "no download was started from a sender this node cannot reach");
            });
        }
    }

    @Test
    void theUserEditsAndDeletesTheirMessagesForEveryoneAndSeesThePeersEdits() throws Throwable {
        try (PeerProcess peer = PeerProcess.start(home.resolve("peer"))) {
            DesktopSession.run(home.resolve("node"), (workbench, robot) -> {
                PeerId me = messagingEachOther(peer);
                ConversationId chat = service(MessageService.class).direct(peer.id).id();
                service(MessageService.class).send(chat, "Lunch at noon?");
                String toMe = "{\"to\": \"" + me + "\"}";
                awaitOffUi("the peer has the message", () -> peer.post("/api/v1/messages", toMe).contains("Lunch at noon?"));

                StyledText history = openTheOnlyConversation(workbench, robot, "Lunch at noon?");

                chooseOnMessage(robot, history, "Lunch at noon?", "&Edit...");
                Shell editing = robot.shell("Edit message");
                Text newText = robot.find(Text.class, "chat.edit.text");
                assertEquals("Lunch at noon?", robot.read(newText::getText), "the dialog starts from the message's text");
                robot.onUiThread(() -> newText.setText("Lunch at one?\nAt the usual place"));
                clickButton(robot, editing, "OK");
                robot.waitUntil("the chat shows the new text, marked edited", () -> history.getText().contains("  ·  edited")
                        && history.getText().contains("Lunch at one?\nAt the usual place") && !history.getText().contains("noon"));
                awaitOffUi("the peer sees the edit", () -> peer.post("/api/v1/messages", toMe).contains("\"text\":\"Lunch at one?\\nAt the usual place\""));
                assertTrue(peer.post("/api/v1/messages", toMe).contains("\"revision\":\"edited\""));
                Text composer = robot.find(Text.class, "chat.composer");
                robot.click(composer);
                robot.waitUntil("the composer has the focus", composer::isFocusControl);
                robot.press(SWT.ARROW_UP);
                Shell again = robot.shell("Edit message");
                assertEquals("Lunch at one?\nAt the usual place", robot.read(robot.find(Text.class, "chat.edit.text")::getText),
                        "Up in the empty composer edits the user's newest message");
                clickButton(robot, again, "Cancel");
                robot.waitUntil("the dialog closes, changing nothing", again::isDisposed);

                chooseOnMessage(robot, history, "Lunch at one?", "&Delete for everyone...");
                clickButton(robot, robot.shell("Delete for everyone"), "Delete");
                robot.waitUntil("the chat shows that the message was deleted, not its text", () -> history.getText().contains("(deleted this message)")
                        && !history.getText().contains("Lunch"));
                awaitOffUi("the peer sees the deletion", () -> peer.post("/api/v1/messages", toMe).contains("\"revision\":\"deleted\"")
                        && !peer.post("/api/v1/messages", toMe).contains("Lunch"));

                peer.post("/api/v1/messages/send", "{\"to\": \"" + me + "\", \"text\": \"See you at 1\"}");
                robot.waitUntil("the peer's message arrives", () -> history.getText().contains("See you at 1"));
                peer.post("/api/v1/messages/edit", "{\"to\": \"" + me + "\", \"text\": \"See you at 2\"}");
                robot.waitUntil("the peer's edit shows", () -> history.getText().contains("See you at 2") && !history.getText().contains("See you at 1"));
                Table conversations = robot.find(Table.class, "conversations.table");
                robot.waitUntil("the list's last message is the edited one", () -> conversations.getItem(0).getText(3).equals("See you at 2"));
                robot.rightClick(history, () -> lineOf(history, "See you at 2"));
                Menu menu = robot.read(history::getMenu);
                robot.waitUntil("the history's menu opens on the peer's message", menu::isVisible);
                assertEquals(List.of(false, false), robot.read(() -> Arrays.stream(menu.getItems()).skip(8).map(MenuItem::getEnabled).toList()),
                        "the peer's message is not the user's to edit or delete");
                robot.onUiThread(() -> menu.setVisible(false));
            });
        }
    }

    @Test
    void theUserRepliesAndReactsToMessagesAndSeesThePeersReplyAndReaction() throws Throwable {
        try (PeerProcess peer = PeerProcess.start(home.resolve("peer"))) {
            DesktopSession.run(home.resolve("node"), (workbench, robot) -> {
                PeerId me = messagingEachOther(peer);
                String toMe = "{\"to\": \"" + me + "\"}";
                peer.post("/api/v1/messages/send", "{\"to\": \"" + me + "\", \"text\": \"Are we still on for the review at 10?\"}");

                StyledText history = openTheOnlyConversation(workbench, robot, "review at 10?");
                Label replying = robot.find(Label.class, "chat.replying");
                assertFalse(robot.read(replying::isVisible), "no reply is being written");

                chooseOnMessage(robot, history, "review at 10?", "&Reply");
                robot.waitUntil("the composer says what the reply answers", () -> replying.isVisible()
                        && replying.getText().matches("Replying to [^:]+: Are we still on for the review at 10\\?"));
                Text composer = robot.find(Text.class, "chat.composer");
                robot.waitUntil("the composer has the focus, to write the reply", composer::isFocusControl);
                robot.press(SWT.ESC);
                robot.waitUntil("Escape makes it a message of its own again", () -> !replying.isVisible());
                chooseOnMessage(robot, history, "review at 10?", "&Reply");
                robot.waitUntil("the reply bar is back", replying::isVisible);
                robot.onUiThread(() -> composer.setText("Yes, in room 4"));
                robot.click(robot.find(Button.class, "chat.send"));
                robot.waitUntil("the reply shows what it answers, and the bar goes", () -> !replying.isVisible()
                        && history.getText().matches("(?s).*" + QUOTE_BAR + "[^:\n]+: Are we still on for the review at 10\\?\nYes, in room 4.*"));
                awaitOffUi("the peer has the reply, with what it answers", () -> peer.post("/api/v1/messages", toMe)
                        .contains("\"excerpt\":\"Are we still on for the review at 10?\",\"deleted\":false},\"outgoing\":false"));

                peer.post("/api/v1/messages/reply", "{\"to\": \"" + me + "\", \"text\": \"Perfect\"}");
                robot.waitUntil("the peer's reply quotes the user's message", () -> history.getText().contains(
                        QUOTE_BAR + "me: Yes, in room 4\nPerfect"));
                robot.click(history, () -> lineOf(history, QUOTE_BAR + "me: Yes"));
                robot.waitUntil("clicking the quote selects the message it answers", () -> history.getSelectionText().contains("Yes, in room 4")
                        && !history.getSelectionText().contains("Perfect"));

                chooseOnMessage(robot, history, "Perfect", "Re&act...");
                robot.click(robot.find(Button.class, "chat.react.0"));
                robot.waitUntil("the reaction shows under the message, with who reacted", () -> history.getText().endsWith("Perfect\n"
                        + THUMBS_UP + " me"));
                awaitOffUi("the peer has the reaction", () -> peer.post("/api/v1/messages", toMe)
                        .contains("\"reaction\":\"\\uD83D\\uDC4D\"")); // JSON's escape of the emoji
                peer.post("/api/v1/messages/react", "{\"to\": \"" + me + "\", \"reaction\": \"+1\"}");
                robot.waitUntil("the peer's reaction to the user's message shows, naming the peer", () -> history.getText()
                        .matches("(?s).*\nYes, in room 4\n\\+1 [^\n]+\n.*"));
                chooseOnMessage(robot, history, "Perfect", "Re&act...");
                robot.click(robot.find(Button.class, "chat.react.takeBack"));
                robot.waitUntil("the user's reaction is taken back", () -> history.getText().endsWith("Perfect"));
            });
        }
    }

    @Test
    void theUserForwardsThePeersMessageToAGroupMarkedAsThePeers() throws Throwable {
        try (PeerProcess peer = PeerProcess.start(home.resolve("peer"))) {
            DesktopSession.run(home.resolve("node"), (workbench, robot) -> {
                PeerId me = messagingEachOther(peer);
                peer.post("/api/v1/messages/send", "{\"to\": \"" + me + "\", \"text\": \"The build is green\"}");
                StyledText history = openTheOnlyConversation(workbench, robot, "The build is green");
                ConversationId team = service(MessageService.class).createGroup("Release team", List.of(peer.id)).id();
                service(MessageService.class).createGroup("Design team", List.of(peer.id));

                chooseOnMessage(robot, history, "The build is green", "F&orward...");
                robot.shell("Forward");
                Table choices = robot.find(Table.class, "forward.conversations");
                robot.waitUntil("the dialog lists the user's other conversations", () -> choices.getItemCount() == 2
                        && Set.of(choices.getItem(0).getText(), choices.getItem(1).getText())
                                .equals(Set.of("Release team  (group)", "Design team  (group)")));
                Text filter = robot.find(Text.class, "forward.filter");
                Label problem = robot.find(Label.class, "forward.problem");
                robot.onUiThread(() -> filter.setText("zzz"));
                robot.waitUntil("a name that none holds leaves none, and the dialog says so", () -> choices.getItemCount() == 0
                        && problem.getText().equals("No other conversation's name holds \u201czzz\u201d."));
                robot.enter(filter, "REL");
                Label status = robot.find(Label.class, "chat.status");
                robot.waitUntil("the chat says where it went", () -> status.getText().equals("Forwarded to Release team."));
                awaitOffUi("the group's other member has it, marked as the peer's own words", () -> peer.post("/api/v1/messages",
                        "{\"to\": \"Release team\"}").matches("(?s).*\"text\":\"The build is green\",.*\"forwardedFrom\":\\{\"peer\":\""
                                + peer.id + "\".*"));

                robot.onUiThread(() -> workbench.getApplication().getContext().set(ConversationId.class, team));
                String peerName = service(PeerDirectory.class).nameOf(peer.id);
                robot.waitUntil("the group's chat says whose the words were, and no longer what the chat said of the other",
                        () -> history.getText().endsWith("\nForwarded from " + peerName + "\nThe build is green") && status.getText().isEmpty());
            });
        }
    }

    @Test
    void aMessagePinnedByEitherShowsAboveTheChatAndEitherUnpinsIt() throws Throwable {
        try (PeerProcess peer = PeerProcess.start(home.resolve("peer"))) {
            DesktopSession.run(home.resolve("node"), (workbench, robot) -> {
                PeerId me = messagingEachOther(peer);
                peer.post("/api/v1/messages/send", "{\"to\": \"" + me + "\", \"text\": \"The release notes are in docs/\"}");
                peer.post("/api/v1/messages/send", "{\"to\": \"" + me + "\", \"text\": \"Standup moved to 10\"}");
                StyledText history = openTheOnlyConversation(workbench, robot, "Standup moved to 10");
                String peerName = service(PeerDirectory.class).nameOf(peer.id);
                Label pinned = robot.find(Label.class, "chat.pinned");
                Link show = robot.find(Link.class, "chat.pinned.show");
                assertFalse(robot.read(pinned::isVisible), "nothing is pinned: no bar");

                chooseOnMessage(robot, history, "The release notes are in docs/", "&Pin to top");
                robot.waitUntil("the bar above the chat shows it, and the chat says who pinned it", () -> pinned.isVisible()
                        && pinned.getText().equals(peerName + ": The release notes are in docs/") && show.getText().equals("<a>Show</a>")
                        && history.getText().contains("  ·  pinned by me\nThe release notes are in docs/"));
                awaitOffUi("the peer's node has it pinned, by the user", () -> {
                    String pins = peer.post("/api/v1/messages/pins", "{\"to\": \"" + me + "\"}");
                    return pins.contains("\"text\":\"The release notes are in docs/\"") && pins.matches("(?s).*\"pinned\":\\{\"by\":\\{[^}]*\"" + me + "\".*");
                });

                peer.post("/api/v1/messages/pin", "{\"to\": \"" + me + "\"}");
                robot.waitUntil("the peer's pin, the last, shows first, and the bar counts them", () -> pinned.getText()
                        .equals(peerName + ": Standup moved to 10") && show.getText().equals("1 of 2  <a>Show</a>")
                        && history.getText().contains("  ·  pinned by " + peerName + "\nStandup moved to 10"));
                robot.click(pinned);
                robot.waitUntil("a click shows it in the chat, and the bar the one pinned before it", () -> history.getSelectionText()
                        .contains("Standup moved to 10") && pinned.getText().endsWith(": The release notes are in docs/")
                        && show.getText().equals("2 of 2  <a>Show</a>"));

                chooseOnMessage(robot, history, "Standup moved to 10", "Un&pin");
                robot.waitUntil("unpinned by the user, it leaves the bar", () -> pinned.getText().endsWith(": The release notes are in docs/")
                        && show.getText().equals("<a>Show</a>") && !history.getText().contains("pinned by " + peerName));
                // the answer holds the pinned messages and the conversation with its last message, the one just unpinned
                awaitOffUi("and the peer's node has it unpinned", () -> peer.post("/api/v1/messages/pins", "{\"to\": \"" + me + "\"}")
                        .split("\"pinned\":\\{\"by\"", -1).length == 2);
            });
        }
    }

    @Test
    void theUserSetsTheConversationsMessagesToDisappearForBothAndSeesThePeerKeepThemAgain() throws Throwable {
        try (PeerProcess peer = PeerProcess.start(home.resolve("peer"))) {
            DesktopSession.run(home.resolve("node"), (workbench, robot) -> {
                PeerId me = messagingEachOther(peer);
                peer.post("/api/v1/messages/send", "{\"to\": \"" + me + "\", \"text\": \"Shall these be short-lived?\"}");
                StyledText history = openTheOnlyConversation(workbench, robot, "Shall these be short-lived?");
                Label title = robot.find(Label.class, "chat.title");
                Table conversations = robot.find(Table.class, "conversations.table");
                robot.rightClick(conversations, () -> conversations.getItem(0).getBounds(0));
                robot.waitUntil("the conversation's menu opens", () -> conversations.getMenu().isVisible());
                robot.choose(robot.read(conversations::getMenu), "&Disappearing messages...");
                Shell dialog = robot.shell("Disappearing Messages");
                Button week = robot.find(Button.class, "chat.disappear.3");
                assertEquals("Disappear after 1 week", robot.read(week::getText));
                robot.click(week);
                clickButton(robot, dialog, "Set for Everyone");
                robot.waitUntil("the chat says so, in its heading and in a note, which the list shows as it is", () -> title.getText()
                        .contains(" Messages disappear 1 week after they are written, for everyone.")
                        && history.getText().contains("You set messages to disappear 1 week after they are written")
                        && conversations.getItem(0).getText(3).equals("You set messages to disappear 1 week after they are written"));
                awaitOffUi("the peer's node has the setting", () -> peer.get("/api/v1/conversations").contains("\"disappearAfterSeconds\":604800"));

                peer.post("/api/v1/conversations/disappear", "{\"to\": \"" + me + "\", \"afterSeconds\": 0}");
                String peerName = service(PeerDirectory.class).nameOf(peer.id);
                robot.waitUntil("the peer's change shows as a note, and the heading no longer says they disappear", () -> history.getText()
                        .contains(peerName + " set messages to be kept (they no longer disappear)") && !title.getText().contains("disappear"));

                robot.rightClick(conversations, () -> conversations.getItem(0).getBounds(0));
                robot.waitUntil("the conversation's menu opens", () -> conversations.getMenu().isVisible());
                robot.choose(robot.read(conversations::getMenu), "E&xport...");
                Shell export = robot.shell("Export Conversation");
                Text file = robot.find(Text.class, "export.file");
                ConversationId chat = service(MessageService.class).direct(peer.id).id();
                String offered = peerName + " (direct, " + chat.value().substring(0, 8) + ").txt";
                assertEquals(Path.of(System.getProperty("user.home"), offered).toString(), robot.read(file::getText),
                        "a file in the home folder, named after the conversation, is offered");
                Path chosen = home.resolve("exported.txt");
                robot.onUiThread(() -> file.setText(chosen.toString()));
                clickButton(robot, export, "Export");
                Label said = robot.find(Label.class, "conversations.status");
                robot.waitUntil("the conversation is written, and the view says where", () -> said.getText()
                        .startsWith("Wrote 2 messages of your conversation with " + peerName + " to " + chosen + "."));
                List<String> lines = Files.readAllLines(chosen);
                assertEquals("Conversation with " + peerName, lines.get(0));
                assertTrue(lines.get(4).endsWith("  " + peerName + ": Shall these be short-lived?"), lines.toString());
                assertTrue(lines.get(5).endsWith("  " + peerName + " set messages to be kept (they no longer disappear)"),
                        "a note as it reads, and no message set to disappear: " + lines);
                assertEquals(6, lines.size(), lines.toString());
            });
        }
    }

    @Test
    void aConversationOpensAtItsFirstNewMessageUnderALineThatSaysSo() throws Throwable {
        try (PeerProcess peer = PeerProcess.start(home.resolve("peer"))) {
            DesktopSession.run(home.resolve("node"), (workbench, robot) -> {
                PeerId me = messagingEachOther(peer);
                MessageService messages = service(MessageService.class);
                ConversationId chat = messages.direct(peer.id).id();
                for (int i = 1; i <= 40; i++) {
                    messages.send(chat, "Earlier note " + i);
                }
                for (int i = 1; i <= 30; i++) {
                    peer.post("/api/v1/messages/send", "{\"to\": \"" + me + "\", \"text\": \"New note " + i + "\"}");
                }
                awaitOffUi("the peer's messages are here, unread", () -> messages.conversation(chat).orElseThrow().unread() == 30);

                StyledText history = openTheOnlyConversation(workbench, robot, "New note 30");
                robot.waitUntil("a line says where the new messages begin, and the chat opens there, not at its end", () -> {
                    String shown = history.getText();
                    Point line = history.getLocationAtOffset(shown.indexOf(NEW_MESSAGES));
                    return shown.contains("Earlier note 40\n\n" + NEW_MESSAGES + "\n\n") && shown.indexOf(NEW_MESSAGES) < shown.indexOf("New note 1\n")
                            && line.y >= 0 && line.y < history.getClientArea().height / 2;
                });
                awaitOffUi("seen, they are read", () -> messages.conversation(chat).orElseThrow().unread() == 0);
                peer.post("/api/v1/messages/send", "{\"to\": \"" + me + "\", \"text\": \"One more\"}");
                robot.waitUntil("the line stays while the conversation is open", () -> history.getText().endsWith("One more")
                        && history.getText().contains("Earlier note 40\n\n" + NEW_MESSAGES));
            });
        }
    }

    @Test
    void aMutedConversationsMessagesComeWithoutANoticeOrACountOnTheTabButARepliesAndMentionsOfTheUserAreTold() throws Throwable {
        try (PeerProcess peer = PeerProcess.start(home.resolve("peer"))) {
            DesktopSession.run(home.resolve("node"), (workbench, robot) -> {
                PeerId me = messagingEachOther(peer);
                String toMe = "{\"to\": \"" + me + "\", \"text\": \"";
                peer.post("/api/v1/messages/send", toMe + "Hello\"}");
                service(MessageService.class).send(service(MessageService.class).direct(peer.id).id(), "Lunch at one?");
                openTheOnlyConversation(workbench, robot, "Lunch at one?");
                Table conversations = robot.find(Table.class, "conversations.table");
                MPart conversationsTab = robot.read(() -> workbench.getApplication().getChildren().get(0).getContext()
                        .get(EPartService.class).findPart(CONVERSATIONS));
                robot.waitUntil("the message is read", () -> conversationsTab.getLabel().equals("Conversations"));

                robot.rightClick(conversations, () -> conversations.getItem(0).getBounds(0));
                robot.waitUntil("the conversation's menu opens", () -> conversations.getMenu().isVisible());
                robot.choose(robot.read(conversations::getMenu), "&Mute");
                robot.waitUntil("the list says it is muted, and so does the chat's heading", () -> conversations.getItem(0).getText(1).equals("muted")
                        && robot.find(Label.class, "chat.title").getText().contains(" Muted here: "));

                Shell shell = robot.shell("Peerdesk");
                robot.onUiThread(() -> shell.setVisible(false)); // as if minimized: no window manager here to do it
                robot.waitUntil("the window has lost the focus", () -> shell.getDisplay().getActiveShell() == null);
                peer.post("/api/v1/messages/send", toMe + "While muted\"}");
                robot.waitUntil("the message comes, unread", () -> conversations.getItem(0).getText(3).equals("While muted")
                        && conversations.getItem(0).getText(1).equals("1, muted"));
                Thread.sleep(500); // the notice, were there one, is posted as the list learns of the message
                assertEquals("Peerdesk", robot.read(shell::getText), "no notice in the window's title");
                assertEquals("Conversations", robot.read(conversationsTab::getLabel), "nor a count on the tab");
                peer.post("/api/v1/messages/reply", toMe + "Yes, one is fine\"}"); // answers the user's newest message
                robot.waitUntil("a reply to the user's own message is told even so", () -> shell.getText().startsWith("Peerdesk - ")
                        && shell.getText().endsWith(" replied to you"));
                peer.post("/api/v1/messages/send", toMe + "@everyone: the room changed\"}");
                robot.waitUntil("so is a message that mentions the user, which the list marks and the tab counts", () -> shell.getText()
                        .endsWith(" mentioned you") && conversations.getItem(0).getText(1).equals("3 @, muted")
                        && conversationsTab.getLabel().equals("Conversations (1)"));
                StyledText history = robot.find(StyledText.class, "chat.history");
                robot.waitUntil("the chat says whom it mentions, and marks the mention", () -> history.getText()
                        .contains("  ·  mentions you\n@everyone: the room changed")
                        && history.getStyleRangeAtOffset(history.getText().lastIndexOf("@everyone")).background != null);
                MWindow window = workbench.getApplication().getChildren().get(0);
                robot.onUiThread(() -> {
                    EPartService parts = window.getContext().get(EPartService.class);
                    parts.hidePart(parts.findPart(CHAT));
                });
                show(window, robot, "org.peerdesk.app.part.overview");
                String peerName = service(PeerDirectory.class).nameOf(peer.id);
                robot.waitUntil("This node says the mention waits, with a link to its conversation", () -> NeedsYouItems.of(robot)
                        .contains("\u2022 an unread message in " + peerName + " mentions you    <a>Open the conversation</a>"));
                NeedsYouItems.follow(robot, NeedsYouItems.of(robot).indexOf(
                        "\u2022 an unread message in " + peerName + " mentions you    <a>Open the conversation</a>"));
                robot.waitUntil("the link opens that conversation in the Chat view", () -> CHAT.equals(window.getContext()
                        .get(EPartService.class).getActivePart().getElementId())
                        && robot.find(Label.class, "chat.title").getText().startsWith("Conversation with " + peerName));

                service(MessageService.class).mute(service(MessageService.class).direct(peer.id).id(), false);
                robot.waitUntil("unmuted, its unread messages count on the tab", () -> conversationsTab.getLabel().equals("Conversations (3)")
                        && conversations.getItem(0).getText(1).equals("3 @"));
                peer.post("/api/v1/messages/send", toMe + "After unmuting\"}");
                robot.waitUntil("and its messages are announced", () -> shell.getText().startsWith("Peerdesk - Message from "));
                peer.post("/api/v1/messages/react", "{\"to\": \"" + me + "\", \"reaction\": \"+1\"}"); // to the user's newest message
                robot.waitUntil("a reaction to the user's message is announced", () -> shell.getText().startsWith("Peerdesk - ")
                        && shell.getText().endsWith(" reacted +1"));
                robot.onUiThread(() -> shell.setVisible(true));

                Text composer = robot.find(Text.class, "chat.composer");
                robot.click(composer);
                robot.waitUntil("the composer has the focus", composer::isFocusControl);
                robot.onUiThread(() -> {
                    composer.setText("Thanks ");
                    composer.setSelection(composer.getText().length());
                });
                robot.key(SWT.SHIFT, '2'); // "@" on the US keyboard Xvfb has: a key posted as "@" alone types a "2"
                robot.waitUntil("typing @ offers the names of the conversation's other members", () -> Arrays.stream(shell.getDisplay()
                        .getShells()).filter(popup -> popup != shell && popup.isVisible()).flatMap(popup -> robot.all(popup, Table.class).stream())
                        .anyMatch(names -> names.getItemCount() == 1));
                robot.onUiThread(() -> { // keys posted while the list is open do not reach the window without a window manager
                    Event enter = new Event();
                    enter.keyCode = SWT.CR;
                    enter.character = SWT.CR;
                    composer.notifyListeners(SWT.KeyDown, enter);
                });
                String name = service(PeerDirectory.class).nameOf(peer.id); // as the peer calls itself, now that it said so
                robot.waitUntil("Enter puts the whole name in, rather than send", () -> composer.getText().equals("Thanks @" + name + " "));
                robot.onUiThread(() -> composer.append("ok"));
                robot.click(robot.find(Button.class, "chat.send"));
                String withMe = "{\"to\": \"" + me + "\"}";
                Pattern mentioned = Pattern.compile("(?s).*\"text\"\\s*:\\s*\"" + Pattern.quote("Thanks @" + name + " ok")
                        + "\".*\"mentionsMe\"\\s*:\\s*true.*");
                awaitOffUi("the peer's node hears the message, which mentions its user",
                        () -> mentioned.matcher(peer.post("/api/v1/messages", withMe)).matches());
            });
        }
    }

    /**
     * Lets the peer and this node message each other, names the peer "Ben" and connects to it; answers this node's ID.
     */
    private static PeerId messagingEachOther(PeerProcess peer) throws Exception {
        PeerId me = service(NodeIdentity.class).peerId();
        service(PermissionService.class).grant(peer.id, GrantTerms.of(Resource.MESSAGES, EnumSet.of(Right.MESSAGE)), Grant.Origin.GRANTED);
        peer.post("/api/v1/access/grants", "{\"peer\": \"" + me + "\", \"resource\": \"messages\", \"rights\": \"message\"}");
        service(PeerDirectory.class).remember(peer.id, "Ben", java.util.Optional.empty()); // no address: the test dials, not the watcher too
        service(TransportService.class).connect(peer.id, new PeerAddress("127.0.0.1", peer.port)).toCompletableFuture().get(30, TimeUnit.SECONDS);
        return me;
    }

    /** Opens the one conversation there is in the chat, once it shows {@code text}; answers the chat's history. */
    private static StyledText openTheOnlyConversation(E4Workbench workbench, UiRobot robot, String text) {
        show(workbench.getApplication().getChildren().get(0), robot, CONVERSATIONS);
        Table conversations = robot.find(Table.class, "conversations.table");
        robot.waitUntil("the conversation is listed", () -> conversations.getItemCount() == 1);
        selectRow(robot, conversations, 0);
        StyledText history = robot.find(StyledText.class, "chat.history");
        robot.waitUntil("the chat shows " + text, () -> history.getText().contains(text));
        return history;
    }

    private static final String THUMBS_UP = "\uD83D\uDC4D";

    /** Right-clicks the line of the history holding {@code text} and chooses {@code item} in its menu. */
    private static void chooseOnMessage(UiRobot robot, StyledText history, String text, String item) {
        robot.rightClick(history, () -> lineOf(history, text));
        Menu menu = robot.read(history::getMenu);
        robot.waitUntil("the history's menu opens on the message", menu::isVisible);
        robot.choose(menu, item);
    }

    /** Where the last line holding {@code text} lies in the history (call on the UI thread). */
    private static Rectangle lineOf(StyledText history, String text) {
        Point at = history.getLocationAtOffset(history.getText().lastIndexOf(text));
        return new Rectangle(at.x, at.y, 40, history.getLineHeight());
    }

    private static void clickButton(UiRobot robot, Shell dialog, String label) {
        robot.click(robot.all(dialog, Button.class).stream().filter(each -> robot.read(each::getText).equals(label)).findFirst().orElseThrow());
    }

    /** Right-clicks a conversation's row, chooses {@code item} in its menu and {@code button} in the dialog it opens. */
    private static void chooseAndConfirm(UiRobot robot, Table conversations, IntSupplier row, String item, String dialog, String button) {
        robot.rightClick(conversations, () -> conversations.getItem(row.getAsInt()).getBounds(0));
        robot.waitUntil("the conversation's menu offers " + item, () -> conversations.getMenu().isVisible()
                && UiRobot.texts(conversations.getMenu()).contains(item));
        robot.choose(robot.read(conversations::getMenu), item);
        clickButton(robot, robot.shell(dialog), button);
    }

    /** The index of the row of the direct conversation, or -1 (call on the UI thread). */
    private static int direct(Table conversations) {
        for (int i = 0; i < conversations.getItemCount(); i++) {
            if (conversations.getItem(i).getData() instanceof Conversation conversation && conversation.kind() == Conversation.Kind.DIRECT) {
                return i;
            }
        }
        return -1;
    }

    /** The index of the row whose first column reads {@code name}, or -1 (call on the UI thread). */
    private static int row(Table table, String name) {
        for (int i = 0; i < table.getItemCount(); i++) {
            if (table.getItem(i).getText(0).equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** The "typing" list of the conversation in a history answer. */
    private static String typers(String answer) {
        Matcher typing = TYPING.matcher(answer);
        return typing.find() ? typing.group(1) : "";
    }
}
