package org.peerdesk.permissions.core;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.peerdesk.core.Counts;
import org.peerdesk.core.InvalidInputException;
import org.peerdesk.core.IoMessages;
import org.peerdesk.core.PeerId;
import org.peerdesk.permissions.AccessDeniedException;
import org.peerdesk.permissions.AccessRule;
import org.peerdesk.permissions.AuditEntry;
import org.peerdesk.permissions.AuditEntry.Event;
import org.peerdesk.permissions.AuditReport;
import org.peerdesk.permissions.Grant;
import org.peerdesk.permissions.GrantTerms;
import org.peerdesk.permissions.NoSuchEntryException;
import org.peerdesk.permissions.PasswordGrant;
import org.peerdesk.permissions.PermissionException;
import org.peerdesk.permissions.PermissionService;
import org.peerdesk.permissions.Resource;
import org.peerdesk.permissions.Right;
import org.peerdesk.permissions.TrustState;
import org.peerdesk.storage.SqlWork;
import org.peerdesk.storage.Storage;
import org.peerdesk.transport.ProtocolId;
import org.peerdesk.transport.TransportException;
import org.peerdesk.transport.event.IdentityMoved;
import org.peerdesk.transport.event.TwinRefused;
import org.peerdesk.transport.event.TwinSeen;
import org.peerdesk.transport.spi.StreamAuthorizer.Authorization;
import org.peerdesk.transport.spi.StreamLease;

/**
 * The rules of access, in plain Java: trust states and grants (kept in memory, written through to
 * the database with an audit entry in the same transaction), the decision on each stream, and the
 * leases that close streams when access ends. The OSGi component around it only wires services.
 */
final class Permissions implements PermissionService {

    private static final Logger LOG = System.getLogger(Permissions.class.getName());

    /** What the rules need from the rest of the node. */
    interface Surroundings {
        /** Whether the user added this peer (it is in the known peers). */
        boolean known(PeerId peer);

        /** Removes the peer from the known peers. */
        void forget(PeerId peer) throws TransportException;

        /** Tells the UI and other areas that access changed. */
        void accessChanged(Optional<PeerId> peer);

        /** Tells the UI that an entry went into the audit log on its own, with no change of access. */
        void audited(AuditEntry entry);
    }

    private final Storage storage;
    private final Clock clock;
    private final PeerId self;
    private final Surroundings surroundings;
    private final AuditLog audit;
    private final Leases leases = new Leases();
    private final RateLimiter<String> refusalsAudited;
    private final RateLimiter<String> twinsAudited;
    private final Object writing = new Object();
    private final Map<PeerId, TrustState> trust = new ConcurrentHashMap<>();
    private final List<Grant> grants = new CopyOnWriteArrayList<>();
    private final Optional<String> auditProblem;
    private volatile boolean invitesGrantMessages;

    Permissions(Storage storage, Clock clock, PeerId self, Surroundings surroundings) throws PermissionException {
        this.storage = storage;
        this.clock = clock;
        this.self = self;
        this.surroundings = surroundings;
        this.audit = new AuditLog(clock);
        this.refusalsAudited = new RateLimiter<>(3, Duration.ofSeconds(20), clock);
        this.twinsAudited = new RateLimiter<>(1, Duration.ofHours(1), clock);
        try {
            storage.migrate(PermissionsSchema.SCHEMA);
        } catch (org.peerdesk.storage.StorageException e) {
            throw new PermissionException("Cannot set up the permissions tables: " + e.getMessage(), e);
        }
        Sql.run(storage, connection -> {
            trust.putAll(TrustRows.all(connection));
            grants.addAll(GrantRows.all(connection));
            invitesGrantMessages = !SettingRows.get(connection, SettingRows.INVITES_GRANT_MESSAGES).orElse("true").equals("false");
            return null;
        });
        this.auditProblem = Sql.run(storage, audit::verify);
        auditProblem.ifPresent(problem -> LOG.log(Level.ERROR, "The audit log was tampered with: {0}", problem));
    }

    /** What was wrong with the audit log when the node started, if anything. */
    Optional<String> auditProblemAtStart() {
        return auditProblem;
    }

    PeerId self() {
        return self;
    }

    Storage storage() {
        return storage;
    }

    // --- the transport's questions -------------------------------------------------------------

    Authorization admit(PeerId peer) {
        return trust.get(peer) == TrustState.BLOCKED ? Authorization.deny("blocked by this node's owner")
                : Authorization.allow("not blocked");
    }

