package org.peerdesk.backup;

import java.util.Objects;
import java.util.OptionalLong;

import org.peerdesk.core.ByteSizes;
import org.peerdesk.core.PeerId;

/**
 * What one of a set's holders answered when asked whether it stores this node's backup: that it does
 * (with the quota its grant gives, if any, and the bytes of this node's it holds), that it refuses
 * and why, or that it could not be asked.
 */
public record HolderAnswer(PeerId peer, String name, Kind kind, String reason, OptionalLong quota, long used) {

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
        reason = reason == null ? "" : reason;
    }

    /** The answer in a sentence that starts with the holder's name. */
    public String summary() {
        return switch (kind) {
            case STORES -> name + " stores for you" + (quota.isPresent()
                    ? ": " + ByteSizes.format(room().getAsLong()) + " free of the " + ByteSizes.format(quota.getAsLong()) + " it granted"
                    : ", with no quota" + (used > 0 ? " (it holds " + ByteSizes.format(used) + " of yours)" : ""));
            case REFUSES -> name + " refuses: " + reason;
            case OFFLINE -> name + " is offline, so it was not asked";
            case NO_ANSWER -> name + " could not be asked: " + reason;
        };
    }

    /** Room left in the quota; empty where the grant sets no limit or the holder did not say. */
    public OptionalLong room() {
        return kind == Kind.STORES && quota.isPresent() ? OptionalLong.of(Math.max(0, quota.getAsLong() - used)) : OptionalLong.empty();
    }
}
