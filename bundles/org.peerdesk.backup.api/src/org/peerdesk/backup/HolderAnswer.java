package org.peerdesk.backup;

import java.util.Objects;
import java.util.OptionalLong;

import org.peerdesk.core.ByteSizes;
import org.peerdesk.core.PeerId;

/**
 * What one of a set's holders answered when asked whether it stores this node's backup: that it does
 * (with the quota its grant gives, if any, and the bytes of this node's it holds), that it refuses
 * and why, or that it could not be asked. {@code share} is about how much of the set the holder is to
 * take (the set's files times its copies, spread over its holders), where it was reckoned.
 */
public record HolderAnswer(PeerId peer, String name, Kind kind, String reason, OptionalLong quota, long used, OptionalLong share) {

    public enum Kind {
        /** It stores for this node, within {@code quota}. */
        STORES,
        /** It refuses; {@code reason} says why and what to ask for. */
        REFUSES,
        /** It is not connected now. */
        OFFLINE,
        /** It is connected but gave no answer; {@code reason} says what happened. */
        NO_ANSWER
    }

    public HolderAnswer {
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(quota, "quota");
        Objects.requireNonNull(share, "share");
        reason = reason == null ? "" : reason;
    }

    public HolderAnswer(PeerId peer, String name, Kind kind, String reason, OptionalLong quota, long used) {
        this(peer, name, kind, reason, quota, used, OptionalLong.empty());
    }

    /** The same answer, with the holder's share of the set reckoned. */
    public HolderAnswer withShare(long bytes) {
        return new HolderAnswer(peer, name, kind, reason, quota, used, OptionalLong.of(bytes));
    }

    /** Whether the holder stores for this node but its quota leaves less room than its share of the set. */
    public boolean shortOfRoom() {
        return room().isPresent() && share.isPresent() && share.getAsLong() > room().getAsLong();
    }

    /** The answer in a sentence that starts with the holder's name. */
    public String summary() {
        return switch (kind) {
            case STORES -> name + " stores for you" + (quota.isPresent()
                    ? ": " + ByteSizes.format(room().getAsLong()) + " free of the " + ByteSizes.format(quota.getAsLong()) + " it granted"
                            + (shortOfRoom() ? ", less than its share of this set (about " + ByteSizes.format(share.getAsLong())
                                    + " before deduplication); ask it for more with: peerdesk request " + peer.shortForm()
                                    + " backup store-backup --quota " + ByteSizes.written(roomEnough()) + ", or add a holder" : "")
                    : ", with no quota" + (used > 0 ? " (it holds " + ByteSizes.format(used) + " of yours)" : ""));
            case REFUSES -> name + " refuses: " + reason;
            case OFFLINE -> name + " is offline, so it was not asked";
            case NO_ANSWER -> name + " could not be asked: " + reason;
        };
    }

    /** A quota that would hold what it holds and its share, in whole MiB, or whole GiB from 1 GiB on. */
    private long roomEnough() {
        long needed = used + share.getAsLong();
        long unit = needed >= 1L << 30 ? 1L << 30 : 1L << 20;
        return (needed + unit - 1) / unit * unit;
    }

    /** Room left in the quota; empty where the grant sets no limit or the holder did not say. */
    public OptionalLong room() {
        return kind == Kind.STORES && quota.isPresent() ? OptionalLong.of(Math.max(0, quota.getAsLong() - used)) : OptionalLong.empty();
    }
}