    /**
     * The access rule a handler declared, read once when it registers; empty (the protocol serves no
     * one) when it declared none or one that does not parse, which is logged for its author.
     */
    static Optional<AccessRule> declaredRule(ProtocolId protocol, Object declared) {
        try {
            return Optional.of(AccessRule.parse(declared == null ? null : String.valueOf(declared)));
        } catch (InvalidInputException e) {
            LOG.log(Level.WARNING, "{0} will serve no one: {1}", protocol, e.getMessage());
            return Optional.empty();
        }
    }

    /** Decides on a stream for {@code protocol}, whose handler declared {@code declared} as its access rule. */
    Authorization authorize(PeerId peer, ProtocolId protocol, Optional<AccessRule> declared) {
        if (declared.isEmpty()) {
            return refuse(peer, protocol.toString(), protocol + " declares no usable access rule, so it serves no one");
        }
        AccessRule rule = declared.get();
        Optional<TrustState> state = trust(peer);
        if (state.equals(Optional.of(TrustState.BLOCKED))) {
            return refuse(peer, protocol.toString(), "blocked by this node's owner");
        }
        return switch (rule.level()) {
            case ANYONE -> Authorization.allow("open to anyone");
            case TRUSTED -> state.equals(Optional.of(TrustState.TRUSTED))
                    ? Authorization.allow("a trusted peer", leases.open(peer, () -> isTrusted(peer)))
                    : refuse(peer, protocol.toString(), "only peers this node's owner trusts may use " + protocol);
            case GRANT -> hasGrant(peer, rule)
                    ? Authorization.allow("granted " + rule, leases.open(peer, () -> hasGrant(peer, rule)))
                    : refuse(peer, rule.resource().map(Resource::toString).orElse(AccessRule.ANY_SHARE),
                            "no grant of " + rule.right().orElseThrow().word() + " on "
                                    + rule.resource().map(Resource::toString).orElse("any share") + "; ask for it with"
                                    + " 'peerdesk request'");
        };
    }

    private boolean isTrusted(PeerId peer) {
        return trust(peer).equals(Optional.of(TrustState.TRUSTED));
    }

    private boolean hasGrant(PeerId peer, AccessRule rule) {
        Instant now = clock.instant();
        return !isBlocked(peer) && grants.stream().anyMatch(grant -> grant.peer().equals(peer) && rule.satisfiedBy(grant, now));
    }

    private boolean isBlocked(PeerId peer) {
        return trust.get(peer) == TrustState.BLOCKED;
    }

    private Authorization refuse(PeerId peer, String what, String reason) {
        auditRefusal(peer, what, reason);
        return Authorization.deny(reason);
    }

    private void auditRefusal(PeerId peer, String what, String reason) {
        if (refusalsAudited.tryAcquire(peer + " " + what)) {
            record(Event.REFUSED, Optional.of(peer), what, reason);
        }
    }

    // --- PermissionService ---------------------------------------------------------------------

    @Override
    public Optional<TrustState> trust(PeerId peer) {
        TrustState set = trust.get(peer);
        if (set != null) {
            // Trust is for peers the user added: a stranger's row that says trusted (an unblock stored that before
            // it told strangers apart) counts as pending.
            return Optional.of(set == TrustState.TRUSTED && !surroundings.known(peer) ? TrustState.PENDING : set);
        }
        return surroundings.known(peer) ? Optional.of(TrustState.TRUSTED) : Optional.empty();
    }

    @Override
    public void setTrust(PeerId peer, TrustState state) throws PermissionException {
        if (peer.equals(self)) {
            throw new PermissionException("This node cannot change how it trusts itself.");
        }
        Instant now = clock.instant();
        write(connection -> {
            TrustRows.set(connection, peer, state, now);
            audit.append(connection, Event.TRUST_CHANGED, Optional.of(peer), "", "now " + state.word());
            return null;
        });
        trust.put(peer, state);
        leases.recheck(peer);
        surroundings.accessChanged(Optional.of(peer));
    }

    @Override
    public TrustState unblock(PeerId peer) throws PermissionException {
        TrustState state = surroundings.known(peer) ? TrustState.TRUSTED : TrustState.PENDING;
        setTrust(peer, state);
        return state;
    }

    @Override
    public List<Grant> grants() {
        return List.copyOf(grants);
    }

