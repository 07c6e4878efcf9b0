package org.peerdesk.transport.core;

import java.io.DataInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerdesk.core.PeerId;
import org.peerdesk.identity.core.LocalIdentity;
import org.peerdesk.testing.WireFuzz;
import org.peerdesk.transport.PeerAddress;

/**
 * What reaches a node from the network or the user, broken in every way {@link WireFuzz} knows: a LAN announcement
 * from anyone on the network is ignored unless whole and signed, never met with an exception; an invite code a user
 * pastes is refused with a reason; so are an introduction and a list of public addresses that a peer sends damaged.
 */
class TransportInputFuzzTest {

    private static final int ROUNDS = 20_000;
    private static final List<PeerAddress> ADDRESSES = List.of(new PeerAddress("192.168.1.20", 22070),
            new PeerAddress("fd00:0:0:0:0:0:0:2", 22070), new PeerAddress("ana.local", 22071));

    @TempDir
    Path home;

    @Test
    void lanAnnouncements() throws Exception {
        LocalIdentity ana = LocalIdentity.inFolder(home.resolve("ana"));
        byte[] packet = new Announcement(ana.peerId(), "Ana's laptop", ADDRESSES, Instant.parse("2026-12-04T10:00:00Z"), 42).sign(ana);
        WireFuzz.check("a LAN announcement", List.of(packet), input -> Announcement.verify(input, input.length), 21, ROUNDS);
    }

    @Test
    void inviteCodes() {
        PeerId inviter = PeerId.ofPublicKey("ana".getBytes(StandardCharsets.UTF_8));
        byte[] code = InviteCodes.encode(inviter, "0123456789abcdef".getBytes(StandardCharsets.US_ASCII), ADDRESSES)
                .getBytes(StandardCharsets.ISO_8859_1);
        WireFuzz.check("an invite code", List.of(code), input -> InviteCodes.decode(new String(input, StandardCharsets.ISO_8859_1)), 22, ROUNDS);
    }

    @Test
    void introductions() {
        PeerId cai = PeerId.ofPublicKey("cai".getBytes(StandardCharsets.UTF_8));
        byte[] introduction = WireFuzz.bytes(out -> IntroductionWire.write(out, new IntroductionWire.Described(cai, "Cai", ADDRESSES)));
        WireFuzz.check("an introduction", List.of(introduction), input -> IntroductionWire.read(WireFuzz.data(input)), 23, ROUNDS);
    }

    @Test
    void publicAddresses() {
        byte[] addresses = WireFuzz.bytes(out -> PublicAddressWire.write(out, new PublicAddressWire.Said(ADDRESSES, Optional.of(ADDRESSES.get(0)))));
        byte[] none = WireFuzz.bytes(out -> PublicAddressWire.write(out, new PublicAddressWire.Said(List.of(), Optional.empty())));
        WireFuzz.check("a peer's public addresses", List.of(addresses, none), input -> PublicAddressWire.read(WireFuzz.data(input)), 24, ROUNDS);
    }

    @Test
    void holePunches() {
        byte[] offer = WireFuzz.bytes(out -> {
            HolePunchWire.writeAddresses(out, ADDRESSES);
            HolePunchWire.writeNow(out);
        });
        WireFuzz.check("an offer to punch through routers", List.of(offer), input -> {
            DataInputStream in = WireFuzz.data(input);
            HolePunchWire.readAddresses(in);
            HolePunchWire.readNow(in);
        }, 24, ROUNDS);
    }

    @Test
    void dialBacks() {
        byte[] asked = WireFuzz.bytes(DialBackWire::writeAsk);
        byte[] reached = WireFuzz.bytes(out -> DialBackWire.writeAnswer(out, new DialBackWire.Answer(true, "")));
        byte[] notReached = WireFuzz.bytes(out -> DialBackWire.writeAnswer(out, new DialBackWire.Answer(false, "no answer at 198.51.100.4:22070")));
        WireFuzz.check("a request to dial back", List.of(asked), input -> DialBackWire.readAsk(WireFuzz.data(input)), 25, ROUNDS);
        WireFuzz.check("what a dial back found", List.of(reached, notReached), input -> DialBackWire.readAnswer(WireFuzz.data(input)), 26, ROUNDS);
    }
}
