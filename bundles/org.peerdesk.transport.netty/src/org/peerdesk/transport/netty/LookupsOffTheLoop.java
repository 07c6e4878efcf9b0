package org.peerdesk.transport.netty;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.Executor;

import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.InetSocketAddressResolver;
import io.netty.resolver.SimpleNameResolver;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Promise;

/**
 * Looks host names up on the threads of {@code lookups}. Netty's default resolver asks the system on the event loop,
 * where a slow or unreachable DNS server would hold up every connection of that loop for as long as the lookup takes
 * (a peer's public address is often a host name, and a peer's addresses are dialed side by side).
 */
final class LookupsOffTheLoop extends AddressResolverGroup<InetSocketAddress> {

    private final Executor lookups;

    LookupsOffTheLoop(Executor lookups) {
        this.lookups = lookups;
    }

    @Override
    protected AddressResolver<InetSocketAddress> newResolver(EventExecutor loop) {
        return new InetSocketAddressResolver(loop, new SimpleNameResolver<InetAddress>(loop) {
            @Override
            protected void doResolve(String host, Promise<InetAddress> promise) {
                lookups.execute(() -> {
                    try {
                        promise.trySuccess(InetAddress.getByName(host));
                    } catch (UnknownHostException e) {
                        promise.tryFailure(e);
                    }
                });
            }

            @Override
            protected void doResolveAll(String host, Promise<List<InetAddress>> promise) {
                lookups.execute(() -> {
                    try {
                        promise.trySuccess(List.of(InetAddress.getAllByName(host)));
                    } catch (UnknownHostException e) {
                        promise.tryFailure(e);
                    }
                });
            }
        });
    }
}
