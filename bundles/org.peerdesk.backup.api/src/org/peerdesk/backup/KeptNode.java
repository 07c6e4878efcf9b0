package org.peerdesk.backup;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.peerdesk.core.PeerId;

/**
 * A node that a backup kept (a set that takes the source {@value BackupService#NODE_SOURCE}), whose place this node can
 * take ({@link BackupService#takeOver}): its peer ID, the name its user gave it (none where never named), whether a
 * passphrase protects its key, the set and the time of the snapshot that kept it, and how many peers it knew and grants
 * it gave; the sources installed here that kept their data beside it, by name (such as "conversations"), which a take-over
 * brings back; once this node took its place, what they brought back, each as "SOURCE (what)", such as
 * "conversations (1,204 messages in 9 conversations)" (see {@link org.peerdesk.backup.spi.BackupSource#takeBack}).
 */
public record KeptNode(PeerId id, Optional<String> name, boolean passphraseProtected, String set, Instant kept, int peers,
        int grants, List<String> beside, List<String> broughtBack) {

    public KeptNode {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(set, "set");
        Objects.requireNonNull(kept, "kept");
        beside = List.copyOf(beside);
        broughtBack = List.copyOf(broughtBack);
    }

    /** A node kept, whose place this node has not taken (yet), as its own folder says it. */
    public KeptNode(PeerId id, Optional<String> name, boolean passphraseProtected, String set, Instant kept, int peers, int grants) {
        this(id, name, passphraseProtected, set, kept, peers, grants, List.of(), List.of());
    }

    /** The node, with the sources that kept their data beside it. */
    public KeptNode withBeside(List<String> sources) {
        return new KeptNode(id, name, passphraseProtected, set, kept, peers, grants, sources, broughtBack);
    }

    /** The node, with what its place's taking brought back. */
    public KeptNode withBroughtBack(List<String> brought) {
        return new KeptNode(id, name, passphraseProtected, set, kept, peers, grants, beside, brought);
    }

    /** The name, or the short form of the ID for a node never named. */
    public String shownName() {
        return name.orElse(id.shortForm());
    }
}
