package org.peerdesk.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Messaging between real node processes over TLS: messages sent while the recipient is down arrive
 * once and in order when it starts; a sender killed right after {@code send} returned loses nothing;
 * a file sent with a message is fetched by its recipient, who may read that file's folder and no
 * other; a group shows the same members and the same order everywhere; through a mailbox peer, mail
 * reaches a recipient that is never online at the same time as its sender; a group's creator passes
 * messages on between members who do not know each other, and a member a message mentions hears of it, also where they
 * muted the group; and nobody's audit log fills with refusals
 * of streams nobody asked for.
 */
@Timeout(400)
class MessagingTest {

    @TempDir
    Path home;

    @Test
    void deliveredOnceInOrderAfterTheRecipientStartsAndAfterTheSenderIsKilledAndAClearedHistoryStaysCleared() throws Exception {
        try (RunningNode ana = new RunningNode(home.resolve("ana")); RunningNode ben = new RunningNode(home.resolve("ben"))) {
            String anaId = ana.id();
            String benId = ben.id();
            ben.cli(0, "connect", ana.cli(0, "invite").stdout().strip());

            ben.close();
            for (int i = 1; i <= 5; i++) {
                assertTrue(ana.cli(0, "send", benId, "offline note " + i).stdout().startsWith("Stored here; it goes out as soon as"));
            }
            assertEquals(List.of("sending"), deliveries(ana, benId).stream().distinct().toList());

            ben.start();
            Eventually.waitUntil(() -> texts(ben, anaId).size() == 5, () -> "ben did not receive all five");
            assertEquals(List.of("offline note 1", "offline note 2", "offline note 3", "offline note 4", "offline note 5"),
                    texts(ben, anaId));
            Eventually.waitUntil(() -> deliveries(ana, benId).stream().allMatch("read"::equals),
                    () -> "ana did not learn that ben read them");

            // the API's send, which returns once the message is stored (the CLI waits a moment more, for the delivery)
            ana.post("/api/v1/messages/send", Map.of("to", benId, "text", "sent right before a crash"));
            ana.kill();
            ana.start();
            Eventually.waitUntil(() -> texts(ben, anaId).size() == 6, () -> "the message sent before the kill was lost");
            assertEquals("sent right before a crash", texts(ben, anaId).get(5));

            PeerdeskProcess tooLong = ana.cli(1, "send", benId, "x".repeat(64 * 1024 + 1));
            assertTrue(tooLong.stderr().contains("at most 65536"), tooLong.transcript());
            PeerdeskProcess empty = ana.cli(64, "send", benId, " ");
            assertTrue(empty.stderr().contains("There is nothing to send: the text is empty."), empty.transcript());
            assertTrue(ana.cli(64, "search", " ").stderr().contains("search TEXT: the words to find"), "an empty search says what it takes");
            PeerdeskProcess unset = ana.cli(64, "send", "", "hello");
            assertTrue(unset.stderr().contains("send: argument 1 is empty, and names nothing (a variable that is not set?); nothing was"
                    + " done. It takes: send PEER|GROUP TEXT"), unset.transcript());
            assertTrue(ana.cli(64, "group", "create", "", benId).stderr().contains("It takes: group create NAME PEER... | group add|remove"),
                    "every form of the command");

            Path plan = Files.writeString(home.resolve("plan.txt"), "the plan, attached");
            ana.cli(0, "send", benId, "see the plan", "--attach", plan.toString());
            Eventually.waitUntil(() -> texts(ben, anaId).size() == 7, () -> "the message with a file did not arrive");
            String listing = ben.messageLines("messages", anaId);
            assertTrue(listing.contains("file: plan.txt") && listing.contains("peerdesk get"), listing);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> attachments = (List<Map<String, Object>>) messages(ben, anaId).get(6).get("attachments");
            String path = (String) attachments.get(0).get("path");
            ben.cli(0, "get", anaId, path, home.resolve("fetched").toString());
            assertEquals("the plan, attached", Files.readString(home.resolve("fetched/plan.txt")));
            PeerdeskProcess notOffered = ben.cli(1, "get", anaId, "attachments");
            assertTrue(notOffered.stdout().contains("gives you no read on 'attachments'"),
                    "only the message's own folder is granted: " + notOffered.transcript());
            String found = ben.messageLines("search", "plan");
            assertTrue(found.matches("(?s)(\\S[^\\n]*?)  \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d  \\1: see the plan\\n      file: plan.txt .*"),
                    "a message found says its conversation, here named as its author is: " + found);

            assertTrue(ana.cli(0, "edit", benId, "see the plan (v2)").stdout().startsWith("Edited your message of "));
            Eventually.waitUntil(() -> ben.messageLines("messages", anaId).contains(": see the plan (v2)  (edited)\n"),
                    () -> "ben does not see the edit");
            String anasId = (String) messages(ben, anaId).get(6).get("id");
            PeerdeskProcess notHis = ben.cli(1, "edit", "--message", anasId, "my plan now");
            assertTrue(notHis.stderr().contains("Only its author edits or deletes a message"), notHis.transcript());
            PeerdeskProcess noneOfHis = ben.cli(1, "unsend", anaId);
            assertTrue(noneOfHis.stderr().contains("none of yours can still be edited or deleted"), noneOfHis.transcript());
            assertTrue(ana.cli(64, "edit", benId, " ").stderr().contains("edit PEER|GROUP TEXT"), "an empty edit says what it takes");
            assertTrue(ana.cli(0, "unsend", benId).stdout().startsWith("Deleted your message of "));
            Eventually.waitUntil(() -> ben.messageLines("messages", anaId).endsWith(": (deleted this message)\n"),
                    () -> "ben does not see the deletion");
            assertFalse(ben.messageLines("messages", anaId).contains("plan.txt"), "its file is no longer offered");
            PeerdeskProcess withdrawn = ben.cli(1, "get", anaId, path, home.resolve("again").toString());
            assertTrue(withdrawn.stdout().contains("gives you no read on '" + path + "'"),
                    "nor can it be fetched: " + withdrawn.transcript());
            assertEquals(List.of(), ben.json("search", "plan").get("messages"), "nor is its text found");

            String replied = ben.cli(0, "reply", anaId, "noted,", "thanks").stdout();
            assertTrue(replied.startsWith("Replied to ") && replied.contains(": \"sent right before a crash\" Delivered"),
                    "a reply answers the newest of the others' messages that is not deleted: " + replied);
            Eventually.waitUntil(() -> ana.messageLines("messages", benId).matches(
                    "(?s).*: noted, thanks\n      in reply to [^\n]+: \"sent right before a crash\"\n"), () -> "ana does not see what ben answered");
            assertTrue(ben.cli(64, "reply", anaId).stderr().contains("reply PEER|GROUP TEXT"), "an empty reply says what it takes");
            String reacted = ana.cli(0, "react", benId, "\uD83D\uDC4D").stdout();
            assertTrue(reacted.startsWith("Reacted with \uD83D\uDC4D to ") && reacted.contains("'s message \"noted, thanks\""), reacted);
            Eventually.waitUntil(() -> ben.messageLines("messages", anaId).matches("(?s).*: noted, thanks  \\[[^\n]+\\]\n      in reply to [^\n]+\n"
                    + "      reactions: \uD83D\uDC4D [^\n]+\n"), () -> "ben does not see ana's reaction under her message");
            assertTrue(ana.cli(0, "unreact", benId).stdout().startsWith("Took back your reaction to "));
            Eventually.waitUntil(() -> !ben.messageLines("messages", anaId).contains("reactions:"), () -> "the reaction was not taken back at ben's");
            assertTrue(ana.cli(1, "unreact", benId).stderr().contains("none has a reaction of yours to take back"));
            String line = ana.cli(0, "messages", benId).stdout().lines().filter(shown -> shown.contains(": noted, thanks"))
                    .findFirst().orElseThrow();
            String handle = line.substring(0, line.indexOf("  "));
            assertTrue(handle.matches("[0-9a-f]{8}"), "each message's line begins with a handle that names it: " + line);
            assertTrue(ana.cli(0, "react", "--message", handle, "ok").stdout().startsWith("Reacted with ok to "), "named by its handle");
            Eventually.waitUntil(() -> ben.messageLines("messages", anaId).contains("\n      reactions: ok "), () -> "ben does not see it");
            assertTrue(ana.cli(0, "unreact", "--message", handle.toUpperCase(java.util.Locale.ROOT)).stdout()
                    .startsWith("Took back your reaction to "), "in any case");
            assertTrue(ana.cli(1, "react", "--message", "00000000", "ok").stderr().contains("There is no message 00000000 here."));
            assertTrue(ana.cli(1, "react", "--message", "1a2b", "ok").stderr().contains("'1a2b' names no message: a message is named by"));
            assertTrue(ben.cli(0, "pin", "--message", handle).stdout().startsWith("Pinned your message \"noted, thanks\" to the top of"),
                    "a member pins a message for every member");
            Eventually.waitUntil(() -> ana.messageLines("pins", benId).matches("[^\n]+: noted, thanks\n      in reply to [^\n]+\n"
                    + "      pinned by [^\n]+\n"), () -> "ana does not see ben's pin");
            assertTrue(ana.cli(0, "unpin", benId).stdout().startsWith("Unpinned "), "any member unpins it: the one pinned last there");
            Eventually.waitUntil(() -> ben.cli(0, "pins", anaId).stdout().startsWith("Nothing is pinned in your conversation with "),
                    () -> "ben does not see it unpinned");
            assertTrue(ana.cli(1, "unpin", benId).stderr().contains("Nothing is pinned in this conversation."));

            String cleared = ben.cli(0, "clear-history", anaId).stdout();
            assertTrue(cleared.startsWith("Deleted 8 messages of your conversation with "), cleared);
            assertEquals(List.of(), texts(ben, anaId));
            assertEquals(List.of(), ben.json("search", "offline").get("messages"), "nothing of them is found");
            assertEquals(8, texts(ana, benId).size(), "ana keeps hers");
            assertEquals("Delivered.", ana.cli(0, "send", benId, "after the clearing").stdout().strip(), "ben is online: the send says so");
            Eventually.waitUntil(() -> texts(ben, anaId).equals(List.of("after the clearing")), () -> "a new message did not come in");
            assertTrue(ben.cli(1, "clear-history", "nobody-of-that-name").stderr().contains("nobody-of-that-name"));

            assertTrue(ben.cli(0, "mute", anaId).stdout().startsWith("Muted your conversation with "));
            ben.close();
            ben.start();
            assertTrue(ben.cli(0, "conversations").stdout().contains(" (muted)"), "still muted after a restart");
            assertTrue(ben.cli(0, "unmute", anaId).stdout().startsWith("Unmuted your conversation with "));
            assertFalse(ben.cli(0, "conversations").stdout().contains("(muted)"));

            assertTrue(ana.cli(0, "disappear", benId, "1w").stdout().startsWith("The messages written in your conversation with "),
                    "any member sets how long the messages last");
            Eventually.waitUntil(() -> ben.cli(0, "conversations").stdout().contains(" (messages last 1 week)"),
                    () -> "ben's node does not have ana's setting");
            String note = ben.messageLines("messages", anaId).lines().filter(shown -> shown.contains(" set messages to disappear")).findFirst()
                    .orElseThrow(() -> new AssertionError("ben does not read who set it"));
            assertTrue(note.endsWith(" set messages to disappear 1 week after they are written") && !note.contains(": "),
                    "a note names who set it once, with no author before it: " + note);
            assertTrue(ana.cli(1, "disappear", benId, "10s").stderr().contains("messages last from 1 minute to 365 days"));
            assertTrue(ben.cli(0, "disappear", anaId, "off").stdout().contains(" from now on are kept"));

            String exported = ana.cli(0, "export", benId, home.toString()).stdout().strip();
            Matcher written = Pattern.compile("Wrote (\\d+) messages of your conversation with .+ to (/.+)\\.").matcher(exported);
            assertTrue(written.matches(), exported);
            Path file = Path.of(written.group(2));
            assertEquals(home, file.getParent(), "into the folder named, under the conversation's name");
            assertTrue(Files.readString(file).contains("  you: after the clearing\n"), Files.readString(file));
            assertTrue(ana.cli(1, "export", benId, file.toString()).stderr().contains(file + " exists already; name another file."),
                    "a file that is there is not overwritten");
        }
    }

