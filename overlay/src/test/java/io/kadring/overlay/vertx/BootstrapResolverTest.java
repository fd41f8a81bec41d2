package io.kadring.overlay.vertx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kadring.overlay.HostPort;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

final class BootstrapResolverTest {
    private static final InetSocketAddress LITERAL = new InetSocketAddress("192.0.2.7", 7420);

    @Test
    void aNameStandsForAllItsAddresses_literalsPassThrough() {
        InetSocketAddress name = HostPort.parseName("localhost:7420");
        assertTrue(name.isUnresolved(), "kept as a name");
        assertFalse(HostPort.parseName("192.0.2.7:7420").isUnresolved());
        assertFalse(HostPort.parseName("[2001:db8::1]:7420").isUnresolved());
        assertTrue(BootstrapResolver.needed(List.of(LITERAL, name)));
        assertFalse(BootstrapResolver.needed(List.of(LITERAL)));

        List<InetSocketAddress> found = BootstrapResolver.resolveAll(List.of(LITERAL, name), new HashMap<>());
        assertEquals(LITERAL, found.get(0));
        assertTrue(found.stream().anyMatch(a -> a.getAddress().isLoopbackAddress() && a.getPort() == 7420), found::toString);
        assertTrue(found.stream().noneMatch(InetSocketAddress::isUnresolved));
    }

    @Test
    void aNameThatStopsResolving_keepsItsLastAddresses() {
        InetSocketAddress gone = InetSocketAddress.createUnresolved("seed.invalid", 7420); // .invalid never resolves
        Map<String, List<InetSocketAddress>> last = new HashMap<>();
        assertEquals(List.of(), BootstrapResolver.resolveAll(List.of(gone), last), "never resolved: nothing");
        last.put("seed.invalid:7420", List.of(LITERAL));
        assertEquals(List.of(LITERAL), BootstrapResolver.resolveAll(List.of(gone), last));
    }

    @Test
    void eachRoundGetsWhatTheLatestResolutionFoundAndStartsTheNext() {
        int[] resolutions = {0};
        BootstrapResolver r = new BootstrapResolver(List.of(LITERAL, HostPort.parseName("localhost:7420")), task -> {
            resolutions[0]++;
            try {
                return CompletableFuture.completedFuture(task.call());
            } catch (Exception e) {
                return CompletableFuture.failedFuture(e);
            }
        });
        assertEquals(List.of(LITERAL), r.forNextRound(), "before any resolution: the literals");
        assertTrue(r.forNextRound().size() >= 2, "then the name's addresses too");
        assertEquals(2, resolutions[0]);
    }
}
