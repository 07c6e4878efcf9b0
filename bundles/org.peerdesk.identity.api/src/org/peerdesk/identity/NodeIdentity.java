package org.peerdesk.identity;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Optional;

import javax.net.ssl.X509KeyManager;

import org.osgi.annotation.versioning.ProviderType;
import org.peerdesk.core.PeerId;

/**
 * This node's identity: an Ed25519 key pair, a self-signed certificate for it, the {@link PeerId}
 * derived from its public key, and the name it shows to other peers.
 *
 * <p>Thread-safe; no method blocks on the network. {@link #rename} writes to disk.
 */
@ProviderType
public interface NodeIdentity {

    int MAX_NAME_LENGTH = 64;

    /** Makes a secret the first time {@link #secret} is asked for it. */
    @FunctionalInterface
    interface SecretMaker {
        byte[] make() throws Exception;
    }

    /** {@code name} without surrounding blanks, if it is a name a node may have: one line of 1 to {@value #MAX_NAME_LENGTH} characters. */
    static String checkedName(String name) throws IdentityException {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty()) {
            throw new IdentityException("A node's name cannot be empty.");
        }
        if (trimmed.length() > MAX_NAME_LENGTH || trimmed.chars().anyMatch(Character::isISOControl)) {
            throw new IdentityException("A node's name is one line of at most " + MAX_NAME_LENGTH + " characters.");
        }
        return trimmed;
    }

    PeerId peerId();

    /** The name other peers see; the user chooses it. */
    String displayName();

    /**
     * Whether the user chose the {@link #displayName()}; until then it is a default made from who runs the
     * node and where (such as "ana on laptop"), which a desktop invites the user to change.
     */
    boolean named();

    /**
     * The certificate that this node presents in TLS; its public key defines the {@link #peerId()}. It is this start's
     * own ({@link MachineRun}): the stored certificate's dates and machine, with a serial number of its own.
     */
    X509Certificate certificate();

    /**
     * Which machine, in turn, this node's identity runs on ({@link MachineSuccession}): 0 on the one it was made on, one
     * more on each that took its place.
     */
    default int succession() {
        return MachineSuccession.of(certificate());
    }

    /** Presents this node's certificate in a TLS handshake. Meant for transports. */
    X509KeyManager keyManager();

    /** Signs {@code data} with this node's private key (Ed25519). */
    byte[] sign(byte[] data) throws IdentityException;

    /**
     * Changes the display name, keeps it for the next start, and tells the node
     * ({@link org.peerdesk.identity.event.IdentityTopics#RENAMED}).
     *
     * @throws IdentityException if the name is not one {@link #checkedName} takes, or cannot be saved
     */
    void rename(String displayName) throws IdentityException;

    /** Whether the private key on disk is protected by a passphrase. */
    boolean passphraseProtected() throws IdentityException;

    /**
     * Whether {@code passphrase} is the one that protects the key: what a program asks before it
     * shows a secret to whoever sits at the machine. The array is cleared afterwards.
     */
    boolean isPassphrase(char[] passphrase) throws IdentityException;

    /**
     * Protects the private key on disk with {@code passphrase} (from then on the node needs it to
     * start), changes it, or with an empty passphrase removes it. The array is cleared afterwards.
     */
    void protect(char[] passphrase) throws IdentityException;

    /**
     * Keeps {@code value} with the node's identity as {@code name} (none: keeps nothing there any more). For what belongs
     * with the node wherever it goes, as what its peers know it by does: an area's key (messaging's for sealed mail), the
     * mailbox it named to them. Kept in the identity's folder, readable by its owner only and not encrypted by the
     * passphrase, where {@link #writeIdentity} takes it too, so that a node that takes this one's place has it.
     *
     * @param name a word of lower-case letters, digits and dashes, unique on the node
     */
    void keep(String name, Optional<byte[]> value) throws IdentityException;

    /** What is kept with the identity as {@code name} ({@link #keep}); empty where nothing is. */
    Optional<byte[]> kept(String name) throws IdentityException;

    /**
     * A secret kept with the identity as {@code name} ({@link #keep}): made by {@code make} and kept the first time.
     *
     * @throws IdentityException if {@code make} fails, or the secret cannot be kept or read
     */
    byte[] secret(String name, SecretMaker make) throws IdentityException;

    /**
     * Writes this node's identity files into {@code into} (made if absent, readable by its owner only) as they are kept:
     * the key (encrypted where a passphrase protects it), the certificate, the name its user gave it and what the areas
     * {@linkplain #keep keep} with it. What a backup keeps so that a new machine can take this node's place
     * ({@link #takeOverAtNextStart}).
     */
    void writeIdentity(Path into) throws IdentityException;

    /** What the identity files {@link #writeIdentity} wrote into {@code folder} are. */
    KeptIdentity readIdentity(Path folder) throws IdentityException;

    /**
     * Makes the identity whose files {@link #writeIdentity} wrote into {@code folder} (on a node lost with its machine)
     * this node's, from the next time it starts; the one it has now is then set aside in the data directory. Not at
     * once: every connection is made with the key, and every area knows the node by its ID. The key and the certificate
     * are checked to belong together first, the key opened with {@code passphrase} where one protects it (the array is
     * cleared afterwards); the node asks for that passphrase again when it starts. The certificate it will present says the
     * next {@link MachineSuccession}, so that peers that see it refuse the machine the identity ran on before.
     *
     * @throws IdentityException if the files are damaged or missing, or the key is protected and {@code passphrase} is
     *         absent or does not open it; nothing changes then
     */
    KeptIdentity takeOverAtNextStart(Path folder, Optional<char[]> passphrase) throws IdentityException;
}
