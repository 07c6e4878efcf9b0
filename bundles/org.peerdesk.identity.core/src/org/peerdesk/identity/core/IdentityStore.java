package org.peerdesk.identity.core;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.InputDecryptorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfoBuilder;
import org.bouncycastle.pkcs.PKCSException;
import org.peerdesk.core.IoMessages;
import org.peerdesk.core.PeerId;
import org.peerdesk.identity.IdentityException;
import org.peerdesk.identity.KeptIdentity;
import org.peerdesk.identity.MachineSuccession;

/**
 * The identity files in {@code <data directory>/identity}: the private key ({@code node.key},
 * PKCS#8, owner-only, encrypted with PBES2 (PBKDF2-HMAC-SHA256, AES-256) when the user set a passphrase), the certificate
 * ({@code node.crt}), the display name ({@code name.txt}) and what the areas keep with it ({@code NAME.kept}, sealed by
 * {@link KeptValues}).
 */
final class IdentityStore {

    record KeyMaterial(KeyPair keys, X509Certificate certificate) {
    }

    static final String KEY = "node.key";
    static final String CERTIFICATE = "node.crt";
    static final String NAME = "name.txt";
    private static final String KEPT = ".kept";

    private static final String PLAIN = "PRIVATE KEY";
    private static final String ENCRYPTED = "ENCRYPTED PRIVATE KEY";
    private static final int ITERATIONS = 310_000;
    /** Only for the key file (a few hundred bytes); bulk crypto stays with the JDK's faster providers. */
    private static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();

    private final Path folder;
    private final Clock clock;

    IdentityStore(Path folder, Clock clock) {
        this.folder = folder;
        this.clock = clock;
    }

    Path folder() {
        return folder;
    }

    boolean exists() {
        return Files.exists(folder.resolve(KEY));
    }

    boolean isProtected() throws IdentityException {
        return ENCRYPTED.equals(readPem(KEY).type());
    }

    /** Makes a new key pair and certificate and stores them, encrypted if a passphrase is given. */
    KeyMaterial create(Optional<char[]> passphrase) throws IdentityException {
        try {
            KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            X509Certificate certificate = SelfSignedCertificates.create(keys, clock.instant());
            KeyFiles.createPrivateDirectory(folder);
            writeKey(keys.getPrivate(), passphrase);
            writeCertificate(certificate);
            return new KeyMaterial(keys, certificate);
        } catch (GeneralSecurityException | IOException e) {
            throw new IdentityException("Cannot create this node's identity in " + folder + ": " + e.getMessage(), e);
        }
    }

    /**
     * Gives the identity {@code material} came from a certificate for the machine after the one it says
     * ({@link MachineSuccession}), in place of the one stored.
     */
    void succeed(KeyMaterial material) throws IdentityException {
        int next = MachineSuccession.of(material.certificate()) + 1;
        try {
            writeCertificate(SelfSignedCertificates.create(material.keys(), clock.instant(), next));
        } catch (GeneralSecurityException | IOException e) {
            throw new IdentityException("Cannot write the certificate in " + folder + ": " + e.getMessage(), e);
        }
    }

    private void writeCertificate(X509Certificate certificate) throws GeneralSecurityException, IOException {
        KeyFiles.writeSecret(folder.resolve(CERTIFICATE), KeyFiles.pem("CERTIFICATE", certificate.getEncoded()));
    }

