package org.peerdesk.transport.netty;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Date;
import java.util.Optional;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

import org.peerdesk.core.PeerId;

/**
 * Decides whether the other side of a TLS handshake may be trusted. There is no certificate
 * authority: a peer presents one self-signed Ed25519 certificate whose signature and dates check
 * out, and its peer ID is the hash of that certificate's key. When this node dials a peer, the ID
 * must be the one it expects, or the handshake fails before a byte of application data is sent.
 */
final class PeerTrustManager extends X509ExtendedTrustManager {

    private static final int ED25519_PUBLIC_KEY_LENGTH = 44;

    private final Optional<PeerId> expected;
    private final Clock clock;

    private PeerTrustManager(Optional<PeerId> expected, Clock clock) {
        this.expected = expected;
        this.clock = clock;
    }

    /** For connections this node dials: the peer must prove to be {@code expected}. */
    static PeerTrustManager expecting(PeerId expected, Clock clock) {
        return new PeerTrustManager(Optional.of(expected), clock);
    }

    /** For connections peers dial to this node: any well-formed identity; who may do what is decided later. */
    static PeerTrustManager anyPeer(Clock clock) {
        return new PeerTrustManager(Optional.empty(), clock);
    }

    static PeerId peerIdOf(X509Certificate certificate) {
        return PeerId.ofPublicKey(certificate.getPublicKey().getEncoded());
    }

    private void check(X509Certificate[] chain) throws CertificateException {
        if (chain == null || chain.length != 1) {
            throw new CertificateException("A peer presents exactly one self-signed certificate, not "
                    + (chain == null ? 0 : chain.length));
        }
        X509Certificate certificate = chain[0];
        if (certificate.getPublicKey().getEncoded().length != ED25519_PUBLIC_KEY_LENGTH
                || !certificate.getPublicKey().getAlgorithm().startsWith("Ed")) {
            throw new CertificateException("A peer's key is Ed25519; this one is " + certificate.getPublicKey().getAlgorithm());
        }
        certificate.checkValidity(Date.from(clock.instant()));
        try {
            certificate.verify(certificate.getPublicKey());
        } catch (GeneralSecurityException e) {
            throw new CertificateException("The peer's certificate is not signed by its own key", e);
        }
        PeerId presented = peerIdOf(certificate);
        if (expected.isPresent() && !expected.get().equals(presented)) {
            throw new CertificateException("Expected peer " + expected.get().shortForm() + ", but "
                    + presented.shortForm() + " answered");
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
