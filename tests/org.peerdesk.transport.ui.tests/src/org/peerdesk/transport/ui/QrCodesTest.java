package org.peerdesk.transport.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.swt.graphics.ImageData;
import org.junit.jupiter.api.Test;
import org.peerdesk.core.PeerId;
import org.peerdesk.transport.ConnectedPeer;
import org.peerdesk.transport.DialProblem;
import org.peerdesk.transport.Introduction;
import org.peerdesk.transport.KnownPeer;
import org.peerdesk.transport.PeerAddress;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;

class QrCodesTest {

    @Test
    void thePictureReadsBackAsTheSameInviteCode() throws Exception {
        String code = "PD1-AHPLMYPU-N3RUM4FP-AQ6CVWHC-6CATGWUH-RO3HGNAA-5BS37AJM-OHNKBTKI-N5K6UXUX-2OLGZEIT-MQ3ZY6IB-AR7QAAAB-LHMZMMKB-TE";
        ImageData picture = QrCodes.picture(code, 3);
        int[] pixels = new int[picture.width * picture.height];
        for (int y = 0; y < picture.height; y++) {
            for (int x = 0; x < picture.width; x++) {
                pixels[y * picture.width + x] = picture.getPixel(x, y) == 1 ? 0xff000000 : 0xffffffff;
            }
        }
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(picture.width, picture.height, pixels)));
        assertEquals(code, new QRCodeReader().decode(bitmap).getText());
    }

    @Test
    void rowsShowWhoIsOnlineWhereOrThroughWhomAndWhenLastSeenThenThePeersIntroducedAndByWhom() {
        Instant now = Instant.parse("2026-11-24T12:00:00Z");
        PeerId ana = peer(0);
        PeerId ben = peer(1);
        PeerId cy = peer(2);
        PeerId dee = peer(3);
        List<KnownPeer> known = List.of(
                new KnownPeer(ana, "Ana", Optional.of(new PeerAddress("10.0.0.5", 22070)), now, Optional.of(now.minusSeconds(7200)),
                        List.of(new PeerAddress("10.0.0.5", 22070), new PeerAddress("203.0.113.5", 22071))),
                new KnownPeer(ben, "Ben", Optional.empty(), now, Optional.empty(), List.of()),
                new KnownPeer(cy, "Cy", Optional.empty(), now, Optional.empty(), List.of()));
        List<ConnectedPeer> online = List.of(new ConnectedPeer(ben, "Ben", new PeerAddress("127.0.0.1", 23002), true, now),
                new ConnectedPeer(cy, "Cy", new PeerAddress("127.0.0.1", 23002), false, now, Optional.of(ben))); // through ben
        Introduction byBen = new Introduction(7, ben, dee, "Dee", List.of(new PeerAddress("10.0.0.9", 22070)), now);
        Introduction byCy = new Introduction(8, cy, dee, "Dee at home", List.of(), now);
        List<PeerRow> rows = PeerRow.of(known, online, List.of(byBen, byCy), peer -> peer.equals(ana) ? "blocked" : "trusted",
                peer -> peer.equals(ben) ? "Ben" : "someone else", peer -> Optional.empty(), now);
        assertEquals(List.of(new PeerRow(ana, "Ana", false, "seen 2 h ago", "blocked", "10.0.0.5:22070", List.of("203.0.113.5:22071"), Optional.empty(),
                        Optional.empty(), Optional.empty()),
                new PeerRow(ben, "Ben", true, "online", "trusted", "127.0.0.1:23002", List.of(), Optional.empty(), Optional.empty(),
                        Optional.empty()),
                new PeerRow(cy, "Cy", true, "online via Ben", "trusted", "unknown", List.of(), Optional.of("Ben"), Optional.empty(),
                        Optional.empty()),
                new PeerRow(dee, "Dee", false, "via Ben", "new", "10.0.0.9:22070", List.of(), Optional.empty(),
                        Optional.of(new PeerRow.Introduced(byBen, "Ben")), Optional.empty())), rows);
        assertEquals(Optional.of("10.0.0.5:22070\nAna also said it can be reached at 203.0.113.5:22071\n(a public address, or where"
                + " its router forwards): dialed too when the first does not answer"), rows.get(0).addressTip());
        assertEquals(List.of("", "", "Reached through Ben, which carries the connection without being able to read it\n(it is encrypted"
                + " between you and Cy). A direct connection takes its place as soon as one can be made.",
                "Ben introduced Dee to you: select the row, then Add or Decline"), rows.stream().map(row -> row.stateTip().orElse("")).toList());
    }

    @Test
    void anOfflinePeerSaysWhyItsLastDialFailedAndOneThatRefusesThisMachineSaysSoInItsState() {
        Instant now = Instant.parse("2026-12-07T12:00:00Z");
        PeerId ana = peer(0);
        PeerId ben = peer(1);
        PeerId cy = peer(2);
        List<KnownPeer> known = List.of(
                new KnownPeer(ana, "Ana", Optional.of(new PeerAddress("10.0.0.5", 22070)), now, Optional.of(now.minusSeconds(600)), List.of()),
                new KnownPeer(ben, "Ben", Optional.of(new PeerAddress("10.0.0.6", 22070)), now, Optional.of(now.minusSeconds(600)), List.of()),
                new KnownPeer(cy, "Cy", Optional.of(new PeerAddress("10.0.0.7", 22070)), now, Optional.of(now.minusSeconds(600)), List.of()));
        Map<PeerId, DialProblem> problems = Map.of(
                ana, new DialProblem("Could not reach it at 10.0.0.5:22070: connection refused.", false, now.minusSeconds(60)),
                ben, new DialProblem("Could not connect: BEN refuses this machine: another machine runs as this node right now,"
                        + " connected to it from 10.0.0.9:22070.", true, now.minusSeconds(5)),
                cy, new DialProblem("Could not connect: the connection closed.", false, now));
        List<ConnectedPeer> online = List.of(new ConnectedPeer(cy, "Cy", new PeerAddress("10.0.0.7", 22070), true, now));
        List<PeerRow> rows = PeerRow.of(known, online, List.of(), peer -> "trusted", peer -> "", peer -> Optional.ofNullable(problems.get(peer)), now);
        assertEquals(List.of("seen 10 min ago", "refuses this machine", "online"), rows.stream().map(PeerRow::state).toList());
        assertEquals(List.of("Last tried 1 min ago: Could not reach it at 10.0.0.5:22070: connection refused.", "Last tried just now:"
                + " Could not connect: BEN refuses this machine: another machine runs as this node right now, connected to it from"
                + " 10.0.0.9:22070.", ""), rows.stream().map(row -> row.stateTip().orElse("")).toList(),
                "an online peer's failed dial is past");
    }

    private static PeerId peer(int number) {
        byte[] bytes = new byte[32];
        bytes[0] = (byte) number;
        return new PeerId(bytes);
    }
}
