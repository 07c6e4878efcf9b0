package org.peerdesk.permissions.core;

import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.peerdesk.core.Attention;
import org.peerdesk.core.AttentionSource;
import org.peerdesk.core.Counts;
import org.peerdesk.permissions.AccessRequest;
import org.peerdesk.permissions.AccessRequests;
import org.peerdesk.permissions.PermissionException;

/** Peers who asked for access and wait for the user's answer. */
@Component(service = AttentionSource.class)
public final class AccessAttention implements AttentionSource {

    private static final String VIEW = "org.peerdesk.permissions.ui.part.access";

    private final AccessRequests requests;

    @Activate
    public AccessAttention(@Reference AccessRequests requests) {
        this.requests = requests;
    }

    @Override
    public String area() {
        return "access";
    }

    @Override
    public List<Attention> attention() throws PermissionException {
        long waiting = requests.requests().stream().filter(AccessRequest::awaitsDecision).count();
        return waiting == 0 ? List.of()
                : List.of(new Attention(area(), Counts.of(waiting, "access request waits", "access requests wait") + " for your answer",
                        "peerdesk requests", VIEW, true)); // the Access view's notice says who asks for what
    }
}
