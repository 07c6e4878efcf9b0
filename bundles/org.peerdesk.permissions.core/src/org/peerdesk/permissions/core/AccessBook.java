package org.peerdesk.permissions.core;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.peerdesk.core.InvalidInputException;
import org.peerdesk.core.PeerId;
import org.peerdesk.permissions.AccessRequest;
import org.peerdesk.permissions.AccessRequest.Direction;
import org.peerdesk.permissions.AccessRequest.State;
import org.peerdesk.permissions.Approval;
import org.peerdesk.permissions.AuditEntry.Event;
import org.peerdesk.permissions.Grant;
import org.peerdesk.permissions.GrantTerms;
import org.peerdesk.permissions.NoSuchEntryException;
import org.peerdesk.permissions.PermissionException;
import org.peerdesk.permissions.Right;
import org.peerdesk.permissions.TrustState;
import org.peerdesk.permissions.core.AccessMessages.Answer;
import org.peerdesk.permissions.core.AccessMessages.Ask;
import org.peerdesk.permissions.core.AccessMessages.Message;

/**
 * Access requests in plain Java: what the asker stores and sends, what the owner accepts from the
 * wire (rate-limited, checked, audited), decisions, and delivery of whatever the other side has
 * not yet received, retried whenever that peer connects.
 */
final class AccessBook {

    private static final Logger LOG = System.getLogger(AccessBook.class.getName());
    static final int MAX_PENDING_PER_PEER = 20;

    /** Sends one message to a peer and returns its refusal, if it refused; knows which peers are connected, and as whom. */
    interface Messenger {
        Optional<String> send(PeerId peer, Message message) throws PermissionException;

        boolean online(PeerId peer);

        /** The name a connected peer gave for itself; empty when it is not connected or gave none. */
        Optional<String> selfName(PeerId peer);
    }

    /** What the book tells the rest of the node. */
    interface Listener {
        void requestChanged(AccessRequest request);

        /** A stranger whose request was approved becomes a known peer; {@code askerName} is the name it asked by. */
        void approvedStranger(PeerId peer, Optional<String> askerName);
    }

    private final Permissions permissions;
    private final Clock clock;
    private final Messenger messenger;
    private final Listener listener;
    private final RateLimiter<PeerId> incoming;

    AccessBook(Permissions permissions, Clock clock, Messenger messenger, Listener listener) {
        this.permissions = permissions;
        this.clock = clock;
        this.messenger = messenger;
        this.listener = listener;
        this.incoming = new RateLimiter<>(5, Duration.ofSeconds(10), clock);
    }

    AccessRequest request(PeerId owner, GrantTerms terms, String note) throws PermissionException {
        if (owner.equals(permissions.self())) {
            throw new PermissionException("This node owns what it has; ask another peer.");
        }
        GrantTerms checked = checked(terms);
        String cleanNote = note == null ? "" : note.strip();
        if (cleanNote.length() > AccessRequest.MAX_NOTE) {
            throw new PermissionException("A note is at most " + AccessRequest.MAX_NOTE + " characters.");
        }
        Instant now = clock.instant();
        AccessRequest stored = permissions.write(connection -> {
            AccessRequest inserted = RequestRows.insert(connection, UUID.randomUUID().toString(), Direction.OUTGOING, owner,
                    checked, cleanNote, Optional.empty(), now);
            permissions.auditLog().append(connection, Event.ASKED, Optional.of(owner), checked.resource().toString(),
                    "asked for " + Right.format(checked.rights()));
            return inserted;
        });
        listener.requestChanged(stored);
        deliver(stored);
        return stored;
    }

    List<AccessRequest> requests() throws PermissionException {
        return Sql.run(permissions.storage(), RequestRows::all);
    }

    /** Takes a message a peer sent; returns why it was refused, if it was. */
    Optional<String> received(PeerId from, Message message) {
        try {
            return switch (message) {
                case Ask ask -> asked(from, ask);
                case Answer answer -> answered(from, answer);
            };
        } catch (PermissionException e) {
            LOG.log(Level.WARNING, "Could not take an access message from {0}: {1}", from.shortForm(), e.getMessage());
            return Optional.of("the request could not be stored; try again later");
        }
    }

