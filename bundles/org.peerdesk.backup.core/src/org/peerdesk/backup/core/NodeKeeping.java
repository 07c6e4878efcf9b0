package org.peerdesk.backup.core;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.peerdesk.backup.BackupException;
import org.peerdesk.backup.BackupService;
import org.peerdesk.backup.KeptNode;
import org.peerdesk.core.PeerId;
import org.peerdesk.core.PeerdeskException;
import org.peerdesk.identity.IdentityException;
import org.peerdesk.identity.KeptIdentity;
import org.peerdesk.identity.NodeIdentity;
import org.peerdesk.permissions.Grant;
import org.peerdesk.permissions.GrantTerms;
import org.peerdesk.permissions.PermissionService;
import org.peerdesk.permissions.TrustState;
import org.peerdesk.transport.KnownPeer;
import org.peerdesk.transport.PeerDirectory;

/**
 * The node itself as its backups keep it ({@link BackupService#NODE_SOURCE}): its identity files in
 * {@code identity/}, the peers it knows and the grants it gives ({@link KeptPeers}), and the rest of its access (the
 * passwords set on resources, the peers blocked: {@link PermissionService#writeKept}). What it wrote on a lost machine
 * makes a node recovered on a new one that node again.
 */
final class NodeKeeping {

    /** Where a snapshot keeps the node: the source's own folder, then what a recovered set carried over from before. */
    static final List<String> FOLDERS = List.of(SourceFolders.TOP + "/" + BackupService.NODE_SOURCE,
            SourceFolders.TOP + "/" + SourceFolders.EARLIER + "/" + BackupService.NODE_SOURCE);
    private static final String IDENTITY = "identity";
    /** What the node's access beyond its grants is called among what a take-over brought back. */
    private static final String ACCESS = "access";

    private final NodeIdentity identity;
    private final PeerDirectory directory;
    private final PermissionService permissions;
    private final Clock clock;

    NodeKeeping(NodeIdentity identity, PeerDirectory directory, PermissionService permissions, Clock clock) {
        this.identity = identity;
        this.directory = directory;
        this.permissions = permissions;
        this.clock = clock;
    }

    /**
     * Whether a restore of {@code asked} brings back the snapshot's entry at {@code path}: a node's identity (its key)
     * only where the restore asks for that node's folder or part of it, not with the whole snapshot or its Peerdesk
     * folder, as a key copied among restored files is one more place to read it from; a take-over reads it where it is.
     */
    static boolean restoredWith(String path, String asked) {
        return FOLDERS.stream().noneMatch(folder -> (path.equals(folder + "/" + IDENTITY) || path.startsWith(folder + "/" + IDENTITY + "/"))
                && !asked.equals(folder) && !asked.startsWith(folder + "/"));
    }

    PeerId self() {
        return identity.peerId();
    }

    /** Writes the node as it is now into the empty folder {@code into}. */
    void write(Path into) throws IOException, PeerdeskException {
        identity.writeIdentity(into.resolve(IDENTITY));
        List<KeptPeers.Peer> peers = new ArrayList<>();
        for (KnownPeer known : directory.peers()) {
            boolean blocked = permissions.trust(known.id()).filter(TrustState.BLOCKED::equals).isPresent();
            peers.add(new KeptPeers.Peer(known.id(), known.name(), known.address(), known.publicAddresses(), blocked));
        }
        Instant now = clock.instant();
        List<KeptPeers.Given> grants = permissions.grants().stream().filter(grant -> grant.activeAt(now))
                .map(grant -> new KeptPeers.Given(grant.peer(), terms(grant), grant.origin())).toList();
        new KeptPeers(peers, grants).write(into);
        permissions.writeKept(into);
    }

    /** What the node kept in {@code folder}, by the snapshot of {@code set} made at {@code time}, is. */
    KeptNode read(Path folder, String set, Instant time) throws BackupException {
        try {
            return describe(identity.readIdentity(folder.resolve(IDENTITY)), KeptPeers.read(folder), set, time);
        } catch (IdentityException e) {
            throw new BackupException("The node kept in '" + set + "' cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * Makes this node the one kept in {@code folder}: its identity from the next start, and at once the peers it knew
     * (blocked where it blocked them), the grants it gave that have not expired and that this node does not give already,
     * and the rest of its access; says what of that rest came back.
     */
    KeptNode takePlaceOf(Path folder, String set, Instant time, Optional<char[]> passphrase) throws BackupException {
        KeptPeers kept = KeptPeers.read(folder);
        try {
            KeptIdentity taken = identity.takeOverAtNextStart(folder.resolve(IDENTITY), passphrase);
            for (KeptPeers.Peer peer : kept.peers()) {
                directory.remember(peer.id(), peer.name(), peer.address());
                directory.setPublicAddresses(peer.id(), peer.publicAddresses());
                if (peer.blocked()) {
                    permissions.setTrust(peer.id(), TrustState.BLOCKED);
                }
            }
            Instant now = clock.instant();
            List<Grant> given = permissions.grants();
            for (KeptPeers.Given grant : kept.grants()) {
                boolean current = grant.terms().expires().map(now::isBefore).orElse(true);
                if (current && given.stream().noneMatch(held -> held.peer().equals(grant.peer()) && terms(held).equals(grant.terms()))) {
                    permissions.grant(grant.peer(), grant.terms(), grant.origin());
                }
            }
            List<String> access = permissions.takeKept(folder).map(what -> List.of(ACCESS + " (" + what + ")")).orElse(List.of());
            return describe(taken, kept, set, time).withBroughtBack(access);
        } catch (PeerdeskException e) {
            throw new BackupException("Cannot take the place of the node kept in '" + set + "': " + e.getMessage(), e);
        }
    }

    private static GrantTerms terms(Grant grant) {
        return new GrantTerms(grant.resource(), grant.rights(), grant.expires(), grant.quotaBytes());
    }

    private static KeptNode describe(KeptIdentity identity, KeptPeers kept, String set, Instant time) {
        return new KeptNode(identity.peerId(), identity.name(), identity.passphraseProtected(), set, time, kept.peers().size(),
                kept.grants().size());
    }
}
