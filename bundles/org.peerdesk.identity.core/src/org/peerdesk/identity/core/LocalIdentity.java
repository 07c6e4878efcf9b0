package org.peerdesk.identity.core;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.X509KeyManager;

import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.peerdesk.core.PeerId;
import org.peerdesk.core.Topics;
import org.peerdesk.identity.IdentityException;
import org.peerdesk.identity.KeptIdentity;
import org.peerdesk.identity.NodeIdentity;
import org.peerdesk.identity.event.IdentityTopics;
import org.peerdesk.identity.event.KeyProtectionChanged;
import org.peerdesk.identity.event.Renamed;
import org.peerdesk.storage.DataDirectory;

/**
 * This node's identity, created on the first start and read from the data directory after that.
 * A passphrase-protected key is opened with the passphrase the user gave ({@link KeyLocks}).
 */
@Component(service = NodeIdentity.class)
public final class LocalIdentity implements NodeIdentity {

    /** The identity's folder in the data directory. */
    static final String FOLDER = "identity";
    private static final Pattern KEPT_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

    private final IdentityStore store;
    private final IdentityStore.KeyMaterial material;
    /** What this start presents: the stored certificate as this run's own ({@link org.peerdesk.identity.MachineRun}). */
    private final X509Certificate presented;
    /** Bouncy Castle's Ed25519 signs several times faster than the JDK's, which counts for every message sent. */
    private final Ed25519PrivateKeyParameters signingKey;
    private final PeerId peerId;
    private final X509KeyManager keyManager;
    private final KeptValues keptValues;
    private volatile String displayName;
    private volatile boolean named;
    /** Told of a new name; absent in tools and tests, and while the node starts. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile EventAdmin events;

    @Activate
    public LocalIdentity(@Reference DataDirectory directory, @Reference KeyLocks locks) throws IdentityException {
        this(locks.store(directory.path()), locks.take(directory.path()), defaultName(directory.path()));
    }

    /**
     * An identity kept in {@code folder}, created there if absent, as a node starting with it has it (one set to take its
     * place by {@link #takeOverAtNextStart} takes it); for tools and tests that need several.
     */
    public static LocalIdentity inFolder(Path folder) throws IdentityException {
        WaitingIdentity.takeIfWaiting(folder, Clock.systemUTC());
        return new LocalIdentity(new IdentityStore(folder, Clock.systemUTC()), Optional.empty(), defaultName(folder));
    }

    LocalIdentity(IdentityStore store, Optional<char[]> passphrase) throws IdentityException {
        this(store, passphrase, defaultName(DataDirectory.defaultPath()));
    }

    /** {@code defaultName} is what the node is called until its user names it. */
    private LocalIdentity(IdentityStore store, Optional<char[]> passphrase, String defaultName) throws IdentityException {
        this.store = store;
        this.material = openOrCreate(store, passphrase);
        this.peerId = PeerId.ofPublicKey(material.keys().getPublic().getEncoded());
        this.presented = SelfSignedCertificates.forThisRun(material.keys(), material.certificate());
        this.keyManager = keyManagerFor(material.keys().getPrivate(), presented);
        this.signingKey = signingKey(material);
        this.keptValues = new KeptValues(signingKey.getEncoded());
        this.displayName = store.name().orElse(defaultName);
        this.named = store.name().isPresent();
    }

    private static IdentityStore.KeyMaterial openOrCreate(IdentityStore store, Optional<char[]> passphrase) throws IdentityException {
        try {
            return store.exists() ? store.load(passphrase) : store.create(Optional.empty());
        } finally {
            passphrase.ifPresent(given -> Arrays.fill(given, '\0'));
        }
    }

    private static Ed25519PrivateKeyParameters signingKey(IdentityStore.KeyMaterial material) throws IdentityException {
        try {
            return (Ed25519PrivateKeyParameters) PrivateKeyFactory.createKey(material.keys().getPrivate().getEncoded());
        } catch (IOException | ClassCastException e) {
            throw new IdentityException("This node's key is not a usable Ed25519 key: " + e.getMessage(), e);
        }
    }

    private static X509KeyManager keyManagerFor(PrivateKey key, X509Certificate certificate) throws IdentityException {
        char[] transientPassword = new char[0];
        try {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("node", key, transientPassword, new Certificate[] {certificate});
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(keys, transientPassword);
            for (KeyManager manager : factory.getKeyManagers()) {
                if (manager instanceof X509KeyManager x509) {
                    return x509;
                }
            }
            throw new IdentityException("The Java runtime offers no X.509 key manager");
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IdentityException("Cannot prepare this node's key for TLS: " + e.getMessage(), e);
        }
    }

