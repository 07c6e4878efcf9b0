package org.peerdesk.identity;

import java.security.cert.X509Certificate;

/**
 * Which start of a node a certificate comes from: each start presents a certificate of its own, signed by the same key,
 * whose serial number no other start has. Two machines that run as one node at the same time (a data directory copied,
 * a virtual machine cloned, a laptop set up from the old one's disk) prove the same identity, and only this tells them
 * apart: a peer connected to one sees the other come from another run while the first still answers.
 */
public final class MachineRun {

    private MachineRun() {
    }

    /**
     * The run {@code certificate} comes from. A node of a version before runs were told apart presents the certificate it
     * stored on every start, so all its starts look like one run.
     */
    public static long of(X509Certificate certificate) {
        return certificate.getSerialNumber().longValue();
    }
}