    @Test
    void groupsAgreeAMailboxCarriesMailBetweenPeersNeverOnlineTogetherAndAMemberLeaves() throws Exception {
        try (RunningNode ana = new RunningNode(home.resolve("ana")); RunningNode ben = new RunningNode(home.resolve("ben"));
                RunningNode box = new RunningNode(home.resolve("box"))) {
            String anaId = ana.id();
            String benId = ben.id();
            String boxId = box.id();
            ben.cli(0, "connect", ana.cli(0, "invite").stdout().strip());
            ana.cli(0, "connect", box.cli(0, "invite").stdout().strip());
            ben.cli(0, "connect", box.cli(0, "invite").stdout().strip());

            String group = team(ana, ben, box);
            ben.cli(0, "send", group, "from ben");
            box.cli(0, "send", group, "from the box");
            ana.cli(0, "send", group, "from ana");
            Eventually.waitUntil(() -> ids(ana, group).size() == 4 && ids(ben, group).size() == 4 && ids(box, group).size() == 4,
                    () -> "not every member has all of the group's messages");
            assertEquals(ids(ana, group), ids(ben, group), "ana and ben see the same order");
            assertEquals(ids(ana, group), ids(box, group), "ana and the box see the same order");
            for (RunningNode member : List.of(ben, box)) {
                Eventually.waitUntil(() -> {
                    ana.post("/api/v1/messages/typing", Map.of("to", group)); // ana keeps typing: a notice counts for seconds
                    return member.messageLines("messages", group).strip().endsWith(" is typing...");
                }, () -> "ana typing in the group did not show at every member");
            }
            String fromTheBox = ben.cli(0, "messages", group).stdout().lines().filter(line -> line.endsWith(": from the box"))
                    .findFirst().orElseThrow();
            String forwarded = ben.cli(0, "forward", "--message", fromTheBox.substring(0, 8), anaId).stdout();
            assertTrue(forwarded.startsWith("Forwarded \"from the box\" (from "), forwarded);
            Eventually.waitUntil(() -> ana.messageLines("messages", benId).matches("(?s).*: from the box\n      forwarded from [^\n]+\n.*"),
                    () -> "ana does not see the message ben forwarded, with whose it was");
            assertTrue(ben.cli(64, "forward", anaId).stderr().contains("forward --message HANDLE PEER|GROUP"), "it says what it takes");
            PeerdeskProcess notCreator = ben.cli(1, "group", "remove", group, boxId);
            assertTrue(notCreator.stderr().contains("Only the creator"), notCreator.transcript());

            ben.cli(0, "mailbox", boxId);
            ben.close();
            ana.cli(0, "send", benId, "left at the mailbox");
            Eventually.waitUntil(() -> deliveries(ana, benId).equals(List.of("at-mailbox")),
                    () -> "ana did not leave the message at ben's mailbox");
            String toSome = ana.cli(0, "send", group, "ben is away").stdout();
            assertTrue(toSome.startsWith("Delivered to 1 of 2; the others get it as soon as they"), toSome);
            String shown = ana.messageLines("messages", group);
            assertTrue(shown.contains("me: ben is away  [delivered to 1 of 2"), "the message says how far it got: " + shown);
            String listed = ana.cli(0, "conversations").stdout();
            assertTrue(listed.matches("(?s)CONVERSATION +KIND +WHEN +LAST MESSAGE\n.*  group +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d +You: ben is away\n.*")
                    && listed.contains("  You: left at the mailbox\n"), "each conversation's last message, when, and who wrote it: " + listed);
            String receipts = ana.cli(0, "receipts", group).stdout();
            assertTrue(receipts.matches("(?s).*  ben is away\n    \\S[^\n]*  (delivered|read)\n    \\S[^\n]*  at-mailbox\n.*"),
                    "each member's receipt, the furthest first: " + receipts);
            assertTrue(ana.cli(0, "edit", group, "ben is away today").stdout().startsWith("Edited your message of "));
            ana.close();
            List<?> held = (List<?>) box.json("mailbox").get("held");
            assertEquals(1, held.size(), held.toString());
            assertEquals(benId, ((Map<?, ?>) held.get(0)).get("peer"));
            assertTrue(((Number) ((Map<?, ?>) held.get(0)).get("pieces")).intValue() >= 1, held.toString());
            assertTrue(box.cli(0, "mailbox").stdout().contains("This node is the mailbox of 1 peer:"));

            ben.start();
            Eventually.waitUntil(() -> texts(ben, anaId).contains("left at the mailbox"), () -> "ben did not fetch his mail");
            assertEquals(1, texts(ben, anaId).stream().filter("left at the mailbox"::equals).count());
            Eventually.waitUntil(() -> ben.messageLines("messages", group).contains(": ben is away today  (edited)\n"),
                    () -> "the edit of a message, held by the mailbox too, did not reach ben");
            String benList = ben.cli(0, "conversations").stdout();
            assertTrue(benList.matches("(?s).*  direct +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d +(\\(1 unread\\) )?left at the mailbox\n.*"),
                    "a direct conversation's peer is not named again before its message: " + benList);
            Eventually.waitUntil(() -> ben.cli(0, "mailbox").stdout().contains("mail last came through it"), () -> "ben's status says no mail came");
            String status = ben.cli(0, "mailbox").stdout();
            assertTrue(status.matches("(?s).*: online; asked for mail [^;]+; mail last came through it just now \\(\\d+ pieces? of mail\\)\\..*"), status);
            Eventually.waitUntil(() -> box.cli(0, "mailbox").stdout().matches("(?s).*\\n\\S.*\\s+nothing\\s+-\\s+-\\n.*"),
                    () -> "the box still holds mail for ben");

            ana.start();
            Eventually.waitUntil(() -> deliveries(ana, benId).equals(List.of("read")),
                    () -> "ana did not learn that ben read it");

            assertTrue(ana.cli(1, "group", "leave", group).stderr().contains("its creator stays"));
            String leaving = box.cli(0, "group", "leave", group).stdout();
            assertTrue(leaving.startsWith("Asked ") && leaving.contains(" to take you out of \"team\""), leaving);
            Eventually.waitUntil(() -> members(ana, group).size() == 2 && members(ben, group).size() == 2 && members(box, group).size() == 2,
                    () -> "the box's leaving did not reach every member");
            assertTrue(box.cli(1, "send", group, "still in?").stderr().contains("no longer a member"));
            assertTrue(ana.cli(0, "group", "rename", "team", "Team 2027").stdout().startsWith("\"Team 2027\" now has 2 members: "));
            Eventually.waitUntil(() -> ben.cli(0, "conversations").stdout().contains("Team 2027"), () -> "ben did not learn the new name");
            assertTrue(ben.cli(1, "group", "rename", group, "Ben's").stderr().contains("Only the creator"));
        }
    }