    /**
     * Who runs the node, and where; with the name of its data directory unless that is the default
     * one, so that several nodes on one machine (trying Peerdesk out, or a backup node beside the
     * desktop) do not all look alike to their peers.
     */
    static String defaultName(Path dataDirectory) {
        String user = System.getProperty("user.name");
        String name;
        try {
            name = user + " on " + InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            name = user + "'s Peerdesk";
        }
        Path folder = dataDirectory.toAbsolutePath().normalize();
        boolean usual = folder.equals(DataDirectory.defaultPath().toAbsolutePath().normalize());
        String named = usual || folder.getFileName() == null ? name : name + " (" + folder.getFileName() + ")";
        // a name a node may have, as peers check it (a long host or folder name would make it one they drop)
        String line = named.replaceAll("\\p{Cntrl}", " ").strip();
        return line.length() <= NodeIdentity.MAX_NAME_LENGTH ? line : line.substring(0, NodeIdentity.MAX_NAME_LENGTH - 1) + "…";
    }

    @Override
    public PeerId peerId() {
        return peerId;
    }

    @Override
    public String displayName() {
        return displayName;
    }

    @Override
    public boolean named() {
        return named;
    }

    @Override
    public X509Certificate certificate() {
        return presented;
    }

    @Override
    public X509KeyManager keyManager() {
        return keyManager;
    }

    @Override
    public byte[] sign(byte[] data) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, signingKey);
        signer.update(data, 0, data.length);
        return signer.generateSignature();
    }

    @Override
    public synchronized void rename(String name) throws IdentityException {
        String checked = NodeIdentity.checkedName(name);
        store.saveName(checked);
        displayName = checked;
        named = true;
        post(IdentityTopics.RENAMED, new Renamed(checked));
    }

    private void post(String topic, Object data) {
        EventAdmin told = events;
        if (told != null) {
            told.postEvent(new Event(topic, Map.of(Topics.DATA, data)));
        }
    }

    @Override
    public boolean passphraseProtected() throws IdentityException {
        return store.isProtected();
    }

    @Override
    public boolean isPassphrase(char[] passphrase) throws IdentityException {
        try {
            return store.opens(passphrase);
        } finally {
            Arrays.fill(passphrase, '\0');
        }
    }

    @Override
    public synchronized void keep(String name, Optional<byte[]> value) throws IdentityException {
        store.keep(checkedKeptName(name), value.isPresent() ? Optional.of(keptValues.seal(name, value.get())) : Optional.empty());
    }

    /** The value kept as {@code name}; one kept in the clear by an earlier version is sealed as it is read. */
    @Override
    public synchronized Optional<byte[]> kept(String name) throws IdentityException {
        Optional<String> text = store.kept(checkedKeptName(name));
        if (text.isEmpty()) {
            return Optional.empty();
        }
        byte[] value = keptValues.open(name, text.get());
        if (!KeptValues.isSealed(text.get())) {
            keep(name, Optional.of(value));
        }
        return Optional.of(value);
    }

    @Override
    public synchronized byte[] secret(String name, SecretMaker make) throws IdentityException {
        Optional<byte[]> kept = kept(name);
        if (kept.isPresent()) {
            return kept.get();
        }
        byte[] made;
        try {
            made = make.make();
        } catch (Exception e) {
            throw new IdentityException("Cannot make the secret " + name + ": " + e.getMessage(), e);
        }
        keep(name, Optional.of(made));
        return made;
    }

    private static String checkedKeptName(String name) throws IdentityException {
        if (!KEPT_NAME.matcher(name).matches()) {
            throw new IdentityException("What is kept with the identity is named by a word of lower-case letters, digits and dashes,"
                    + " not '" + name + "'.");
        }
        return name;
    }

    @Override
    public synchronized void writeIdentity(Path into) throws IdentityException {
        store.copyTo(into);
    }

    @Override
    public KeptIdentity readIdentity(Path folder) throws IdentityException {
        return new IdentityStore(folder, Clock.systemUTC()).describe();
    }

    @Override
    public KeptIdentity takeOverAtNextStart(Path folder, Optional<char[]> passphrase) throws IdentityException {
        try {
            return WaitingIdentity.set(store.folder(), folder, passphrase, Clock.systemUTC());
        } finally {
            passphrase.ifPresent(given -> Arrays.fill(given, '\0'));
        }
    }

    @Override
    public synchronized void protect(char[] passphrase) throws IdentityException {
        boolean protecting = passphrase.length > 0;
        try {
            store.protect(material.keys().getPrivate(), passphrase);
        } finally {
            Arrays.fill(passphrase, '\0');
        }
        post(IdentityTopics.KEY_PROTECTION_CHANGED, new KeyProtectionChanged(protecting));
    }
}
