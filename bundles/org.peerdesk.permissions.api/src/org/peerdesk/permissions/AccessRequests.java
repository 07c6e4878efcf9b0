package org.peerdesk.permissions;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.osgi.annotation.versioning.ProviderType;
import org.peerdesk.core.PeerId;

/**
 * Asking peers for access and answering their requests. A request to an offline peer waits and is
 * sent when it connects; so is an answer to an asker who went away.
 */
@ProviderType
public interface AccessRequests {

    /** Asks {@code owner} for {@code terms}; returns the stored outgoing request. */
    AccessRequest request(PeerId owner, GrantTerms terms, String note) throws PermissionException;

    /** Incoming and outgoing requests, newest first. */
    List<AccessRequest> requests() throws PermissionException;

    /** The peers this node asked for rights on {@code resource} that have not answered yet. */
    default Set<PeerId> asked(Resource resource) throws PermissionException {
        return requests().stream().filter(request -> request.direction() == AccessRequest.Direction.OUTGOING
                && request.state() == AccessRequest.State.PENDING && request.asked().resource().equals(resource))
                .map(AccessRequest::peer).collect(Collectors.toSet());
    }

    /** Approves an incoming request, as asked or as {@code approval} changes it; the asker is told. */
    AccessRequest approve(long id, Approval approval) throws PermissionException;

    /** Denies an incoming request; the asker is told. */
    AccessRequest deny(long id) throws PermissionException;

    /** What peers said they grant this node, as each last told, without what has expired since; by peer. */
    List<Given> given() throws PermissionException;

    /**
     * Proves to {@code owner}, over a password-authenticated key exchange, that this node knows the
     * password set on {@code resource}; the password never leaves this machine. Blocks until the
     * owner answers.
     *
     * @return the rights the owner granted
     * @throws AccessDeniedException when the password is wrong or the owner locked this node out for now
     */
    Set<Right> unlock(PeerId owner, Resource resource, char[] password) throws PermissionException;
}
