package org.peerdesk.transport.netty;

import java.security.GeneralSecurityException;
import java.time.Clock;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;

import org.peerdesk.core.PeerId;
import org.peerdesk.identity.NodeIdentity;
import org.peerdesk.transport.PeerAddress;
import org.peerdesk.transport.TransportException;

/**
 * Makes the JDK's TLS engines for peer connections: TLS 1.3 only, both sides present their
 * certificate, AES-128-GCM preferred (the fastest here with AES instructions).
 */
final class TlsEngines {

    /**
     * The most data the JDK's TLS 1.3 engine puts in one record: 2^14 bytes less 17. Netty's TLS
     * handler hands the engine 16 KiB at a time unless told otherwise, and copied the 17 bytes the
     * engine left over together with the next 16 KiB, for every record sent. Handed a record's worth
     * (and frames that fill whole records, see {@link MultiplexedStream#MAX_DATA}), it copies nothing.
     * Another value would cost copies, not correctness.
     */
    static final int RECORD_DATA = (1 << 14) - 17;

    private static final String[] PROTOCOLS = {"TLSv1.3"};
    private static final String[] CIPHER_SUITES = {"TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384",
        "TLS_CHACHA20_POLY1305_SHA256"};

    private final NodeIdentity identity;
    private final Clock clock;
    private final SSLContext inbound;

    TlsEngines(NodeIdentity identity, Clock clock) throws TransportException {
        this.identity = identity;
        this.clock = clock;
        this.inbound = context(PeerTrustManager.anyPeer(clock));
    }

    SSLEngine server() {
        SSLEngine engine = inbound.createSSLEngine();
        engine.setUseClientMode(false);
        configure(engine);
        engine.setNeedClientAuth(true);
        return engine;
    }

    SSLEngine client(PeerId expected, PeerAddress address) throws TransportException {
        SSLEngine engine = context(PeerTrustManager.expecting(expected, clock)).createSSLEngine(address.host(), address.port());
        engine.setUseClientMode(true);
        configure(engine);
        return engine;
    }

    private static void configure(SSLEngine engine) {
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setProtocols(PROTOCOLS);
        parameters.setCipherSuites(CIPHER_SUITES);
        parameters.setUseCipherSuitesOrder(true);
        engine.setSSLParameters(parameters);
    }

    private SSLContext context(TrustManager trust) throws TransportException {
        try {
            SSLContext context = SSLContext.getInstance("TLSv1.3");
            context.init(new KeyManager[] {identity.keyManager()}, new TrustManager[] {trust}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new TransportException("TLS 1.3 is not available in this Java runtime: " + e.getMessage(), e);
        }
    }
}
