package org.peerdesk.transport.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.peerdesk.core.InvalidInputException;
import org.peerdesk.core.PeerId;
import org.peerdesk.transport.PeerAddress;

class InviteCodesTest {

    private static final PeerId ANA = PeerId.ofPublicKey("ana".getBytes(StandardCharsets.UTF_8));
    private static final byte[] SECRET = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final List<PeerAddress> ADDRESSES = List.of(new PeerAddress("192.168.1.20", 22070),
            new PeerAddress("fd00:0:0:0:0:0:0:2", 22070), new PeerAddress("ana.local", 22071));

    @Test
    void aCodeCarriesTheInviterTheSecretAndTheAddresses() throws InvalidInputException {
        String code = InviteCodes.encode(ANA, SECRET, ADDRESSES);
        assertTrue(code.matches("PD1-[A-Z2-7]{8}(-[A-Z2-7]{1,8})+"), code);
        InviteCodes.Decoded decoded = InviteCodes.decode(" " + code.toLowerCase().replace('-', ' ') + "\n");
        assertEquals(ANA, decoded.inviter());
        assertArrayEquals(SECRET, decoded.secret());
        assertEquals(ADDRESSES, decoded.addresses());
    }

    @Test
    void anyChangedCharacterIsCaught() {
        String code = InviteCodes.encode(ANA, SECRET, ADDRESSES);
        for (int i = 4; i < code.length(); i++) {
            if (code.charAt(i) == '-') {
                continue;
            }
            String altered = code.substring(0, i) + (code.charAt(i) == 'A' ? 'B' : 'A') + code.substring(i + 1);
            InvalidInputException error = assertThrows(InvalidInputException.class, () -> InviteCodes.decode(altered));
            assertTrue(error.getMessage().contains("damaged") || error.getMessage().contains("another version"),
                    error.getMessage());
        }
    }

    @Test
    void otherTextIsRefusedSayingWhatAnInviteLooksLike() {
        assertTrue(assertThrows(InvalidInputException.class, () -> InviteCodes.decode("hello")).getMessage().contains("PD1-"));
        assertTrue(assertThrows(InvalidInputException.class, () -> InviteCodes.decode("PD1-AAAA")).getMessage().contains("incomplete"));
        assertThrows(InvalidInputException.class, () -> InviteCodes.decode(null));
        String foreign = assertThrows(InvalidInputException.class, () -> InviteCodes.decode("PD1-1BCDEFGH")).getMessage();
        assertTrue(foreign.startsWith("The invite code is mistyped") && foreign.contains("'1'"), foreign);
    }
}