    @Test
    void invitedPeersMessageWithoutOneRefusalAndAPeerWithoutTheRightIsAskedOnce() throws Exception {
        try (RunningNode ana = new RunningNode(home.resolve("ana")); RunningNode ben = new RunningNode(home.resolve("ben"));
                RunningNode cai = new RunningNode(home.resolve("cai"))) {
            String anaId = ana.id();
            String benId = ben.id();
            String caiId = cai.id();
            ben.cli(0, "connect", ana.cli(0, "invite").stdout().strip());
            ana.cli(0, "send", benId, "welcome, ben");
            ben.cli(0, "send", anaId, "thanks, ana");
            Eventually.waitUntil(() -> !deliveries(ana, benId).contains("sending") && !deliveries(ben, anaId).contains("sending"),
                    () -> "the first messages were not delivered");

            cai.cli(0, "connect", anaId + "@" + ana.address());
            cai.cli(0, "send", anaId, "may I?");
            Eventually.waitUntil(() -> cai.messageLines("messages", anaId).contains("[sending: they have not given you the right"),
                    () -> "cai's message does not say why it waits");
            assertTrue(cai.messageLines("messages", anaId).contains("ask them for it (peerdesk request " + anaId.substring(0, 7)
                    + " messages message)"), "nor what to ask for");
            assertEquals(List.of(), refusedPeers(ben), "an invite gives messages both ways before either side knocks");
            assertEquals(List.of(caiId), refusedPeers(ana), "the one refusal is of cai's message");

            String status = cai.cli(0, "status").stdout();
            Matcher ask = Pattern.compile("  - 1 message to .+ waits: they have not given you the right"
                    + " to message them; ask them for it \\(peerdesk (request \\S+ messages message)\\)").matcher(status);
            assertTrue(ask.find(), "the waiting message needs cai: " + status);
            cai.cli(0, ask.group(1).split(" "));
            assertFalse(cai.cli(0, "status").stdout().contains("the right to message"), "asked, the message waits for ana, not for cai");
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> asked = (List<Map<String, Object>>) ana.json("requests").get("requests");
            ana.cli(0, "approve", String.valueOf(asked.get(0).get("id")));
            Eventually.waitUntil(() -> deliveries(cai, anaId).equals(List.of("delivered")) || deliveries(cai, anaId).equals(List.of("read")),
                    () -> "once approved, cai's message did not go");
            assertFalse(cai.cli(0, "status").stdout().contains("the right to message"), "delivered, it needs nobody");

            String atAna = ana.cli(0, "status").stdout();
            assertTrue(Pattern.compile("\nMessages   2 conversations; unread: .+ \\(1\\)\n").matcher(atAna).find(),
                    "ana read ben's message but not cai's yet: " + atAna);

            try (RunningNode dan = new RunningNode(home.resolve("dan"))) {
                dan.cli(0, "connect", anaId + "@" + ana.address());
                dan.cli(0, "send", anaId, "and me?");
                Eventually.waitUntil(() -> dan.messageLines("messages", anaId).contains("[sending: they have not given you the right"),
                        () -> "dan's message does not say why it waits");
                ana.cli(0, "grant", dan.id(), "messages", "message");
                Eventually.waitUntil(() -> !deliveries(dan, anaId).contains("sending"), () -> "granted without a request, dan's message did not go");
            }
        }
    }

