package org.peerdesk.examples.notes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.peerdesk.core.InvalidInputException;
import org.peerdesk.core.PeerId;

/** The replicated text on its own: concurrent typing, deletion, and edits it cannot take. */
class SharedTextTest {

    private static final PeerId ANA = peer(1);
    private static final PeerId BEN = peer(2);

    @Test
    void twoMembersTypingAtTheSameSpotAtOnceGetTheSameTextWhicheverEditComesFirst() throws Exception {
        SharedText ana = new SharedText();
        SharedText ben = new SharedText();
        Edit start = ana.change(ANA, 1, CharId.START, List.of(), "ac");
        ben.apply(start);
        CharId a = ana.ids().get(0);
        Edit anas = ana.change(ANA, 2, a, List.of(), "b");
        Edit bens = ben.change(BEN, 1, a, List.of(), "XY");
        ana.apply(bens);
        ben.apply(anas);
        assertEquals(ana.text(), ben.text());
        assertEquals("aXYbc", ana.text(), "the same counters: the greater author goes first, its run kept together");
    }

    @Test
    void aDeletionOfTextTypedTogetherIsOneChangeAndTypingAfterADeletedCharacterStillLands() throws Exception {
        SharedText text = new SharedText();
        text.change(ANA, 1, CharId.START, List.of(), "hello world");
        List<CharId> hello = text.ids().subList(0, 5);
        Edit deletion = text.change(ANA, 2, CharId.START, List.copyOf(hello), "");
        assertEquals(1, deletion.ops().size(), "one run of ana's characters");
        assertEquals(" world", text.text());
        SharedText ben = new SharedText();
        ben.apply(new Edit(ANA, 1, List.of(new Edit.Insert(CharId.START, 1, "hello world"))));
        ben.change(BEN, 1, hello.get(4), List.of(), ",");
        ben.apply(deletion);
        assertEquals(", world", ben.text(), "typed after a character deleted meanwhile, it stays where it was typed");
    }

    @Test
    void anEditThatRefersToWhatIsNotHereChangesNothing() throws Exception {
        SharedText text = new SharedText();
        text.change(ANA, 1, CharId.START, List.of(), "kept");
        Edit bad = new Edit(BEN, 1, List.of(new Edit.Insert(CharId.START, 10, "new"), new Edit.Delete(BEN, 99, 1)));
        assertThrows(InvalidInputException.class, () -> text.apply(bad));
        assertEquals("kept", text.text(), "all or nothing");
        assertThrows(InvalidInputException.class, () -> text.apply(new Edit(BEN, 1, List.of(new Edit.Insert(new CharId(5, BEN), 10, "x")))));
        assertThrows(InvalidInputException.class, () -> text.apply(new Edit(ANA, 2, List.of(new Edit.Insert(CharId.START, 1, "again")))),
                "a character of an ID it has already");
        Edit tooLong = new Edit(BEN, 1, List.of(new Edit.Insert(CharId.START, 10, "x".repeat(SharedText.MAX_CHARS))));
        assertThrows(InvalidInputException.class, () -> text.apply(tooLong), "over the most a note holds");
    }

    private static PeerId peer(int number) {
        byte[] bytes = new byte[PeerId.LENGTH];
        bytes[0] = (byte) number;
        return new PeerId(bytes);
    }
}
