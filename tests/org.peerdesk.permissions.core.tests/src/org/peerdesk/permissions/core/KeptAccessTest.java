package org.peerdesk.permissions.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerdesk.core.PeerId;
import org.peerdesk.permissions.GrantTerms;
import org.peerdesk.permissions.PermissionException;
import org.peerdesk.permissions.Resource;
import org.peerdesk.permissions.Right;
import org.peerdesk.permissions.TrustState;
import org.peerdesk.testing.SettableClock;

/**
 * What a node's access holds beyond its grants, kept by a backup of the node, comes back on a node that takes its place:
 * passwords (as their secrets), blocks and the invites setting; once, and never in place of what that node has.
 */
class KeptAccessTest {

    private static final PeerId STRANGER = PermissionsFixture.peer(9);

    @TempDir
    Path home;

    private final Resource docs;
    private final Resource photos;

    KeptAccessTest() throws Exception {
        docs = Resource.parse("docs");
        photos = Resource.parse("photos");
    }

    @Test
    void passwordsBlocksAndTheInvitesSettingComeBackOnceBesideWhatTheNodeHas() throws Exception {
        SettableClock clock = new SettableClock(PermissionsFixture.START);
        try (PermissionsFixture lost = new PermissionsFixture(home.resolve("lost"), 1, clock);
                PermissionsFixture heir = new PermissionsFixture(home.resolve("heir"), 2, clock)) {
            lost.permissions.setPassword(GrantTerms.of(docs, EnumSet.of(Right.READ)), "correct horse battery".toCharArray());
            lost.permissions.setPassword(GrantTerms.of(photos, EnumSet.of(Right.READ)), "the lost node's photos".toCharArray());
            lost.permissions.setTrust(STRANGER, TrustState.BLOCKED);
            lost.permissions.setInvitesGrantMessages(false);
            heir.permissions.setPassword(GrantTerms.of(photos, EnumSet.of(Right.READ, Right.WRITE)), "the heir's own photos".toCharArray());
            String heirsPhotos = heir.permissions.password(photos).orElseThrow().secret();
            Path kept = Files.createDirectories(home.resolve("kept"));
            lost.permissions.writeKept(kept);

            assertEquals(Optional.of("1 password, 1 blocked peer"), heir.permissions.takeKept(kept));
            assertEquals(lost.permissions.password(docs).orElseThrow().secret(), heir.permissions.password(docs).orElseThrow().secret(),
                    "the secret peers prove they know, derived with the lost node's ID, which the heir has from its next start");
            assertEquals(List.of(heirsPhotos, EnumSet.of(Right.READ, Right.WRITE)), List.of(heir.permissions.password(photos).orElseThrow()
                    .secret(), heir.permissions.password(photos).orElseThrow().grant().terms().rights()), "the heir's own password stays");
            assertEquals(Optional.of(TrustState.BLOCKED), heir.permissions.trust(STRANGER));
            assertFalse(heir.permissions.invitesGrantMessages());
            assertEquals(Optional.empty(), heir.permissions.takeKept(kept), "taken again, nothing twice");
            assertFalse(Files.readString(kept.resolve(KeptAccess.FILE)).contains("correct horse"), "never the password as typed");
            assertEquals(Optional.empty(), heir.permissions.takeKept(Files.createDirectories(home.resolve("from before"))),
                    "a backup from before access was kept brings nothing");
        }
    }

    @Test
    void aDamagedFileIsNamedAndChangesNothing() throws Exception {
        try (PermissionsFixture heir = new PermissionsFixture(home.resolve("heir"), 2, new SettableClock(PermissionsFixture.START))) {
            Path kept = Files.createDirectories(home.resolve("kept"));
            Files.writeString(kept.resolve(KeptAccess.FILE), "password.1.resource=docs\npassword.1.rights=fly\npassword.1.secret=x\n");
            PermissionException damaged = assertThrows(PermissionException.class, () -> heir.permissions.takeKept(kept));
            assertTrue(damaged.getMessage().startsWith("Cannot read the access kept in " + kept + ": "), damaged.getMessage());
            assertEquals(List.of(), heir.permissions.passwords());
        }
    }
}
