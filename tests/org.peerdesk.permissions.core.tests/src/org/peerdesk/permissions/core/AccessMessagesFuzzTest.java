package org.peerdesk.permissions.core;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.peerdesk.permissions.GrantTerms;
import org.peerdesk.permissions.Resource;
import org.peerdesk.permissions.Right;
import org.peerdesk.testing.WireFuzz;

/**
 * A stranger may ask for access, so what comes on the access protocol is read before anyone is trusted: requests
 * and answers broken in every way {@link WireFuzz} knows are taken or refused with a reason, never met with an
 * unchecked exception.
 */
class AccessMessagesFuzzTest {

    private static final int ROUNDS = 20_000;

    @Test
    void asksAnswersAndReplies() throws Exception {
        GrantTerms read = new GrantTerms(Resource.parse("team/docs"), EnumSet.of(Right.READ, Right.WRITE),
                Optional.of(Instant.parse("2026-12-31T00:00:00Z")), OptionalLong.empty()).checked();
        GrantTerms backup = new GrantTerms(Resource.BACKUP, EnumSet.of(Right.STORE_BACKUP), Optional.empty(), OptionalLong.of(1L << 30)).checked();
        List<byte[]> messages = List.of(
                WireFuzz.bytes(out -> AccessMessages.write(out, new AccessMessages.Ask("req-7f3a", read, "for the Q4 report"))),
                WireFuzz.bytes(out -> AccessMessages.write(out, new AccessMessages.Ask("req-7f3b", backup, ""))),
                WireFuzz.bytes(out -> AccessMessages.write(out, new AccessMessages.Answer("req-7f3a", true, Optional.of(read)))),
                WireFuzz.bytes(out -> AccessMessages.write(out, new AccessMessages.Answer("req-7f3b", false, Optional.empty()))));
        WireFuzz.check("an access message", messages, input -> AccessMessages.read(WireFuzz.data(input)), 31, ROUNDS);
        WireFuzz.check("what is given, told or asked for", List.of(WireFuzz.bytes(out -> GivenMessages.tell(out, List.of(read, backup))),
                WireFuzz.bytes(out -> GivenMessages.tell(out, List.of())), WireFuzz.bytes(GivenMessages::ask)),
                input -> {
                    java.io.DataInputStream in = WireFuzz.data(input);
                    if (GivenMessages.readKind(in) == GivenMessages.TELL) {
                        GivenMessages.readList(in);
                    }
                }, 33, ROUNDS);
        WireFuzz.check("a reply", List.of(WireFuzz.bytes(out -> AccessMessages.reply(out, Optional.of("you are blocked")))),
                input -> AccessMessages.readReply(WireFuzz.data(input)), 32, ROUNDS);
    }
}
