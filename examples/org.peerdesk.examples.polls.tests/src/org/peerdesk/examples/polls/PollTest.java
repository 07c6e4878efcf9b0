package org.peerdesk.examples.polls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.peerdesk.core.InvalidInputException;
import org.peerdesk.core.PeerId;
import org.peerdesk.messaging.Reaction;

/** A poll's data and text, the reactions that count as votes, and the polls refused. */
class PollTest {

    private static final PeerId ANA = peer(1);
    private static final PeerId BEN = peer(2);
    private static final PeerId CAI = peer(3);
    private static final Map<PeerId, String> NAMES = Map.of(ANA, "Ana", BEN, "Ben", CAI, "Cai");

    @Test
    void aPollTravelsAsDataBesideATextThatListsItsChoices() throws Exception {
        Poll poll = Poll.of(" Lunch where? ", List.of("Pizza", "Sushi", "Noodles"));

        assertEquals("Lunch where?\nPizza\nSushi\nNoodles", poll.data());
        assertEquals(poll, Poll.parse(poll.data()));
        assertEquals("Poll: Lunch where?\n1. Pizza\n2. Sushi\n3. Noodles\nVote by reacting with the number of your choice.", poll.text());
    }

    @Test
    void eachMembersNewestReactionWithAChoicesNumberIsTheirVote() throws Exception {
        Poll poll = Poll.of("Lunch where?", List.of("Pizza", "Sushi", "Noodles"));
        List<Reaction> reactions = List.of(new Reaction("2", List.of(BEN, ANA)), new Reaction("\uD83D\uDC4D", List.of(CAI)),
                new Reaction("1", List.of(CAI)), new Reaction("4", List.of(peer(4))));

        assertEquals("Pizza: 1 vote (Cai)\nSushi: 2 votes (Ben, Ana)\nNoodles: no votes", poll.tally(reactions, NAMES::get));
        assertEquals(Optional.of(3), poll.choiceOf("3"));
        assertEquals(Optional.empty(), poll.choiceOf("4"), "a number past the choices");
        assertEquals(Optional.empty(), poll.choiceOf("0"));
        assertEquals(Optional.empty(), poll.choiceOf("12"));
    }

    @Test
    void pollsThatCannotBeAskedAreRefusedSayingWhy() {
        assertRefused(() -> Poll.of("Lunch?", List.of("Pizza")), "2 to 9 choices, not 1");
        assertRefused(() -> Poll.of("Lunch?", List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10")), "not 10");
        assertRefused(() -> Poll.of("Lunch?", List.of("Pizza", "pizza")), "each choice once");
        assertRefused(() -> Poll.of(" ", List.of("Pizza", "Sushi")), "question is 1 to 200 characters");
        assertRefused(() -> Poll.of("Lunch?", List.of("Pizza", "x".repeat(Poll.LONGEST + 1))), "choice is 1 to 200 characters");
        assertRefused(() -> Poll.parse(""), "no question");
        assertRefused(() -> Poll.parse("Lunch?\nPizza\n\nSushi"), "choice is 1 to 200 characters on one line");
    }

    private static void assertRefused(org.junit.jupiter.api.function.Executable poll, String why) {
        InvalidInputException refused = assertThrows(InvalidInputException.class, poll);
        assertTrue(refused.getMessage().contains(why), refused.getMessage());
    }

    private static PeerId peer(int seed) {
        byte[] bytes = new byte[PeerId.LENGTH];
        bytes[0] = (byte) seed;
        return new PeerId(bytes);
    }
}