    /**
     * Reads the stored identity and checks that key and certificate belong together.
     *
     * @param passphrase asked for only when the key is encrypted
     */
    KeyMaterial load(Optional<char[]> passphrase) throws IdentityException {
        KeyFiles.Pem key = readPem(KEY);
        try {
            if (!KeyFiles.isOwnerOnly(folder.resolve(KEY))) {
                throw new IdentityException("The identity key " + folder.resolve(KEY) + " can be read by other users. "
                        + "Make it private (chmod 600) and start again.");
            }
        } catch (IOException e) {
            throw new IdentityException("Cannot check " + folder.resolve(KEY) + ": " + e.getMessage(), e);
        }
        byte[] pkcs8 = switch (key.type()) {
            case PLAIN -> key.bytes();
            case ENCRYPTED -> decrypt(key.bytes(), passphrase.orElseThrow(() -> new IdentityException(
                    "This node's identity key is protected by a passphrase. Set PEERDESK_PASSPHRASE to it and start again.")));
            default -> throw new IdentityException(folder.resolve(KEY) + " does not hold a private key (found "
                    + key.type() + ").");
        };
        PrivateKey privateKey;
        try {
            privateKey = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
            throw new IdentityException(ENCRYPTED.equals(key.type())
                    ? "The passphrase does not open this node's identity key. Check it and try again."
                    : "The identity key " + folder.resolve(KEY) + " is damaged. Restore it from a backup; nothing was changed.", e);
        }
        try {
            X509Certificate certificate = readCertificate();
            KeyPair keys = new KeyPair(certificate.getPublicKey(), privateKey);
            checkPair(keys);
            return new KeyMaterial(keys, certificate);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IdentityException("This node's identity files in " + folder + " are damaged (" + e.getMessage()
                    + "). Restore them from a backup; nothing was changed.", e);
        }
    }

    /** The peer ID, the name and whether a passphrase protects the key, without opening the key. */
    KeptIdentity describe() throws IdentityException {
        try {
            return new KeptIdentity(PeerId.ofPublicKey(readCertificate().getPublicKey().getEncoded()), name(), isProtected());
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IdentityException("The certificate " + folder.resolve(CERTIFICATE) + " is damaged: " + e.getMessage(), e);
        }
    }

