package org.peerdesk.files.core;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.BitSet;

import org.peerdesk.transport.Stream;

/** The asking side of {@value WriteWire#PROTOCOL} on one stream. */
final class WriteClient implements AutoCloseable {

    private static final int SEND_BUFFER = 256 * 1024;

    private final Stream stream;
    private final DataInputStream in;
    private final DataOutputStream out;

    WriteClient(Stream stream) {
        this.stream = stream;
        this.in = new DataInputStream(stream.input());
        this.out = new DataOutputStream(new BufferedOutputStream(stream.output(), SEND_BUFFER));
    }

    /** Offers a file; the answer names the blocks the peer still needs, to be sent with {@link #send}. */
    BitSet offer(String share, Manifest manifest) throws IOException {
        out.writeByte(WriteWire.PUT);
        out.writeUTF(share);
        FilesWire.writeManifest(out, manifest);
        out.flush();
        FilesWire.readStatus(in);
        int length = in.readInt();
        if (length < 0 || length > (manifest.blocks() + 7) / 8) {
            throw new IOException("The peer asked for blocks a file of " + manifest.blocks() + " blocks does not have.");
        }
        return BitSet.valueOf(in.readNBytes(length));
    }

    /** Sends one of the needed blocks, in the order of the block numbers. */
    void send(byte[] block, int length) throws IOException {
        out.write(block, 0, length);
    }

    /** Waits until the peer has the file in place; a refusal arrives as the peer's error message. */
    void finish() throws IOException {
        out.flush();
        FilesWire.readStatus(in);
    }

    /** Tells the peer that this node's share of that name changed. */
    void notifyChanged(String share) throws IOException {
        out.writeByte(WriteWire.NOTIFY);
        out.writeUTF(share);
        out.flush();
        FilesWire.readStatus(in);
    }

    @Override
    public void close() {
        stream.close();
    }
}
