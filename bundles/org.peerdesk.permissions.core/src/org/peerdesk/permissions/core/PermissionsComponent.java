package org.peerdesk.permissions.core;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.peerdesk.core.PeerId;
import org.peerdesk.core.Threads;
import org.peerdesk.core.Topics;
import org.peerdesk.identity.NodeIdentity;
import org.peerdesk.permissions.AccessRule;
import org.peerdesk.permissions.AuditEntry;
import org.peerdesk.permissions.AuditReport;
import org.peerdesk.permissions.Grant;
import org.peerdesk.permissions.GrantTerms;
import org.peerdesk.permissions.PasswordGrant;
import org.peerdesk.permissions.PermissionException;
import org.peerdesk.permissions.PermissionService;
import org.peerdesk.permissions.Resource;
import org.peerdesk.permissions.Right;
import org.peerdesk.permissions.TrustState;
import org.peerdesk.permissions.event.AccessChanged;
import org.peerdesk.permissions.event.Audited;
import org.peerdesk.permissions.event.PermissionTopics;
import org.peerdesk.storage.Storage;
import org.peerdesk.storage.TerminalLog;
import org.peerdesk.transport.PeerDirectory;
import org.peerdesk.transport.ProtocolId;
import org.peerdesk.transport.TransportException;
import org.peerdesk.transport.event.IdentityMoved;
import org.peerdesk.transport.event.PeerIntroduced;
import org.peerdesk.transport.event.TransportTopics;
import org.peerdesk.transport.event.TwinRefused;
import org.peerdesk.transport.event.TwinSeen;
import org.peerdesk.transport.spi.ProtocolHandler;
import org.peerdesk.transport.spi.StreamAuthorizer;
import org.peerdesk.transport.spi.StreamLease;

/**
 * The permissions service and the transport's authorizer, wired to the node: known peers from the
 * directory, access rules from the protocol handlers' {@value ProtocolHandler#ACCESS} properties,
 * events on EventAdmin. It holds no transport (the transport needs this authorizer first); the
 * {@link BlockEnforcer} closes a blocked peer's connection.
 */
@Component(service = {PermissionService.class, StreamAuthorizer.class, EventHandler.class, PermissionsComponent.class},
        property = {EventConstants.EVENT_TOPIC + "=" + TransportTopics.PEER_INTRODUCED,
                EventConstants.EVENT_TOPIC + "=" + TransportTopics.IDENTITY_MOVED,
                EventConstants.EVENT_TOPIC + "=" + TransportTopics.TWIN_SEEN,
                EventConstants.EVENT_TOPIC + "=" + TransportTopics.TWIN_REFUSED})
public final class PermissionsComponent implements PermissionService, StreamAuthorizer, EventHandler {

    private static final Logger LOG = System.getLogger(PermissionsComponent.class.getName());

    private final Permissions permissions;
    private final Map<ProtocolId, Optional<AccessRule>> declaredRules = new ConcurrentHashMap<>();
    private final ScheduledExecutorService expiry = Executors.newSingleThreadScheduledExecutor(Threads.daemon("peerdesk-grant-expiry"));

    @Activate
    public PermissionsComponent(@Reference Storage storage, @Reference PeerDirectory directory, @Reference NodeIdentity identity,
            @Reference EventAdmin events) throws PermissionException {
        this.permissions = new Permissions(storage, Clock.systemUTC(), identity.peerId(), new Permissions.Surroundings() {
            @Override
            public boolean known(PeerId peer) {
                try {
                    return directory.find(peer).isPresent();
                } catch (TransportException e) {
                    LOG.log(Level.WARNING, "Cannot look up {0}: {1}", peer.shortForm(), e.getMessage());
                    return false;
                }
            }

            @Override
            public void forget(PeerId peer) throws TransportException {
                directory.forget(peer); // the transport's peer watcher then closes the connection
            }

            @Override
            public void accessChanged(Optional<PeerId> peer) {
                events.postEvent(new Event(PermissionTopics.ACCESS_CHANGED, Map.of(Topics.DATA, new AccessChanged(peer))));
            }

            @Override
            public void audited(AuditEntry entry) {
                events.postEvent(new Event(PermissionTopics.AUDITED, Map.of(Topics.DATA, new Audited(entry))));
            }
        });
        permissions.auditProblemAtStart().ifPresent(problem -> TerminalLog.logger().log(Level.ERROR,
                "the audit log was tampered with: " + problem + ". Run './peerdesk audit' to see it."));
        expiry.scheduleWithFixedDelay(permissions::expireDue, 1, 1, TimeUnit.SECONDS);
    }