    /** Copies the files as they are kept (the key as stored, encrypted or not) into {@code into}, readable by their owner only. */
    void copyTo(Path into) throws IdentityException {
        try (Stream<Path> files = Files.list(folder)) {
            KeyFiles.createPrivateDirectory(into);
            List<String> kept = files.map(file -> file.getFileName().toString())
                    .filter(file -> file.equals(KEY) || file.equals(CERTIFICATE) || file.equals(NAME) || file.endsWith(KEPT)).toList();
            if (!kept.contains(KEY) || !kept.contains(CERTIFICATE)) {
                throw new NoSuchFileException(folder.resolve(kept.contains(KEY) ? CERTIFICATE : KEY).toString());
            }
            for (String file : kept) {
                KeyFiles.writeSecret(into.resolve(file), Files.readString(folder.resolve(file), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new IdentityException("Cannot copy the identity files of " + folder + " into " + into + ": " + IoMessages.of(e), e);
        }
    }

    /** Whether {@code passphrase} opens the stored key; never for a key stored plain. */
    boolean opens(char[] passphrase) throws IdentityException {
        KeyFiles.Pem key = readPem(KEY);
        if (!ENCRYPTED.equals(key.type())) {
            return false;
        }
        try {
            KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(decrypt(key.bytes(), passphrase)));
            return true;
        } catch (IdentityException | GeneralSecurityException e) {
            return false; // a wrong passphrase fails to decrypt, or (rarely) decrypts to bytes that are no key
        }
    }

    /** Encrypts the stored key with {@code passphrase}, or stores it plain when the passphrase is empty. */
    void protect(PrivateKey key, char[] passphrase) throws IdentityException {
        try {
            writeKey(key, passphrase.length == 0 ? Optional.empty() : Optional.of(passphrase));
        } catch (GeneralSecurityException | IOException e) {
            throw new IdentityException("Cannot store the identity key: " + e.getMessage(), e);
        }
    }

    Optional<String> name() throws IdentityException {
        try {
            return Optional.of(Files.readString(folder.resolve(NAME), StandardCharsets.UTF_8).strip())
                    .filter(name -> !name.isEmpty());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new IdentityException("Cannot read the node's name: " + e.getMessage(), e);
        }
    }

    /** The text the file of the value {@code name} holds (see {@link KeptValues}), if there is one. */
    Optional<String> kept(String name) throws IdentityException {
        Path file = folder.resolve(name + KEPT);
        try {
            return Optional.of(Files.readString(file, StandardCharsets.US_ASCII).strip());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new IdentityException("Cannot read " + file + ": " + IoMessages.of(e), e);
        }
    }

    void keep(String name, Optional<String> text) throws IdentityException {
        Path file = folder.resolve(name + KEPT);
        try {
            if (text.isPresent()) {
                KeyFiles.writeSecret(file, text.get() + "\n");
            } else {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new IdentityException("Cannot keep " + file + ": " + IoMessages.of(e), e);
        }
    }

    void saveName(String name) throws IdentityException {
        try {
            KeyFiles.writeSecret(folder.resolve(NAME), name + "\n");
        } catch (IOException e) {
            throw new IdentityException("Cannot save the node's name: " + e.getMessage(), e);
        }
    }

    private X509Certificate readCertificate() throws GeneralSecurityException, IdentityException {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(readPem(CERTIFICATE).bytes()));
    }

    private KeyFiles.Pem readPem(String file) throws IdentityException {
        try {
            // read leniently, so that a file of anything but text is called what it is: not a PEM file
            return KeyFiles.readPem(new String(Files.readAllBytes(folder.resolve(file)), StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new IdentityException("Cannot read " + folder.resolve(file) + " (" + e.getMessage()
                    + "). If it was lost, restore it from a backup; nothing was changed.", e);
        }
    }

    private void writeKey(PrivateKey key, Optional<char[]> passphrase) throws GeneralSecurityException, IOException {
        String pem = passphrase.isPresent()
                ? KeyFiles.pem(ENCRYPTED, encrypt(key.getEncoded(), passphrase.get()))
                : KeyFiles.pem(PLAIN, key.getEncoded());
        KeyFiles.writeSecret(folder.resolve(KEY), pem);
    }

    private static byte[] encrypt(byte[] pkcs8, char[] passphrase) throws IOException {
        try {
            OutputEncryptor encryptor = new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
                    .setPRF(PKCS8Generator.PRF_HMACSHA256)
                    .setIterationCount(ITERATIONS)
                    .setPassword(passphrase)
                    .setProvider(BOUNCY_CASTLE)
                    .build();
            return new PKCS8EncryptedPrivateKeyInfoBuilder(PrivateKeyInfo.getInstance(pkcs8)).build(encryptor).getEncoded();
        } catch (OperatorCreationException e) {
            throw new IOException("cannot encrypt the key: " + e.getMessage(), e);
        }
    }

    private static byte[] decrypt(byte[] der, char[] passphrase) throws IdentityException {
        try {
            InputDecryptorProvider decryptor = new JceOpenSSLPKCS8DecryptorProviderBuilder()
                    .setProvider(BOUNCY_CASTLE).build(passphrase);
            return new PKCS8EncryptedPrivateKeyInfo(der).decryptPrivateKeyInfo(decryptor).getEncoded();
        } catch (OperatorCreationException | PKCSException | IOException | IllegalArgumentException e) {
            throw new IdentityException("The passphrase does not open this node's identity key. Check it and try again.", e);
        }
    }

    /** A key file and a certificate from different identities would make a node no peer can verify. */
    private static void checkPair(KeyPair keys) throws GeneralSecurityException {
        byte[] probe = new byte[32];
        new SecureRandom().nextBytes(probe);
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(keys.getPrivate());
        signer.update(probe);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(keys.getPublic());
        verifier.update(probe);
        if (!verifier.verify(signature)) {
            throw new GeneralSecurityException("the key and the certificate belong to different identities");
        }
        Arrays.fill(probe, (byte) 0);
    }
}
