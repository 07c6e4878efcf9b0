package org.peerdesk.permissions.core;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.bouncycastle.crypto.CryptoException;
import org.peerdesk.core.InvalidInputException;
import org.peerdesk.core.PeerId;
import org.peerdesk.permissions.AccessDeniedException;
import org.peerdesk.permissions.AuditEntry.Event;
import org.peerdesk.permissions.Grant;
import org.peerdesk.permissions.GrantTerms;
import org.peerdesk.permissions.PermissionException;
import org.peerdesk.permissions.Resource;
import org.peerdesk.permissions.Right;
import org.peerdesk.transport.ProtocolId;

/**
 * Password grants over {@code /peerdesk/unlock/1}. The asker names a resource; the owner answers
 * whether it may try now (a password is set, no lock-out is running); then both run J-PAKE on the
 * secret derived from the password, the asker confirms first, and the owner answers with the
 * verdict and, on success, its own confirmation and the grant's terms.
 */
final class Unlocking {

    static final ProtocolId PROTOCOL = ProtocolId.of("/peerdesk/unlock/1");
    private static final Logger LOG = System.getLogger(Unlocking.class.getName());
    private static final int GO = 0;
    private static final int CANNOT = 1;
    private static final int OK = 0;
    private static final int WRONG = 1;

    private final Permissions permissions;
    private final AttemptLimiter failures;
    private final RateLimiter<PeerId> attempts;

    Unlocking(Permissions permissions, Clock clock) {
        this.permissions = permissions;
        this.failures = new AttemptLimiter(clock, 5, Duration.ofMinutes(15), keptFailures(permissions),
                counts -> keep(permissions, counts));
        this.attempts = new RateLimiter<>(10, Duration.ofSeconds(6), clock);
    }

    private static List<AttemptLimiter.Count> keptFailures(Permissions permissions) {
        try {
            return permissions.write(FailureRows::all);
        } catch (PermissionException e) {
            LOG.log(Level.WARNING, "Wrong passwords counted before this start could not be read; counting starts over: {0}",
                    e.getMessage());
            return List.of();
        }
    }

    private static void keep(Permissions permissions, List<AttemptLimiter.Count> counts) {
        try {
            permissions.write(connection -> FailureRows.keep(connection, counts));
        } catch (PermissionException e) {
            LOG.log(Level.WARNING, "Wrong passwords are counted, but only until the node stops: {0}", e.getMessage());
        }
    }

    /** The peers (or resources) locked out after too many wrong passwords, as long as that lasts. */
    List<AttemptLimiter.LockOut> lockOuts() {
        return failures.lockOuts();
    }

    /** The owner's side of one attempt. */
    void serve(PeerId asker, DataInputStream in, DataOutputStream out) throws IOException {
        Resource resource;
        try {
            resource = Resource.parse(in.readUTF());
        } catch (InvalidInputException e) {
            status(out, CANNOT, e.getMessage());
            return;
        }
        String name = resource.toString();
        if (!attempts.tryAcquire(asker)) {
            status(out, CANNOT, "too many attempts; wait a minute");
            return;
        }
        Optional<AttemptLimiter.Wait> wait = failures.waitBefore(asker, name);
        if (wait.isPresent()) {
            status(out, CANNOT, (wait.get().lockedOut() ? "too many wrong passwords" : "the last password given was wrong")
                    + "; try again in " + seconds(wait.get().left()));
            return;
        }
        Optional<PasswordRows.Stored> password;
        try {
            password = permissions.password(resource);
        } catch (PermissionException e) {
            status(out, CANNOT, "passwords cannot be checked now");
            return;
        }
        if (password.isEmpty()) {
            status(out, CANNOT, "no password is set on " + name);
            return;
        }
        status(out, GO, "");
        PasswordExchange exchange = new PasswordExchange(permissions.self().toHex(), asker.toHex(),
                password.get().secret().toCharArray(), in, out);
        try {
            exchange.agree();
            exchange.checkConfirmation();
        } catch (CryptoException e) {
            LOG.log(Level.DEBUG, "{0} gave a wrong password for {1}: {2}", asker.shortForm(), name, e.getMessage());
            String verdict = failed(asker, name);
            out.writeByte(WRONG);
            out.writeUTF(verdict);
            out.flush();
            return;
        }
        failures.succeeded(asker, name);
        GrantTerms terms = password.get().grant().terms();
        try {
            if (!terms.rights().stream().allMatch(right -> permissions.allows(asker, resource, right))) {
                permissions.grant(asker, terms, Grant.Origin.PASSWORD);
            }
            permissions.record(Event.UNLOCKED, Optional.of(asker), name, "proved the password; " + Right.format(terms.rights()));
        } catch (PermissionException e) {
            LOG.log(Level.WARNING, "{0} proved the password on {1}, but the grant failed: {2}", asker.shortForm(), name,
                    e.getMessage());
            out.writeByte(WRONG);
            out.writeUTF("the password was right, but the grant could not be stored; try again");
            out.flush();
            return;
        }
        out.writeByte(OK);
        out.writeUTF("");
        exchange.sendConfirmation();
        out.writeUTF(Right.format(terms.rights()));
        out.flush();
    }

    private String failed(PeerId asker, String resource) {
        boolean locked = failures.failed(asker, resource);
        Duration wait = failures.waitBefore(asker, resource).map(AttemptLimiter.Wait::left).orElse(Duration.ZERO);
        permissions.record(locked ? Event.LOCKED_OUT : Event.UNLOCK_FAILED, Optional.of(asker), resource,
                locked ? "wrong password; locked out for " + seconds(wait) : "wrong password");
        return locked ? "wrong password; too many tries, so this node is locked out of " + resource + " for " + seconds(wait)
                : "wrong password; try again in " + seconds(wait);
    }

    /**
     * The asker's side: proves knowing the password the owner set on {@code resource}; returns the
     * rights the owner granted.
     */
    static String prove(PeerId me, PeerId owner, Resource resource, char[] password, DataInputStream in, DataOutputStream out)
            throws IOException, PermissionException {
        out.writeUTF(resource.toString());
        out.flush();
        if (in.readUnsignedByte() != GO) {
            throw new AccessDeniedException("The owner would not take a password: " + in.readUTF() + ".");
        }
        in.readUTF();
        char[] secret = UnlockSecret.derive(password, owner, resource).toCharArray();
        PasswordExchange exchange = new PasswordExchange(me.toHex(), owner.toHex(), secret, in, out);
        try {
            exchange.agree();
            exchange.sendConfirmation();
            int verdict = in.readUnsignedByte();
            String reason = in.readUTF();
            if (verdict != OK) {
                throw new AccessDeniedException("The owner refused: " + reason + ".");
            }
            exchange.checkConfirmation();
        } catch (CryptoException e) {
            throw new AccessDeniedException("The password exchange failed: " + e.getMessage() + ".");
        }
        return in.readUTF();
    }

    private static String seconds(Duration wait) {
        long seconds = Math.max(1, wait.toSeconds() + (wait.toMillisPart() > 0 ? 1 : 0));
        return seconds >= 120 ? (seconds + 59) / 60 + " minutes" : seconds + " s";
    }

    private static void status(DataOutputStream out, int status, String reason) throws IOException {
        out.writeByte(status);
        out.writeUTF(reason);
        out.flush();
    }
}
