package org.peerdesk.transport.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;

/** Host names are looked up on the lookups' own threads, never on the event loop that dials. */
@Timeout(30)
class LookupsOffTheLoopTest {

    private final DefaultEventLoopGroup loops = new DefaultEventLoopGroup(1);
    private final ExecutorService threads = Executors.newSingleThreadExecutor();
    private final List<String> ranOn = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        threads.shutdownNow();
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    @Test
    void aNameIsLookedUpOnTheLookupsThreadNotOnTheEventLoop() throws Exception {
        Executor lookups = task -> threads.execute(() -> {
            ranOn.add(Thread.currentThread().getName());
            task.run();
        });
        EventLoop loop = loops.next();
        try (LookupsOffTheLoop group = new LookupsOffTheLoop(lookups)) {
            Future<InetSocketAddress> found = group.getResolver(loop).resolve(InetSocketAddress.createUnresolved("localhost", 22070));
            InetSocketAddress resolved = found.get(10, TimeUnit.SECONDS);
            assertTrue(resolved.getAddress().isLoopbackAddress(), resolved.toString());
            assertEquals(22070, resolved.getPort());
            assertEquals(1, ranOn.size(), "looked up once, by the lookups");
            assertFalse(loop.submit(() -> ranOn.contains(Thread.currentThread().getName())).get(), "not on the event loop");
        }
    }
}
