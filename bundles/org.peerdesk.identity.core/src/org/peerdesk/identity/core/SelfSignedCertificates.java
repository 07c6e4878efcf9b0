package org.peerdesk.identity.core;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.peerdesk.core.PeerId;
import org.peerdesk.identity.IdentityException;
import org.peerdesk.identity.MachineSuccession;

/**
 * Makes the self-signed certificate a node presents in TLS. Nobody signs it but its own key: peers
 * trust it because its key hashes to the peer ID they expect, never because of who issued it.
 */
final class SelfSignedCertificates {

    /** Long enough never to expire in a node's lifetime; peers pin the key, not the dates. */
    static final Duration VALIDITY = Duration.ofDays(100 * 365);
    private static final SecureRandom RANDOM = new SecureRandom();

    private SelfSignedCertificates() {
    }

    /** A certificate for {@code keys} on the machine the identity was made on. */
    static X509Certificate create(KeyPair keys, Instant now) throws IdentityException {
        return create(keys, now, 0);
    }

    /** A certificate for {@code keys} that says the identity runs on its {@code succession}th machine ({@link MachineSuccession}). */
    static X509Certificate create(KeyPair keys, Instant now, int succession) throws IdentityException {
        return create(keys, now.minus(Duration.ofDays(1)), now.plus(VALIDITY), succession);
    }

    /**
     * The certificate this start of the node presents ({@link org.peerdesk.identity.MachineRun}): {@code stored}'s dates
     * and machine, with a serial number of its own.
     */
    static X509Certificate forThisRun(KeyPair keys, X509Certificate stored) throws IdentityException {
        return create(keys, stored.getNotBefore().toInstant(), stored.getNotAfter().toInstant(), MachineSuccession.of(stored));
    }

    private static X509Certificate create(KeyPair keys, Instant notBefore, Instant notAfter, int succession)
            throws IdentityException {
        PeerId id = PeerId.ofPublicKey(keys.getPublic().getEncoded());
        X500Name name = new X500Name("CN=peerdesk-" + id.shortForm());
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(), Date.from(notBefore),
                Date.from(notAfter), name, keys.getPublic());
        try {
            if (succession > 0) {
                builder.addExtension(new ASN1ObjectIdentifier(MachineSuccession.EXTENSION_OID), false, new ASN1Integer(succession));
            }
            return new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("Ed25519").build(keys.getPrivate())));
        } catch (OperatorCreationException | GeneralSecurityException | CertIOException e) {
            throw new IdentityException("Cannot create this node's certificate: " + e.getMessage(), e);
        }
    }

    /** Positive and below 2^63, so that its {@link org.peerdesk.identity.MachineRun} is itself and never 0. */
    private static BigInteger serial() {
        BigInteger serial;
        do {
            serial = new BigInteger(63, RANDOM);
        } while (serial.signum() == 0);
        return serial;
    }
}