    private Optional<String> asked(PeerId from, Ask ask) throws PermissionException {
        if (!incoming.tryAcquire(from)) {
            return Optional.of("too many requests; wait a minute before asking again");
        }
        Instant now = clock.instant();
        boolean stranger = permissions.trust(from).isEmpty();
        Optional<String> askerName = messenger.selfName(from);
        Taken taken = permissions.write(connection -> {
            if (RequestRows.find(connection, Direction.INCOMING, from, ask.reference()).isPresent()) {
                return Taken.ALREADY;
            }
            if (RequestRows.pendingFrom(connection, from) >= MAX_PENDING_PER_PEER) {
                return new Taken(Optional.of("you already have " + MAX_PENDING_PER_PEER + " requests waiting for an answer"),
                        Optional.empty());
            }
            AccessRequest stored = RequestRows.insert(connection, ask.reference(), Direction.INCOMING, from, ask.terms(), ask.note(),
                    askerName, now);
            permissions.auditLog().append(connection, Event.REQUESTED, Optional.of(from), ask.terms().resource().toString(),
                    "request " + stored.id() + ": " + Right.format(ask.terms().rights())
                            + (ask.note().isEmpty() ? "" : " (\"" + ask.note() + "\")"));
            return new Taken(Optional.empty(), Optional.of(stored));
        });
        if (taken.stored().isPresent()) {
            if (stranger) {
                permissions.setTrust(from, TrustState.PENDING);
            }
            listener.requestChanged(taken.stored().get());
        }
        return taken.refusal();
    }

    /** What became of a request from the wire: refused with a reason, stored, or already had. */
    private record Taken(Optional<String> refusal, Optional<AccessRequest> stored) {
        static final Taken ALREADY = new Taken(Optional.empty(), Optional.empty());
    }

    private Optional<String> answered(PeerId from, Answer answer) throws PermissionException {
        Instant now = clock.instant();
        Optional<AccessRequest> updated = permissions.write(connection -> {
            Optional<AccessRequest> mine = RequestRows.find(connection, Direction.OUTGOING, from, answer.reference());
            if (mine.isEmpty() || mine.get().state() != State.PENDING) {
                return mine.map(unused -> Optional.<AccessRequest>empty()).orElse(null);
            }
            RequestRows.decide(connection, mine.get().id(), answer.approved() ? State.APPROVED : State.DENIED,
                    answer.granted(), now, true);
            permissions.auditLog().append(connection, Event.ANSWERED, Optional.of(from), mine.get().asked().resource().toString(),
                    answer.approved() ? "approved: " + Right.format(answer.granted().orElseThrow().rights()) : "denied");
            return RequestRows.find(connection, mine.get().id());
        });
        if (updated == null) {
            return Optional.of("this node has no request of that reference to you");
        }
        updated.ifPresent(listener::requestChanged);
        return Optional.empty();
    }

    synchronized AccessRequest approve(long id, Approval approval) throws PermissionException {
        AccessRequest request = pendingIncoming(id);
        GrantTerms terms;
        try {
            terms = approval.applyTo(request.asked());
        } catch (InvalidInputException e) {
            throw new PermissionException(e.getMessage(), e);
        }
        if (permissions.trust(request.peer()).equals(Optional.of(TrustState.PENDING))) {
            listener.approvedStranger(request.peer(), request.askerName());
            permissions.setTrust(request.peer(), TrustState.TRUSTED);
        }
        Grant grant = permissions.grant(request.peer(), terms, Grant.Origin.REQUEST);
        return decide(request, State.APPROVED, Optional.of(terms), "request " + id + " approved as " + Permissions.describe(grant));
    }

    /**
     * Answers the requests waiting from {@code peer} that its grants now give in full (a grant made
     * directly while the request waited, or one the peer held when it asked): they are approved as they
     * were asked, and the peer is told, so that nothing waits for a decision already made.
     */
    synchronized void answerCovered(PeerId peer) throws PermissionException {
        Instant now = clock.instant();
        List<Grant> held = permissions.grants().stream().filter(grant -> grant.peer().equals(peer) && grant.activeAt(now)).toList();
        if (held.isEmpty()) {
            return;
        }
        for (AccessRequest request : requests()) {
            if (request.direction() != Direction.INCOMING || !request.peer().equals(peer) || request.state() != State.PENDING) {
                continue;
            }
            List<Grant> covering = covering(request.asked(), held);
            if (!covering.isEmpty()) {
                decide(request, State.APPROVED, Optional.of(request.asked()), "request " + request.id() + " approved: already given by "
                        + covering.stream().map(grant -> "grant " + grant.id()).collect(Collectors.joining(", ")));
            }
        }
    }

