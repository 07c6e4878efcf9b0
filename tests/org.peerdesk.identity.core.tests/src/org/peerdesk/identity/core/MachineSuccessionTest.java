package org.peerdesk.identity.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerdesk.identity.MachineRun;
import org.peerdesk.identity.MachineSuccession;
import org.peerdesk.testing.FolderCopies;

/**
 * Which machine an identity runs on, as its certificate says; what no Peerdesk writes there counts as the first machine.
 * Which start of it, as each start presents a certificate of its own.
 */
class MachineSuccessionTest {

    private final Instant now = Instant.now();

    @Test
    void aCertificateSaysTheMachineItWasMadeFor() throws Exception {
        KeyPair keys = keys();
        assertEquals(List.of(0, 1, 7, Integer.MAX_VALUE), List.of(MachineSuccession.of(SelfSignedCertificates.create(keys, now)),
                MachineSuccession.of(SelfSignedCertificates.create(keys, now, 1)), MachineSuccession.of(SelfSignedCertificates.create(keys, now, 7)),
                MachineSuccession.of(SelfSignedCertificates.create(keys, now, Integer.MAX_VALUE))));
    }

    @Test
    void anExtensionNoPeerdeskWritesCountsAsTheFirstMachine() throws Exception {
        List<ASN1Encodable> odd = List.of(new ASN1Integer(-3), new ASN1Integer(BigInteger.ONE.shiftLeft(40)),
                new DEROctetString(new ASN1Integer(5).getEncoded()), DERNull.INSTANCE);
        for (ASN1Encodable value : odd) {
            assertEquals(0, MachineSuccession.of(saying(value)), value.toString());
        }
        assertEquals(5, MachineSuccession.of(saying(new ASN1Integer(5))), "the same way, but well-formed");
    }

    @Test
    void eachStartOfANodePresentsTheStoredCertificateAsItsOwnRun(@TempDir Path folder) throws Exception {
        X509Certificate stored = LocalIdentity.inFolder(folder).certificate();
        Path copied = folder.resolveSibling(folder.getFileName() + "-copied");
        FolderCopies.copy(folder, copied);
        LocalIdentity again = LocalIdentity.inFolder(folder);
        LocalIdentity copy = LocalIdentity.inFolder(copied);
        List<X509Certificate> runs = List.of(stored, again.certificate(), copy.certificate());

        assertEquals(3, runs.stream().map(MachineRun::of).distinct().count(), "the same folder started again, or copied");
        for (X509Certificate run : runs) {
            assertTrue(MachineRun.of(run) > 0);
            run.verify(stored.getPublicKey());
            assertEquals(List.of(stored.getNotBefore(), stored.getNotAfter(), stored.getSubjectX500Principal()),
                    List.of(run.getNotBefore(), run.getNotAfter(), run.getSubjectX500Principal()));
        }
        KeyPair keys = keys();
        assertEquals(List.of(again.peerId(), 1), List.of(copy.peerId(), MachineSuccession.of(SelfSignedCertificates.forThisRun(keys,
                SelfSignedCertificates.create(keys, now, 1)))), "the machine it says stays");
    }

    private static KeyPair keys() throws Exception {
        return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    }

    private X509Certificate saying(ASN1Encodable value) throws Exception {
        KeyPair keys = keys();
        X500Name name = new X500Name("CN=odd");
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.ONE, Date.from(now),
                Date.from(now.plusSeconds(60)), name, keys.getPublic());
        builder.addExtension(new ASN1ObjectIdentifier(MachineSuccession.EXTENSION_OID), false, value);
        return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder("Ed25519").build(keys.getPrivate())));
    }
}
