package org.peerdesk.identity;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.util.Arrays;

/**
 * Which machine a node's identity runs on, in turn: 0 on the machine it was made on, one more on each machine that took
 * its place from a backup ({@link NodeIdentity#takeOverAtNextStart}). The node's certificate says it, signed by its key,
 * so that a peer that saw the identity on a newer machine refuses it on an older one: a machine thought lost and switched
 * on again does not speak for the node beside the one that took its place.
 */
public final class MachineSuccession {

    /** The certificate extension that holds the number, a DER INTEGER; an OID under the UUID arc, which needs no registry. */
    public static final String EXTENSION_OID = "2.25.129182706599139558891761186498959486359";

    private static final int OCTET_STRING = 0x04;
    private static final int INTEGER = 0x02;

    private MachineSuccession() {
    }

    /**
     * The succession {@code certificate} says; 0 where it says none (certificates made before there was one) or says it
     * in a form no Peerdesk writes.
     */
    public static int of(X509Certificate certificate) {
        byte[] extension = certificate.getExtensionValue(EXTENSION_OID);
        if (extension == null) {
            return 0;
        }
        byte[] integer = contents(extension, OCTET_STRING);
        byte[] value = integer.length == 0 ? integer : contents(integer, INTEGER);
        if (value.length == 0 || value.length > Integer.BYTES + 1) {
            return 0;
        }
        BigInteger number = new BigInteger(value);
        return number.signum() < 0 || number.bitLength() > Integer.SIZE - 1 ? 0 : number.intValue();
    }

    /** The contents of the short-form DER element {@code der} of type {@code tag}; empty when it is not one. */
    private static byte[] contents(byte[] der, int tag) {
        if (der.length < 2 || der[0] != tag || (der[1] & 0x80) != 0 || der[1] != der.length - 2) {
            return new byte[0];
        }
        return Arrays.copyOfRange(der, 2, der.length);
    }
}
