package org.peerdesk.transport.core;

import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.peerdesk.core.Attention;
import org.peerdesk.core.AttentionSource;
import org.peerdesk.identity.NodeIdentity;
import org.peerdesk.transport.spi.SuccessionRecord;

/**
 * A machine whose node's identity took another machine as its place, as a peer told it that refused it: a machine thought
 * lost and switched on again after a take-over. It speaks for the node no more, and its user needs to know why.
 */
@Component(service = AttentionSource.class)
public final class SuccessionAttention implements AttentionSource {

    private final NodeIdentity identity;
    private final SuccessionRecord record;

    @Activate
    public SuccessionAttention(@Reference NodeIdentity identity, @Reference SuccessionRecord record) {
        this.identity = identity;
        this.record = record;
    }

    @Override
    public String area() {
        return "node";
    }

    @Override
    public List<Attention> attention() {
        if (record.newest(identity.peerId()) <= identity.succession()) {
            return List.of();
        }
        return List.of(new Attention(area(), "this machine speaks for " + identity.displayName() + " no more: another machine took"
                + " its place from a backup, and peers refuse this one; " + TwinAttention.START_OVER_HERE,
                TwinAttention.START_OVER_COMMAND, TwinAttention.START_OVER_VIEW));
    }
}