    @Test
    void theGroupsCreatorPassesMessagesOnBetweenMembersWhoDoNotKnowEachOther() throws Exception {
        try (RunningNode ana = new RunningNode(home.resolve("ana")); RunningNode ben = new RunningNode(home.resolve("ben"));
                RunningNode cai = new RunningNode(home.resolve("cai"))) {
            String benId = ben.id();
            ben.cli(0, "connect", ana.cli(0, "invite").stdout().strip());
            cai.cli(0, "connect", ana.cli(0, "invite").stdout().strip());
            String group = team(ana, ben, cai);

            String sent = cai.cli(0, "send", group, "hello from cai").stdout().strip();
            assertTrue(sent.startsWith("Passed on") || sent.startsWith("Delivered"), sent);
            Eventually.waitUntil(() -> texts(ben, group).contains("hello from cai"), () -> "ana did not pass cai's message on to ben");
            Eventually.waitUntil(() -> messages(ben, group).stream().filter(message -> "hello from cai".equals(message.get("text")))
                    .allMatch(message -> String.valueOf(message.get("authorName")).endsWith("(cai)")),
                    () -> "ben does not read cai's name, which ana knows");
            ana.cli(0, "messages", group);
            Eventually.waitUntil(() -> deliveries(cai, group).equals(List.of("read")), () -> "cai did not learn that both read it");

            ben.cli(0, "mute", group);
            cai.cli(0, "send", group, "@ben, the hall is booked"); // ben by a word of the name ana tells cai he has
            Eventually.waitUntil(() -> ben.cli(0, "conversations").stdout().contains("(1 unread, 1 mentions you)"),
                    () -> "ben's node did not count cai's mention of him, in a group he muted");
            String needsBen = ben.cli(0, "status").stdout();
            assertTrue(needsBen.contains("  - an unread message in team mentions you (peerdesk messages team)"), needsBen);
            assertTrue(ben.messageLines("messages", group).contains(": @ben, the hall is booked  (mentions you)"), "the message says so");
            assertFalse(ben.cli(0, "status").stdout().contains("mentions you"), "read, it needs ben no more");
            assertFalse(ana.cli(0, "status").stdout().contains("mentions you"), "it mentions ben, not ana, who passed it on");

            Path venue = Files.writeString(home.resolve("venue.txt"), "the hall, Thursday");
            ben.cli(0, "send", group, "hello cai, from ben", "--attach", venue.toString());
            Eventually.waitUntil(() -> texts(cai, group).contains("hello cai, from ben"), () -> "ben's answer did not reach cai");
            String withFile = cai.messageLines("messages", group);
            assertTrue(withFile.contains("file: venue.txt (18 B)  from ") && withFile.contains(", not a peer this node knows: add each other"
                    + " (peerdesk invite, or a peer you both know runs peerdesk introduce) to fetch it"),
                    "files come from their author, whom cai cannot reach: " + withFile);
            assertEquals(ids(ana, group), ids(cai, group), "ana and cai see the same order");
            assertFalse(cai.cli(0, "status").stdout().contains("wait"), "nothing waits at cai");
            assertTrue(cai.json("peers").get("peers").toString().indexOf(benId) < 0, "cai still does not know ben as a peer");

            // with the creator away, it waits for her, and says so
            ana.close();
            cai.cli(0, "send", group, "while ana is away");
            Eventually.waitUntil(() -> cai.messageLines("messages", group).contains("[sending: a member this node does not know as a peer;"
                    + " the group's creator passes it on once connected"), () -> "cai's message does not say why it waits");
            String status = cai.cli(0, "status").stdout();
            assertTrue(status.contains("  - 1 message to " + benId.substring(0, 7) + " waits: a member of your group that this node does"
                    + " not know as a peer; the group's creator passes them on when connected"), status);
            ana.start();
            Eventually.waitUntil(() -> texts(ben, group).contains("while ana is away"), () -> "once back, ana did not pass it on");

            // ana introduces them; once both accept, they are peers, and ben's file comes to cai from ben
            assertTrue(ana.cli(0, "introduce", group).stdout().startsWith("Introduced "), "ana introduces her group's members");
            for (RunningNode member : List.of(ben, cai)) {
                Eventually.waitUntil(() -> member.cli(0, "introductions").stdout().contains("(ana)"),
                        () -> "the introduction did not reach " + member.data);
            }
            ben.cli(0, "introductions", "accept", "1");
            ben.cli(0, "send", group, "ben has added cai; cai has not answered yet");
            Eventually.waitUntil(() -> texts(cai, group).contains("ben has added cai; cai has not answered yet"),
                    () -> "refused by cai, who has not accepted ben, ben's group message did not go through ana");
            cai.cli(0, "introductions", "accept", "1");
            Eventually.waitUntil(() -> cai.messageLines("messages", group).contains("fetch it: peerdesk get " + benId),
                    () -> "introduced, ben is a peer whose file cai can fetch");
            assertEquals("the hall, Thursday", fetchAsOffered(cai, group, "venue.txt"));
            cai.cli(0, "transfers", "clear");
            assertTrue(cai.messageLines("messages", group).contains("  fetched to "), "clearing the transfers list forgets no fetched file");

            // fetched, ben's file goes along when cai forwards his message, and ana fetches it from cai
            String caiId = cai.id();
            String bensMessage = messages(cai, group).stream().filter(message -> "hello cai, from ben".equals(message.get("text")))
                    .map(message -> (String) message.get("id")).findFirst().orElseThrow();
            assertTrue(cai.cli(0, "forward", "--message", bensMessage, ana.id()).stdout().startsWith("Forwarded \"hello cai, from ben\""));
            Eventually.waitUntil(() -> ana.messageLines("messages", caiId).contains("fetch it: peerdesk get " + caiId),
                    () -> "ana is not offered the file of the message cai forwarded, from cai");
            assertEquals("the hall, Thursday", fetchAsOffered(ana, caiId, "venue.txt"));
        }
    }