    @Override
    public Grant grant(PeerId peer, GrantTerms terms, Grant.Origin origin) throws PermissionException {
        GrantTerms checked = checked(terms);
        Instant now = clock.instant();
        if (checked.expires().isPresent() && !checked.expires().get().isAfter(now)) {
            throw new PermissionException("The expiry " + checked.expires().get() + " has already passed.");
        }
        List<Grant> replaced = grants.stream().filter(held -> held.peer().equals(peer) && covers(checked, held)).toList();
        Grant granted = write(connection -> {
            Grant inserted = GrantRows.insert(connection, peer, checked, origin, now);
            audit.append(connection, Event.GRANTED, Optional.of(peer), checked.resource().toString(), describe(inserted));
            for (Grant old : replaced) {
                GrantRows.delete(connection, old.id());
                audit.append(connection, Event.REVOKED, Optional.of(peer), old.resource().toString(),
                        describe(old) + ", replaced by grant " + inserted.id());
            }
            return inserted;
        });
        grants.add(granted);
        replaced.forEach(old -> grants.removeIf(held -> held.id() == old.id()));
        surroundings.accessChanged(Optional.of(peer));
        return granted;
    }

    /**
     * Whether new {@code terms} give all that grant {@code held} gives, on the same resource, as long and with as much
     * room: then the new grant replaces it, so that the peer has one grant there, and revoking it ends that access.
     */
    private static boolean covers(GrantTerms terms, Grant held) {
        boolean asLong = terms.expires().isEmpty() || held.expires().isPresent() && !terms.expires().get().isBefore(held.expires().get());
        boolean asMuchRoom = terms.quotaBytes().isEmpty() || held.quotaBytes().isPresent()
                && terms.quotaBytes().getAsLong() >= held.quotaBytes().getAsLong();
        return terms.resource().equals(held.resource()) && terms.rights().containsAll(held.rights()) && asLong && asMuchRoom;
    }

    private static GrantTerms checked(GrantTerms terms) throws PermissionException {
        try {
            return terms.checked();
        } catch (InvalidInputException e) {
            throw new PermissionException(e.getMessage(), e);
        }
    }

    static String describe(Grant grant) {
        return "grant " + grant.id() + ": " + Right.format(grant.rights())
                + grant.quotaBytes().stream().mapToObj(quota -> ", quota " + quota + " bytes").findFirst().orElse("")
                + grant.expires().map(expiry -> ", until " + expiry).orElse("") + " (" + grant.origin().word() + ")";
    }

    @Override
    public void revoke(long grantId) throws PermissionException {
        Grant revoked = write(connection -> {
            Optional<Grant> found = GrantRows.find(connection, grantId);
            if (found.isPresent()) {
                GrantRows.delete(connection, grantId);
                audit.append(connection, Event.REVOKED, Optional.of(found.get().peer()), found.get().resource().toString(),
                        describe(found.get()));
            }
            return found.orElse(null);
        });
        if (revoked == null) {
            throw new NoSuchEntryException("There is no grant " + grantId + "; 'peerdesk grants' lists them.");
        }
        withdraw(revoked);
    }

    @Override
    public List<Grant> forget(PeerId peer) throws PermissionException {
        List<Grant> ended = grants.stream().filter(grant -> grant.peer().equals(peer)).toList();
        boolean blocked = trust.get(peer) == TrustState.BLOCKED;
        write(connection -> {
            for (Grant grant : ended) {
                GrantRows.delete(connection, grant.id());
                audit.append(connection, Event.REVOKED, Optional.of(peer), grant.resource().toString(), describe(grant) + ", peer forgotten");
            }
            if (!blocked) {
                TrustRows.clear(connection, peer);
                audit.append(connection, Event.TRUST_CHANGED, Optional.of(peer), "", "forgotten: now a stranger");
            }
            return null;
        });
        grants.removeIf(grant -> grant.peer().equals(peer));
        if (!blocked) {
            trust.remove(peer);
        }
        leases.recheck(peer);
        try {
            surroundings.forget(peer);
        } catch (TransportException e) {
            throw new PermissionException("Its grants ended, but it is still a known peer: " + e.getMessage(), e);
        } finally {
            surroundings.accessChanged(Optional.of(peer));
        }
        return ended;
    }

    private void withdraw(Grant grant) {
        grants.removeIf(held -> held.id() == grant.id());
        leases.recheck(grant.peer());
        surroundings.accessChanged(Optional.of(grant.peer()));
    }

    /** Ends every grant whose time is up, closing the streams that needed it; run about once a second. */
    void expireDue() {
        Instant now = clock.instant();
        for (Grant grant : grants) {
            if (grant.activeAt(now)) {
                continue;
            }
            try {
                write(connection -> {
                    if (GrantRows.delete(connection, grant.id())) {
                        audit.append(connection, Event.EXPIRED, Optional.of(grant.peer()), grant.resource().toString(),
                                describe(grant));
                    }
                    return null;
                });
                withdraw(grant);
            } catch (PermissionException e) {
                LOG.log(Level.WARNING, "Could not end expired grant {0}: {1}", grant.id(), e.getMessage());
                leases.recheck(grant.peer());
            }
        }
    }