    @Deactivate
    void stop() {
        expiry.shutdownNow();
    }

    /** Reads each handler's declared access rule without getting the handler itself. */
    @Reference(service = ProtocolHandler.class, cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addHandler(ServiceReference<ProtocolHandler> handler) {
        protocol(handler).ifPresent(protocol -> declaredRules.put(protocol,
                Permissions.declaredRule(protocol, handler.getProperty(ProtocolHandler.ACCESS))));
    }

    void removeHandler(ServiceReference<ProtocolHandler> handler) {
        protocol(handler).ifPresent(declaredRules::remove);
    }

    private static Optional<ProtocolId> protocol(ServiceReference<ProtocolHandler> handler) {
        try {
            return Optional.of(ProtocolId.of(String.valueOf(handler.getProperty(ProtocolHandler.PROTOCOL))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    Permissions rules() {
        return permissions;
    }

    @Override
    public void handleEvent(Event event) {
        if (event.getProperty(Topics.DATA) instanceof IdentityMoved moved) {
            permissions.identityMoved(moved);
        } else if (event.getProperty(Topics.DATA) instanceof TwinSeen seen) {
            permissions.twinSeen(seen);
        } else if (event.getProperty(Topics.DATA) instanceof TwinRefused refused) {
            permissions.twinRefused(refused);
        } else if (event.getProperty(Topics.DATA) instanceof PeerIntroduced introduced && introduced.byInvite()) {
            try {
                permissions.introducedByInvite(introduced.peer());
            } catch (PermissionException e) {
                LOG.log(Level.WARNING, "Could not give {0} the rights of an invited peer: {1}",
                        introduced.peer().shortForm(), e.getMessage());
            }
        }
    }

    @Override
    public Authorization authorize(PeerId peer, ProtocolId protocol) {
        return permissions.authorize(peer, protocol, declaredRules.getOrDefault(protocol, Optional.empty()));
    }

    @Override
    public Authorization admit(PeerId peer) {
        return permissions.admit(peer);
    }

    @Override
    public Optional<TrustState> trust(PeerId peer) {
        return permissions.trust(peer);
    }

    @Override
    public void setTrust(PeerId peer, TrustState state) throws PermissionException {
        permissions.setTrust(peer, state);
    }

    @Override
    public TrustState unblock(PeerId peer) throws PermissionException {
        return permissions.unblock(peer);
    }

    @Override
    public List<Grant> grants() {
        return permissions.grants();
    }

    @Override
    public Grant grant(PeerId peer, GrantTerms terms, Grant.Origin origin) throws PermissionException {
        return permissions.grant(peer, terms, origin);
    }

    @Override
    public List<Grant> forget(PeerId peer) throws PermissionException {
        return permissions.forget(peer);
    }

    @Override
    public void revoke(long grantId) throws PermissionException {
        permissions.revoke(grantId);
    }

    @Override
    public boolean allows(PeerId peer, Resource resource, Right right) {
        return permissions.allows(peer, resource, right);
    }

    @Override
    public StreamLease hold(PeerId peer, Resource resource, Right right) throws org.peerdesk.permissions.AccessDeniedException {
        return permissions.hold(peer, resource, right);
    }

    @Override
    public void reportRefusal(PeerId peer, Resource resource, String reason) {
        permissions.reportRefusal(peer, resource, reason);
    }

    @Override
    public void setPassword(GrantTerms terms, char[] password) throws PermissionException {
        permissions.setPassword(terms, password);
    }

    @Override
    public void removePassword(Resource resource) throws PermissionException {
        permissions.removePassword(resource);
    }

    @Override
    public List<PasswordGrant> passwords() throws PermissionException {
        return permissions.passwords();
    }

    @Override
    public boolean invitesGrantMessages() {
        return permissions.invitesGrantMessages();
    }

    @Override
    public void setInvitesGrantMessages(boolean grant) throws PermissionException {
        permissions.setInvitesGrantMessages(grant);
    }

    @Override
    public void writeKept(Path into) throws PermissionException {
        permissions.writeKept(into);
    }

    @Override
    public Optional<String> takeKept(Path from) throws PermissionException {
        return permissions.takeKept(from);
    }

    @Override
    public AuditReport audit(int limit) throws PermissionException {
        return permissions.audit(limit);
    }
}