    /** Fetches the file that {@code node}'s listing of the conversation offers as the command it prints, and reads it. */
    private static String fetchAsOffered(RunningNode node, String conversation, String name) throws Exception {
        String fetch = node.messageLines("messages", conversation).lines().filter(line -> line.contains("fetch it: peerdesk get "))
                .findFirst().orElseThrow();
        node.cli(0, fetch.substring(fetch.indexOf("peerdesk get ") + "peerdesk ".length()).split(" "));
        Path copy;
        try (java.util.stream.Stream<Path> fetched = Files.walk(node.data.resolve("downloads"))) {
            copy = fetched.filter(file -> file.getFileName().toString().equals(name)).findFirst().orElseThrow();
        }
        String listed = node.messageLines("messages", conversation);
        assertTrue(listed.contains("file: " + name + " (") && listed.contains("  fetched to " + copy + "\n"),
                "the listing says where the file was fetched to: " + listed);
        return Files.readString(copy);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> refusedPeers(RunningNode node) throws Exception {
        return ((List<Map<String, Object>>) node.json("audit").get("entries")).stream()
                .filter(entry -> "refused".equals(entry.get("event"))).map(entry -> entry.get("peer")).toList();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> messages(RunningNode node, String to) throws Exception {
        return (List<Map<String, Object>>) node.json("messages", to, "--limit", "1000").get("messages");
    }

    private static List<String> texts(RunningNode node, String to) throws Exception {
        return messages(node, to).stream().filter(message -> "text".equals(message.get("kind")))
                .map(message -> (String) message.get("text")).toList();
    }

    private static List<String> ids(RunningNode node, String to) throws Exception {
        return messages(node, to).stream().map(message -> (String) message.get("id")).toList();
    }

    static List<String> deliveries(RunningNode node, String to) throws Exception {
        return messages(node, to).stream().filter(message -> Boolean.TRUE.equals(message.get("outgoing")))
                .map(message -> (String) message.get("delivery")).toList();
    }

    /** The ID of the group "team" that {@code creator} makes with {@code one} and {@code other}, once both know it. */
    static String team(RunningNode creator, RunningNode one, RunningNode other) throws Exception {
        String group = (String) ((Map<?, ?>) creator.json("group", "create", "team", one.id(), other.id()).get("conversation")).get("id");
        Eventually.waitUntil(() -> members(one, group).size() == 3 && members(other, group).size() == 3,
                () -> "the group did not reach everyone");
        return group;
    }

    /** The group's members as {@code node} sees them; none while it does not know the group. */
    @SuppressWarnings("unchecked")
    static List<Object> members(RunningNode node, String group) throws Exception {
        List<Map<String, Object>> conversations = (List<Map<String, Object>>) node.json("conversations").get("conversations");
        return conversations.stream().filter(conversation -> group.equals(conversation.get("id")))
                .map(conversation -> (List<Object>) conversation.get("members")).findFirst().orElse(List.of());
    }
}
