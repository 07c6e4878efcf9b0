package org.peerdesk.files.core;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.peerdesk.core.PeerId;
import org.peerdesk.permissions.AccessDeniedException;
import org.peerdesk.permissions.AuditReport;
import org.peerdesk.permissions.Grant;
import org.peerdesk.permissions.GrantTerms;
import org.peerdesk.permissions.PasswordGrant;
import org.peerdesk.permissions.PermissionService;
import org.peerdesk.permissions.Resource;
import org.peerdesk.permissions.Right;
import org.peerdesk.permissions.TrustState;
import org.peerdesk.transport.spi.StreamLease;

/** Permissions that give every peer the same rights on everything: the grants themselves are the subject of the system tests. */
final class Allowing implements PermissionService {

    private final Set<Right> rights;

    Allowing(Right... rights) {
        this.rights = rights.length == 0 ? EnumSet.noneOf(Right.class) : EnumSet.of(rights[0], rights);
    }

    @Override
    public Optional<TrustState> trust(PeerId peer) {
        return Optional.of(TrustState.TRUSTED);
    }

    @Override
    public void setTrust(PeerId peer, TrustState state) {
    }

    @Override
    public TrustState unblock(PeerId peer) {
        return TrustState.TRUSTED;
    }

    @Override
    public List<Grant> grants() {
        return List.of();
    }

    @Override
    public Grant grant(PeerId peer, GrantTerms terms, Grant.Origin origin) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void revoke(long grantId) {
    }

    @Override
    public List<Grant> forget(PeerId peer) {
        return List.of();
    }

    @Override
    public boolean allows(PeerId peer, Resource resource, Right right) {
        return rights.contains(right);
    }

    @Override
    public void reportRefusal(PeerId peer, Resource resource, String reason) {
    }

    @Override
    public StreamLease hold(PeerId peer, Resource resource, Right right) throws AccessDeniedException {
        if (!rights.contains(right)) {
            throw new AccessDeniedException("no grant of " + right.word() + " on " + resource);
        }
        return StreamLease.PERMANENT;
    }

    @Override
    public void setPassword(GrantTerms terms, char[] password) {
    }

    @Override
    public void removePassword(Resource resource) {
    }

    @Override
    public List<PasswordGrant> passwords() {
        return List.of();
    }

    @Override
    public boolean invitesGrantMessages() {
        return false;
    }

    @Override
    public void setInvitesGrantMessages(boolean grant) {
    }

    @Override
    public void writeKept(Path into) {
    }

    @Override
    public Optional<String> takeKept(Path from) {
        return Optional.empty();
    }

    @Override
    public AuditReport audit(int limit) {
        throw new UnsupportedOperationException();
    }
}
