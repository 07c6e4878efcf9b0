package org.peerdesk.identity.core;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.component.annotations.Component;
import org.peerdesk.identity.IdentityException;
import org.peerdesk.identity.KeyLock;

/**
 * Where the node's identity finds the passphrase of its key: given through {@link #unlock} by a
 * program that asked its user, or else in {@code PEERDESK_PASSPHRASE}. Registered as its own class
 * too, for {@link LocalIdentity}; outside this bundle only {@link KeyLock} is seen.
 */
@Component(service = {KeyLock.class, KeyLocks.class})
public final class KeyLocks implements KeyLock {

    static final String PASSPHRASE_VARIABLE = "PEERDESK_PASSPHRASE";

    private final Optional<String> environment;
    /** The identity folders this process opened: an identity set to be taken at the next start is taken at the first. */
    private final Set<Path> opened = ConcurrentHashMap.newKeySet();
    /** By the identity folder's absolute path: a passphrase checked and not yet taken. */
    private final Map<Path, char[]> given = new ConcurrentHashMap<>();

    public KeyLocks() {
        this(Optional.ofNullable(System.getenv(PASSPHRASE_VARIABLE)));
    }

    KeyLocks(Optional<String> environment) {
        this.environment = environment.filter(passphrase -> !passphrase.isEmpty());
    }

    @Override
    public boolean locked(Path dataDirectory) throws IdentityException {
        IdentityStore store = store(dataDirectory);
        return store.exists() && store.isProtected() && environment.isEmpty() && !given.containsKey(folder(dataDirectory));
    }

    @Override
    public void unlock(Path dataDirectory, char[] passphrase) throws IdentityException {
        try {
            store(dataDirectory).load(Optional.of(passphrase));
            char[] previous = given.put(folder(dataDirectory), passphrase.clone());
            if (previous != null) {
                Arrays.fill(previous, '\0');
            }
        } finally {
            Arrays.fill(passphrase, '\0');
        }
    }

    /** The passphrase for the key of the node in {@code dataDirectory}, if one was given; a passphrase given by {@link #unlock} is handed out once. */
    Optional<char[]> take(Path dataDirectory) {
        char[] unlocked = given.remove(folder(dataDirectory));
        return unlocked != null ? Optional.of(unlocked) : environment.map(String::toCharArray);
    }

    /**
     * The identity of the node in {@code dataDirectory}. The first time in this process, an identity set to take the place
     * of the node's own ({@link WaitingIdentity}) takes it: before the node asks for a passphrase or opens its key.
     */
    IdentityStore store(Path dataDirectory) throws IdentityException {
        Path folder = folder(dataDirectory);
        if (opened.add(folder) && WaitingIdentity.takeIfWaiting(folder, Clock.systemUTC())) {
            System.getLogger(KeyLocks.class.getName()).log(System.Logger.Level.INFO, "This node took the identity set for it at its"
                    + " last run (it takes a lost node's place); the one it had is kept beside it in {0}", folder.getParent());
        }
        return new IdentityStore(folder, Clock.systemUTC());
    }

    private static Path folder(Path dataDirectory) {
        return dataDirectory.toAbsolutePath().normalize().resolve(LocalIdentity.FOLDER);
    }
}
