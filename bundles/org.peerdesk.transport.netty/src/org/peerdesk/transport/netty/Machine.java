package org.peerdesk.transport.netty;

/**
 * The machine a peer's identity speaks from, as its proof says: which machine in turn ({@code MachineSuccession}), and
 * which start of the node on it ({@code MachineRun}; 0 where the proof does not tell).
 */
record Machine(int succession, long run) {

    /**
     * Another start of the identity on the same machine in turn: a second machine running as it (a copy), or the same one
     * started again; {@link ConnectionHandler} tells which by whether the connection from the first still answers.
     */
    boolean twinOf(Machine other) {
        return succession == other.succession && run != 0 && other.run != 0 && run != other.run;
    }
}
