package org.peerdesk.app.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.peerdesk.app.tests.DesktopSession.selectRow;
import static org.peerdesk.app.tests.DesktopSession.service;
import static org.peerdesk.app.tests.DesktopSession.show;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.peerdesk.identity.NodeIdentity;
import org.peerdesk.messaging.MessageService;
import org.peerdesk.transport.PeerAddress;
import org.peerdesk.transport.PeerDirectory;
import org.peerdesk.transport.TransportService;

/**
 * A peer that has not given this node the right to message it refuses the chat's messages: the chat says so and
 * offers to ask for the right, with the Access view's dialog filled in; asked, it says whose answer the messages
 * wait for, and they go once the peer approves.
 */
@ExtendWith(PeerLogsOnFailure.class)
class ChatRightTest {

    @TempDir
    Path home;

    @Test
    void messagesAPeerRefusesWaitWhileTheChatAsksForTheRightAndGoOnceGiven() throws Throwable {
        try (PeerProcess peer = PeerProcess.start(home.resolve("peer"))) {
            DesktopSession.run(home.resolve("node"), (workbench, robot) -> {
                MWindow window = workbench.getApplication().getChildren().get(0);
                // connected by address, not by invite: neither side gave the other the right to message it
                service(TransportService.class).connect(peer.id, new PeerAddress("127.0.0.1", peer.port)).toCompletableFuture()
                        .get(30, TimeUnit.SECONDS);
                service(PeerDirectory.class).remember(peer.id, "", Optional.empty());
                service(MessageService.class).direct(peer.id);
                show(window, robot, "org.peerdesk.messaging.ui.part.conversations");
                Table conversations = robot.find(Table.class, "conversations.table");
                robot.waitUntil("the conversation is listed", () -> conversations.getItemCount() == 1);
                selectRow(robot, conversations, 0);

                Label title = robot.find(Label.class, "chat.title");
                robot.waitUntil("the chat shows the conversation", () -> title.getText().startsWith("Conversation with"));
                Button ask = robot.find(Button.class, "chat.ask");
                assertFalse(robot.read(ask::getVisible), "nothing to ask for before anything was refused");
                Text composer = robot.find(Text.class, "chat.composer");
                robot.onUiThread(() -> composer.setText("Lunch on Friday?"));
                robot.click(robot.find(Button.class, "chat.send"));
                Label status = robot.find(Label.class, "chat.status");
                robot.waitUntil("the refusal is said, with the way to ask", () -> ask.getVisible() && status.getText().contains("Ask for the right"));
                String ben = service(PeerDirectory.class).nameOf(peer.id); // by now, the name the connected peer gives itself
                assertEquals("Messages wait: " + ben + " has not given you the right to message them. Ask for the right... asks " + ben
                        + " for it; your messages go once it is given.", robot.read(status::getText));

                robot.click(ask);
                Shell asking = robot.shell("Get access");
                assertEquals("messages", robot.read(() -> robot.find(Text.class, "getaccess.resource").getText()));
                assertEquals("message", robot.read(() -> robot.find(Text.class, "getaccess.rights").getText()));
                robot.click(robot.find(Button.class, "getaccess.ok"));
                robot.waitUntil("the request is sent", asking::isDisposed);
                show(window, robot, "org.peerdesk.messaging.ui.part.chat");
                robot.waitUntil("asked, the chat says whose answer the message waits for, and offers nothing more to ask",
                        () -> !ask.getVisible() && status.getText().equals("Messages wait for " + ben + " to give you the right to message them,"
                                + " which you asked for; they go once it is given."));

                peer.post("/api/v1/access/requests/approve", "{\"peer\": \"" + service(NodeIdentity.class).peerId() + "\"}");
                StyledText history = robot.find(StyledText.class, "chat.history");
                robot.waitUntil("given the right, the message goes, and nothing waits any more",
                        () -> history.getText().contains("Lunch on Friday?") && !history.getText().contains("waiting")
                                && status.getText().isEmpty() && !ask.getVisible());
            });
        }
    }
}