    @Override
    public boolean allows(PeerId peer, Resource resource, Right right) {
        Instant now = clock.instant();
        return !isBlocked(peer)
                && grants.stream().anyMatch(grant -> grant.peer().equals(peer) && grant.allows(resource, right, now));
    }

    @Override
    public StreamLease hold(PeerId peer, Resource resource, Right right) throws AccessDeniedException {
        if (!allows(peer, resource, right)) {
            String reason = "no grant of " + right.word() + " on " + resource;
            refuse(peer, resource.toString(), reason);
            throw new AccessDeniedException(peer.shortForm() + " has " + reason + ".");
        }
        return leases.open(peer, () -> allows(peer, resource, right));
    }

    @Override
    public void setPassword(GrantTerms terms, char[] password) throws PermissionException {
        GrantTerms checked = checked(terms);
        try {
            UnlockSecret.checkStrength(password);
        } catch (InvalidInputException e) {
            throw new PermissionException(e.getMessage(), e);
        }
        String secret = UnlockSecret.derive(password, self, checked.resource());
        Instant now = clock.instant();
        write(connection -> {
            PasswordRows.put(connection, checked, secret, now);
            audit.append(connection, Event.PASSWORD_SET, Optional.empty(), checked.resource().toString(),
                    "gives " + Right.format(checked.rights()));
            return null;
        });
        surroundings.accessChanged(Optional.empty());
    }

    @Override
    public void removePassword(Resource resource) throws PermissionException {
        boolean removed = write(connection -> {
            boolean deleted = PasswordRows.remove(connection, resource);
            if (deleted) {
                audit.append(connection, Event.PASSWORD_REMOVED, Optional.empty(), resource.toString(), "");
            }
            return deleted;
        });
        if (!removed) {
            throw new NoSuchEntryException("No password is set on " + resource + ".");
        }
        surroundings.accessChanged(Optional.empty());
    }

    @Override
    public List<PasswordGrant> passwords() throws PermissionException {
        return Sql.run(storage, PasswordRows::all);
    }

    Optional<PasswordRows.Stored> password(Resource resource) throws PermissionException {
        return Sql.run(storage, connection -> PasswordRows.find(connection, resource));
    }

    @Override
    public boolean invitesGrantMessages() {
        return invitesGrantMessages;
    }

    @Override
    public void setInvitesGrantMessages(boolean grant) throws PermissionException {
        write(connection -> {
            SettingRows.put(connection, SettingRows.INVITES_GRANT_MESSAGES, Boolean.toString(grant));
            return null;
        });
        invitesGrantMessages = grant;
    }

    @Override
    public void writeKept(Path into) throws PermissionException {
        KeptAccess kept = Sql.run(storage, connection -> new KeptAccess(PasswordRows.stored(connection).stream()
                .map(stored -> new KeptAccess.Password(stored.grant().terms(), stored.secret())).toList(),
                TrustRows.all(connection).entrySet().stream().filter(entry -> entry.getValue() == TrustState.BLOCKED).map(Map.Entry::getKey)
                        .sorted().toList(), invitesGrantMessages));
        try {
            kept.write(into);
        } catch (IOException e) {
            throw new PermissionException("Cannot write the access to keep into " + into + ": " + IoMessages.of(e), e);
        }
    }

    @Override
    public Optional<String> takeKept(Path from) throws PermissionException {
        Optional<KeptAccess> read;
        try {
            read = KeptAccess.read(from);
        } catch (IOException | InvalidInputException e) {
            throw new PermissionException("Cannot read the access kept in " + from + ": "
                    + (e instanceof IOException io ? IoMessages.of(io) : e.getMessage()), e);
        }
        if (read.isEmpty()) {
            return Optional.empty();
        }
        KeptAccess kept = read.get();
        int passwords = takePasswords(kept.passwords());
        int blocked = takeBlocks(kept.blocked());
        if (kept.invitesGrantMessages() != invitesGrantMessages) {
            setInvitesGrantMessages(kept.invitesGrantMessages());
        }
        List<String> took = new ArrayList<>();
        if (passwords > 0) {
            took.add(Counts.of(passwords, "password"));
        }
        if (blocked > 0) {
            took.add(Counts.of(blocked, "blocked peer"));
        }
        return took.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", took));
    }

