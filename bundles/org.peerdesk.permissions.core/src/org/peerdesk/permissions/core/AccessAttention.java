package org.peerdesk.permissions.core;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.peerdesk.core.Attention;
import org.peerdesk.core.AttentionSource;
import org.peerdesk.core.Counts;
import org.peerdesk.core.PeerId;
import org.peerdesk.permissions.AccessRequest;
import org.peerdesk.permissions.PermissionException;
import org.peerdesk.permissions.PermissionService;
import org.peerdesk.permissions.TrustState;
import org.peerdesk.transport.PeerDirectory;

/** Peers who asked for access and wait for the user's answer; peers locked out after too many wrong passwords. */
@Component(service = AttentionSource.class)
public final class AccessAttention implements AttentionSource {

    private static final String VIEW = "org.peerdesk.permissions.ui.part.access";
    private static final String AUDIT_VIEW = "org.peerdesk.permissions.ui.part.audit";
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.systemDefault());

    private final AccessRequestService requests;
    private final PermissionService permissions;
    private final PeerDirectory directory;

    @Activate
    public AccessAttention(@Reference AccessRequestService requests, @Reference PermissionService permissions,
            @Reference PeerDirectory directory) {
        this.requests = requests;
        this.permissions = permissions;
        this.directory = directory;
    }

    @Override
    public String area() {
        return "access";
    }

    @Override
    public List<Attention> attention() throws PermissionException {
        List<Attention> waiting = new ArrayList<>();
        long asking = requests.requests().stream().filter(AccessRequest::awaitsDecision).count();
        if (asking > 0) {
            waiting.add(new Attention(area(), Counts.of(asking, "access request waits", "access requests wait") + " for your answer",
                    "peerdesk requests", VIEW, true)); // the Access view's notice says who asks for what
        }
        requests.unlocking().lockOuts().stream().filter(lockOut -> !blocked(lockOut))
                .forEach(lockOut -> waiting.add(of(lockOut, directory::nameOf)));
        return waiting;
    }

    /** A peer the user blocked since it was locked out asks nothing more. */
    private boolean blocked(AttemptLimiter.LockOut lockOut) {
        return lockOut.peer().flatMap(permissions::trust).filter(TrustState.BLOCKED::equals).isPresent();
    }

    /** What a running lock-out asks of the user: to block a peer that guesses, or to look at who does. */
    static Attention of(AttemptLimiter.LockOut lockOut, Function<PeerId, String> names) {
        String until = CLOCK.format(lockOut.until());
        if (lockOut.peer().isEmpty()) {
            return new Attention("access", "passwords for " + lockOut.resource() + " are refused until " + until
                    + ": several peers gave wrong ones; the audit log says which", "peerdesk audit", AUDIT_VIEW);
        }
        PeerId peer = lockOut.peer().get();
        return new Attention("access", names.apply(peer) + " gave too many wrong passwords for " + lockOut.resource()
                + " and is locked out until " + until + "; if you did not give it the password, block it",
                "peerdesk block " + peer.shortForm(), AUDIT_VIEW); // strangers are listed there, with Block peer
    }
}
