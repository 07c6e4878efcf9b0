package org.peerdesk.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * The yardstick for the transport: the JDK's own TLS 1.3 socket (AES-128-GCM, as the transport
 * uses, with both sides presenting a certificate) and plain TCP, one sender and one receiver
 * thread on loopback, writing in 1 MiB chunks.
 */
public final class JdkSocketReference {

    private static final String[] PROTOCOLS = {"TLSv1.3"};
    private static final String[] SUITES = {"TLS_AES_128_GCM_SHA256"};
    private static final char[] PASSWORD = "reference".toCharArray();
    private static final int CHUNK = 1 << 20;

    private final SSLContext server;
    private final SSLContext client;

    private JdkSocketReference(SSLContext server, SSLContext client) {
        this.server = server;
        this.client = client;
    }

    /** Between a server and a client set up with these contexts. */
    public static JdkSocketReference between(SSLContext server, SSLContext client) {
        return new JdkSocketReference(server, client);
    }

    /** With an Ed25519 key and certificate made by keytool in {@code folder}, trusted by both ends. */
    public static JdkSocketReference withNewKeys(Path folder) throws Exception {
        Path store = folder.resolve("reference.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-keyalg", "Ed25519", "-alias", "reference", "-dname", "CN=reference", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", new String(PASSWORD))
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, PASSWORD);
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance("SunX509");
        keyManagers.init(keys, PASSWORD);
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance("PKIX");
        trustManagers.init(keys);
        SSLContext context = SSLContext.getInstance("TLSv1.3");
        context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
        return new JdkSocketReference(context, context);
    }

    /** MiB/s of one TLS 1.3 socket carrying {@code bytes} after {@code warmUp} bytes. */
    public double tlsMebibytesPerSecond(long warmUp, long bytes) throws Exception {
        return throughput(true, warmUp, bytes);
    }

    /** MiB/s of one plain TCP socket carrying {@code bytes} after {@code warmUp} bytes. */
    public double tcpMebibytesPerSecond(long warmUp, long bytes) throws Exception {
        return throughput(false, warmUp, bytes);
    }

    private double throughput(boolean secure, long warmUp, long bytes) throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket listener = secure ? server.getServerSocketFactory().createServerSocket(0, 1, loopback)
                : new ServerSocket(0, 1, loopback)) {
            if (listener instanceof SSLServerSocket secureListener) {
                secureListener.setNeedClientAuth(true);
                secureListener.setEnabledProtocols(PROTOCOLS);
                secureListener.setEnabledCipherSuites(SUITES);
            }
            CompletableFuture<Void> receiver = CompletableFuture.runAsync(() -> drain(listener));
            try (Socket socket = secure ? client.getSocketFactory().createSocket(loopback, listener.getLocalPort())
                    : new Socket(loopback, listener.getLocalPort())) {
                if (socket instanceof SSLSocket secureSocket) {
                    secureSocket.setEnabledProtocols(PROTOCOLS);
                    secureSocket.setEnabledCipherSuites(SUITES);
                }
                OutputStream out = socket.getOutputStream();
                write(out, warmUp);
                long start = System.nanoTime();
                write(out, bytes);
                socket.shutdownOutput();
                receiver.get(300, TimeUnit.SECONDS);
                return bytes / (double) CHUNK / ((System.nanoTime() - start) / 1e9);
            }
        }
    }

    private static void write(OutputStream out, long bytes) throws IOException {
        byte[] chunk = new byte[CHUNK];
        for (long sent = 0; sent < bytes; sent += chunk.length) {
            out.write(chunk);
        }
    }

    private static void drain(ServerSocket listener) {
        try (Socket accepted = listener.accept(); InputStream in = accepted.getInputStream()) {
            byte[] buffer = new byte[256 * 1024];
            while (in.read(buffer) >= 0) {
                // the sender times the transfer
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