    /** Sets each kept password on a resource that has none here; how many it set. */
    private int takePasswords(List<KeptAccess.Password> kept) throws PermissionException {
        int taken = 0;
        for (KeptAccess.Password password : kept) {
            if (password(password.terms().resource()).isEmpty()) {
                Instant now = clock.instant();
                write(connection -> {
                    PasswordRows.put(connection, password.terms(), password.secret(), now);
                    audit.append(connection, Event.PASSWORD_SET, Optional.empty(), password.terms().resource().toString(),
                            "gives " + Right.format(password.terms().rights()) + ", as the node whose place this one takes set it");
                    return null;
                });
                taken++;
            }
        }
        if (taken > 0) {
            surroundings.accessChanged(Optional.empty());
        }
        return taken;
    }

    /** Blocks each kept peer this node has not decided on; how many it blocked. */
    private int takeBlocks(List<PeerId> kept) throws PermissionException {
        int taken = 0;
        for (PeerId peer : kept) {
            if (!peer.equals(self) && !trust.containsKey(peer)) {
                setTrust(peer, TrustState.BLOCKED);
                taken++;
            }
        }
        return taken;
    }

    /** An identity was met on a newer machine: a change in which machine speaks as a peer, or as this node, for the audit log. */
    void identityMoved(IdentityMoved moved) {
        boolean own = moved.peer().equals(self);
        record(Event.MOVED, own ? Optional.empty() : Optional.of(moved.peer()), "", (own ? "this node's identity" : "its identity")
                + " runs on machine " + moved.machine() + " now, one that took its place from a backup; "
                + (own ? "peers refuse this machine" : "the machines it ran on before are refused"));
    }

    /**
     * A peer met this node's identity on another machine running at the same time, a copy of its data directory or of its
     * key, and refused one of the two; noted once an hour for each peer and machine, as a refused copy keeps dialing.
     */
    void twinSeen(TwinSeen seen) {
        if (twinsAudited.tryAcquire(seen.peer() + " " + seen.other().host() + " " + seen.thisMachineRefused())) {
            record(Event.TWIN, Optional.of(seen.peer()), "", "met this node's identity on another machine too, running at the same"
                    + " time at " + seen.other().shown() + ", and refused " + (seen.thisMachineRefused() ? "this one" : "that one")
                    + "; a copy of this node's data directory, or of its key, runs there");
        }
    }

    /** This node met a peer's identity on two machines running at once, and refused the second; noted as {@link #twinSeen}. */
    void twinRefused(TwinRefused refused) {
        if (twinsAudited.tryAcquire(refused.peer() + " " + refused.refused().host())) {
            record(Event.TWIN, Optional.of(refused.peer()), "", "its identity ran on two machines at the same time: kept the one at "
                    + refused.kept().shown() + ", connected first, and refused the one at " + refused.refused().shown()
                    + ", a copy of its data directory or of its key");
        }
    }

    /** A peer was introduced by an invite: it is trusted and, unless turned off, may message. */
    void introducedByInvite(PeerId peer) throws PermissionException {
        if (trust.containsKey(peer) && trust.get(peer) != TrustState.TRUSTED) {
            setTrust(peer, TrustState.TRUSTED);
        }
        if (invitesGrantMessages && !allows(peer, Resource.MESSAGES, Right.MESSAGE)) {
            grant(peer, GrantTerms.of(Resource.MESSAGES, java.util.EnumSet.of(Right.MESSAGE)), Grant.Origin.INVITE);
        }
    }

    @Override
    public void reportRefusal(PeerId peer, Resource resource, String reason) {
        auditRefusal(peer, resource.toString(), reason);
    }

    @Override
    public AuditReport audit(int limit) throws PermissionException {
        return Sql.run(storage, connection -> audit.report(connection, limit));
    }

    /** Writes an audit entry on its own; failures are logged, never thrown at the caller. */
    void record(Event event, Optional<PeerId> peer, String resource, String detail) {
        try {
            surroundings.audited(write(connection -> audit.append(connection, event, peer, resource, detail)));
        } catch (PermissionException e) {
            LOG.log(Level.WARNING, "Could not write to the audit log ({0} {1}): {2}", event, resource, e.getMessage());
        }
    }

    /** Runs a writing transaction, one at a time, so that audit entries chain in order. */
    <T> T write(SqlWork<T> work) throws PermissionException {
        synchronized (writing) {
            return Sql.run(storage, work);
        }
    }

    /** For the request and unlock services, which append entries inside their own {@link #write} transactions. */
    AuditLog auditLog() {
        return audit;
    }

    int openLeases() {
        return leases.open();
    }
}
