package org.peerdesk.permissions;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;
import org.peerdesk.core.PeerId;
import org.peerdesk.transport.spi.StreamLease;

/**
 * Who may do what on this node. Nothing is shared by default: peers get access through grants,
 * which the owner gives directly, by approving a request, or through a password. Every change
 * and every refusal is written to the audit log. Methods block on the database.
 */
@ProviderType
public interface PermissionService {

    /** The peer's trust state; empty for a stranger this node has never heard of. */
    Optional<TrustState> trust(PeerId peer);

    /** Changes a peer's trust state; blocking also closes its connection and every stream it has open. */
    void setTrust(PeerId peer, TrustState state) throws PermissionException;

    /**
     * Lifts a block: a peer the user added is trusted again, a stranger is no more than a stranger again (pending), since
     * trust comes only from adding a peer or approving its request. Returns the state it now has.
     */
    TrustState unblock(PeerId peer) throws PermissionException;

    List<Grant> grants() throws PermissionException;

    /**
     * Grants {@code terms} to {@code peer}. A grant of the peer's on the same resource that the new one covers (no
     * right, time or quota that it lacks) ends, replaced by it, so that revoking the new grant ends that access.
     */
    Grant grant(PeerId peer, GrantTerms terms, Grant.Origin origin) throws PermissionException;

    /** Withdraws a grant at once: streams that depended on it are closed before this returns. */
    void revoke(long grantId) throws PermissionException;

    /**
     * Forgets a peer: its grants end (their streams closed before this returns), the trust it had ends (a block
     * stays), and it leaves the known peers, so this node no longer dials it and closes its connection. Like any
     * stranger it may still connect to ask for access; blocking refuses that too. Returns the grants that ended.
     */
    List<Grant> forget(PeerId peer) throws PermissionException;

    /** Whether {@code peer} may use {@code resource} with {@code right} now. */
    boolean allows(PeerId peer, Resource resource, Right right);

    /**
     * Checks access for a handler serving one resource, and returns a lease that runs the attached
     * action (close the stream) when the grant is revoked or expires.
     *
     * @throws AccessDeniedException (and audits the refusal) when the peer has no such grant
     */
    StreamLease hold(PeerId peer, Resource resource, Right right) throws AccessDeniedException;

    /**
     * Writes to the audit log that input from {@code peer} about {@code resource} was refused after
     * the stream was let in: a forged message, say. Repeats from one peer are written a few at a time.
     */
    void reportRefusal(PeerId peer, Resource resource, String reason);

    /** Sets (or replaces) the password that gives {@code terms} to whoever proves knowing it. */
    void setPassword(GrantTerms terms, char[] password) throws PermissionException;

    void removePassword(Resource resource) throws PermissionException;

    List<PasswordGrant> passwords() throws PermissionException;

    /** Whether accepting an invite gives both sides the {@code message} right (on by default). */
    boolean invitesGrantMessages();

    void setInvitesGrantMessages(boolean grant) throws PermissionException;

    /**
     * Writes what this node's access holds beyond its grants, for a backup that keeps the node itself, into the folder
     * {@code into}: the passwords set on resources (as the secrets peers prove they know, never as typed), the peers it
     * blocked, known or not, and whether invites grant messages.
     */
    void writeKept(Path into) throws PermissionException;

    /**
     * Takes what {@link #writeKept} wrote on a node whose place this node takes (see the backup's take-over), into this
     * one: the passwords on resources that have none here, the blocks of peers this node has not decided on, and the
     * invites setting. Says what it took ("1 password, 2 blocked peers"); empty where it took nothing, or where the folder
     * holds nothing of it (a backup from before it did). Taking the same folder again takes nothing twice.
     */
    Optional<String> takeKept(Path from) throws PermissionException;

    /** The newest {@code limit} audit entries, newest first, and whether the whole chain is intact. */
    AuditReport audit(int limit) throws PermissionException;
}
