package org.peerdesk.transport.netty;

/**
 * The machine a peer's identity speaks from, as its proof says: which machine in turn ({@code MachineSuccession}), and
 * which start of the node on it ({@code MachineRun}; 0 where the proof does not tell).
 */
record Machine(int succession, long run) {

    /** Another machine running as the same identity at the same time: the same in turn, from another start. */
    boolean twinOf(Machine other) {
        return succession == other.succession && run != 0 && other.run != 0 && run != other.run;
    }
}
