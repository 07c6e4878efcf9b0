package org.peerdesk.identity.core;

import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.peerdesk.core.Attention;
import org.peerdesk.core.AttentionSource;
import org.peerdesk.identity.NodeIdentity;

/** A node still called by the name made up for it at its first start, which tells its peers nothing. */
@Component(service = AttentionSource.class)
public final class NameAttention implements AttentionSource {

    /** The desktop's Peers view, whose Rename... button names the node. */
    private static final String VIEW = "org.peerdesk.transport.ui.part.peers";

    private final NodeIdentity identity;

    @Activate
    public NameAttention(@Reference NodeIdentity identity) {
        this.identity = identity;
    }

    @Override
    public String area() {
        return "node";
    }

    @Override
    public List<Attention> attention() {
        return identity.named() ? List.of()
                : List.of(new Attention(area(), "peers see this node by a name made up for it, \"" + identity.displayName() + "\"",
                        "peerdesk name \"NEW NAME\"", VIEW));
    }
}