    /**
     * The grants that together give everything {@code asked} names (the resource or more, every right,
     * for as long and with as much room), or none when they fall short in anything.
     */
    static List<Grant> covering(GrantTerms asked, List<Grant> held) {
        List<Grant> fitting = held.stream()
                .filter(grant -> grant.resource().covers(asked.resource()) && lastsAsLong(grant, asked) && holdsAsMuch(grant, asked)
                        && !Collections.disjoint(grant.rights(), asked.rights()))
                .toList();
        Set<Right> given = EnumSet.noneOf(Right.class);
        fitting.forEach(grant -> given.addAll(grant.rights()));
        return given.containsAll(asked.rights()) ? fitting : List.of();
    }

    private static boolean lastsAsLong(Grant grant, GrantTerms asked) {
        return grant.expires().isEmpty() || asked.expires().isPresent() && !grant.expires().get().isBefore(asked.expires().get());
    }

    private static boolean holdsAsMuch(Grant grant, GrantTerms asked) {
        return grant.quotaBytes().isEmpty() || asked.quotaBytes().isPresent() && grant.quotaBytes().getAsLong() >= asked.quotaBytes().getAsLong();
    }

    synchronized AccessRequest deny(long id) throws PermissionException {
        AccessRequest request = pendingIncoming(id);
        return decide(request, State.DENIED, Optional.empty(), "request " + id + " denied");
    }

    private AccessRequest pendingIncoming(long id) throws PermissionException {
        AccessRequest request = Sql.run(permissions.storage(), connection -> RequestRows.find(connection, id))
                .filter(found -> found.direction() == Direction.INCOMING)
                .orElseThrow(() -> new NoSuchEntryException("There is no incoming request " + id + "; 'peerdesk requests' lists them."));
        if (request.state() != State.PENDING) {
            throw new PermissionException("Request " + id + " was already " + request.state().word() + ".");
        }
        return request;
    }

    private AccessRequest decide(AccessRequest request, State state, Optional<GrantTerms> granted, String detail)
            throws PermissionException {
        Instant now = clock.instant();
        AccessRequest decided = permissions.write(connection -> {
            RequestRows.decide(connection, request.id(), state, granted, now, false);
            permissions.auditLog().append(connection, state == State.APPROVED ? Event.APPROVED : Event.DENIED,
                    Optional.of(request.peer()), request.asked().resource().toString(), detail);
            return RequestRows.find(connection, request.id()).orElseThrow();
        });
        listener.requestChanged(decided);
        deliver(decided);
        return decided;
    }

    /** Sends whatever {@code peer} has not yet received; called when it connects. */
    void flush(PeerId peer) {
        try {
            for (AccessRequest request : Sql.run(permissions.storage(), connection -> RequestRows.undelivered(connection, peer))) {
                deliver(request);
            }
        } catch (PermissionException e) {
            LOG.log(Level.WARNING, "Could not look up what {0} is owed: {1}", peer.shortForm(), e.getMessage());
        }
    }

    private void deliver(AccessRequest request) {
        if (!messenger.online(request.peer())) {
            return;
        }
        Message message = request.direction() == Direction.OUTGOING
                ? new Ask(request.reference(), request.asked(), request.note())
                : new Answer(request.reference(), request.state() == State.APPROVED, request.granted());
        try {
            Optional<String> refusal = messenger.send(request.peer(), message);
            refusal.ifPresent(reason -> LOG.log(Level.INFO, "{0} refused access message {1}: {2}",
                    request.peer().shortForm(), request.id(), reason));
            boolean askRefused = refusal.isPresent() && request.direction() == Direction.OUTGOING;
            Instant now = clock.instant();
            Optional<AccessRequest> denied = permissions.write(connection -> {
                if (askRefused) {
                    RequestRows.decide(connection, request.id(), State.DENIED, Optional.empty(), now, true);
                    permissions.auditLog().append(connection, Event.ANSWERED, Optional.of(request.peer()),
                            request.asked().resource().toString(), "refused: " + refusal.get());
                    return RequestRows.find(connection, request.id());
                }
                RequestRows.delivered(connection, request.id());
                return Optional.<AccessRequest>empty();
            });
            denied.ifPresent(listener::requestChanged);
        } catch (PermissionException e) {
            LOG.log(Level.INFO, "Access message {0} to {1} will be sent again when it connects: {2}", request.id(),
                    request.peer().shortForm(), e.getMessage());
        }
    }

    private static GrantTerms checked(GrantTerms terms) throws PermissionException {
        try {
            return terms.checked();
        } catch (InvalidInputException e) {
            throw new PermissionException(e.getMessage(), e);
        }
    }
}
