package io.dataconnector.camel.component.auth;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class RefreshTokenProviderTest {

    private static final String CLIENT_ID = "my-client-id-123";
    private static final String CLIENT_SECRET = "my-client-secret-xyz";

    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
    private LocalTokenServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** A server that rotates: refresh token rt-N gives access at-(N+1) and refresh rt-(N+1). */
    private LocalTokenServer rotatingServer(long expiresIn) throws IOException {
        AtomicInteger n = new AtomicInteger();
        return new LocalTokenServer(r -> {
            int i = n.incrementAndGet();
            return LocalTokenServer.Answer.token("at-" + i, expiresIn, "rt-" + i);
        });
    }

    private RefreshTokenProvider provider(String initial, RefreshTokenStore store) {
        return new RefreshTokenProvider(server.endpoint(), CLIENT_ID, CLIENT_SECRET, initial, store,
                "data:read data:write", clock);
    }

    @Test
    void refreshesPostsTheFormAndPersistsTheRotatedToken() throws Exception {
        server = rotatingServer(3600);
        InMemoryRefreshTokenStore store = new InMemoryRefreshTokenStore();
        RefreshTokenProvider p = provider("rt-initial", store);

        assertThat(p.getAccessToken()).isEqualTo("at-1");
        assertThat(store.load()).contains("rt-1");

        LocalTokenServer.Received r = server.last();
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/authentication/v2/token");
        assertThat(r.contentType()).startsWith("application/x-www-form-urlencoded");
        assertThat(r.basicUser()).isEqualTo(CLIENT_ID);
        assertThat(r.basicPassword()).isEqualTo(CLIENT_SECRET);
        assertThat(r.form()).containsEntry("grant_type", "refresh_token")
                .containsEntry("refresh_token", "rt-initial")
                .containsEntry("scope", "data:read data:write")
                .doesNotContainKeys("client_secret");
        assertThat(p.getExpiresAt()).isEqualTo(clock.instant().plusSeconds(3600));
    }

    @Test
    void reusesTheTokenUntilFiveMinutesBeforeExpiryThenRefreshesWithTheRotatedToken() throws Exception {
        server = rotatingServer(3600);
        InMemoryRefreshTokenStore store = new InMemoryRefreshTokenStore();
        RefreshTokenProvider p = provider("rt-initial", store);

        assertThat(p.getAccessToken()).isEqualTo("at-1");
        clock.advance(Duration.ofMinutes(54));
        assertThat(p.getAccessToken()).isEqualTo("at-1");
        assertThat(server.received()).hasSize(1);

        clock.advance(Duration.ofSeconds(61)); // 55 min 1 s: less than 5 min left
        assertThat(p.getAccessToken()).isEqualTo("at-2");
        assertThat(server.received()).hasSize(2);
        assertThat(server.last().form()).containsEntry("refresh_token", "rt-1");
        assertThat(store.load()).contains("rt-2");
    }

    @Test
    void shortLivedTokensAreRefreshedAtHalfTheirLifetime() throws Exception {
        server = rotatingServer(60);
        RefreshTokenProvider p = provider("rt-initial", null);
        assertThat(p.getAccessToken()).isEqualTo("at-1");
        clock.advance(Duration.ofSeconds(29));
        assertThat(p.getAccessToken()).isEqualTo("at-1");
        clock.advance(Duration.ofSeconds(1));
        assertThat(p.getAccessToken()).isEqualTo("at-2");
    }

    @Test
    void prefersTheStoredTokenOverTheInitialOne() throws Exception {
        server = rotatingServer(3600);
        InMemoryRefreshTokenStore store = new InMemoryRefreshTokenStore("rt-stored");
        provider("rt-initial", store).getAccessToken();
        assertThat(server.last().form()).containsEntry("refresh_token", "rt-stored");
    }

    @Test
    void aRestartContinuesWithThePersistedToken(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        server = rotatingServer(3600);
        java.nio.file.Path file = dir.resolve("refresh.token");
        provider("rt-initial", new FileRefreshTokenStore(file)).getAccessToken();
        // "restart": a new provider, same configuration
        RefreshTokenProvider restarted = provider("rt-initial", new FileRefreshTokenStore(file));
        assertThat(restarted.getAccessToken()).isEqualTo("at-2");
        assertThat(server.received()).extracting(r -> r.form().get("refresh_token"))
                .containsExactly("rt-initial", "rt-1");
        assertThat(new FileRefreshTokenStore(file).load()).contains("rt-2");
    }

    @Test
    void fallsBackToTheConfiguredTokenWhenTheStoredOneIsRefused() throws Exception {
        server = new LocalTokenServer(r -> "rt-stale".equals(r.form().get("refresh_token"))
                ? LocalTokenServer.Answer.error(400, "invalid_grant", "The refresh token is invalid or expired.")
                : LocalTokenServer.Answer.token("at-ok", 3600, "rt-next"));
        InMemoryRefreshTokenStore store = new InMemoryRefreshTokenStore("rt-stale");
        assertThat(provider("rt-fresh-from-config", store).getAccessToken()).isEqualTo("at-ok");
        assertThat(store.load()).contains("rt-next");
    }

    @Test
    void keepsTheOldRefreshTokenWhenTheServerDoesNotRotate() throws Exception {
        server = new LocalTokenServer(r -> LocalTokenServer.Answer.token("at-x", 3600, null));
        InMemoryRefreshTokenStore store = new InMemoryRefreshTokenStore();
        RefreshTokenProvider p = provider("rt-initial", store);
        p.getAccessToken();
        clock.advance(Duration.ofHours(1));
        p.getAccessToken();
        assertThat(server.received()).extracting(r -> r.form().get("refresh_token"))
                .containsExactly("rt-initial", "rt-initial");
    }

    @Test
    void invalidateForcesOneRefreshForTheRejectedTokenOnly() throws Exception {
        server = rotatingServer(3600);
        RefreshTokenProvider p = provider("rt-initial", null);
        String first = p.getAccessToken();
        assertThat(p.invalidate(first)).isTrue();
        assertThat(p.getAccessToken()).isEqualTo("at-2");
        // a late 401 for the old token does not throw away the new one
        assertThat(p.invalidate(first)).isTrue();
        assertThat(p.getAccessToken()).isEqualTo("at-2");
        assertThat(server.received()).hasSize(2);
    }

    @Test
    void concurrentCallersCauseExactlyOneRefresh() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger n = new AtomicInteger();
        server = new LocalTokenServer(r -> {
            int i = n.incrementAndGet();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return LocalTokenServer.Answer.token("at-" + i, 3600, "rt-" + i);
        });
        InMemoryRefreshTokenStore store = new InMemoryRefreshTokenStore();
        RefreshTokenProvider p = provider("rt-initial", store);

        int callers = 16;
        List<Thread> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(callers, task -> {
            Thread t = new Thread(task);
            threads.add(t);
            return t;
        });
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                results.add(pool.submit(p::getAccessToken));
            }
            // one request reached the server; every caller is parked (on the lock or waiting for the answer)
            await().atMost(Duration.ofSeconds(10)).until(() -> server.received().size() == 1
                    && threads.size() == callers
                    && threads.stream().allMatch(t -> t.getState() == Thread.State.BLOCKED
                                                      || t.getState() == Thread.State.WAITING
                                                      || t.getState() == Thread.State.TIMED_WAITING));
            release.countDown();
            for (Future<String> f : results) {
                assertThat(f.get(10, TimeUnit.SECONDS)).isEqualTo("at-1");
            }
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
        assertThat(server.received()).hasSize(1);
        assertThat(store.load()).contains("rt-1");
    }

    @Test
    void aRefusedRefreshTokenGivesATokenExceptionWithoutSecrets() throws Exception {
        server = new LocalTokenServer(r -> LocalTokenServer.Answer.error(400, "invalid_grant",
                "The refresh token is invalid or expired."));
        RefreshTokenProvider p = provider("rt-very-secret-initial", null);
        assertThatThrownBy(p::getAccessToken)
                .isInstanceOfSatisfying(TokenException.class, e -> {
                    assertThat(e.getStatus()).isEqualTo(400);
                    assertThat(e.getError()).isEqualTo("invalid_grant");
                    assertThat(e.isInvalidGrant()).isTrue();
                })
                .hasMessageContaining("400")
                .hasMessageContaining("invalid_grant")
                .hasMessageContaining("The refresh token is invalid or expired.")
                .hasMessageNotContaining("rt-very-secret-initial")
                .hasMessageNotContaining(CLIENT_SECRET);
        // nothing can be obtained any more: the HTTP client must not retry on 401
        assertThat(p.invalidate("whatever")).isFalse();
    }

    @Test
    void serverEchoOfSecretsIsScrubbed() throws Exception {
        server = new LocalTokenServer(r -> LocalTokenServer.Answer.error(401, "invalid_client",
                "bad secret " + r.basicPassword() + " for token " + r.form().get("refresh_token")));
        RefreshTokenProvider p = provider("rt-very-secret-initial", null);
        assertThatThrownBy(p::getAccessToken)
                .isInstanceOf(TokenException.class)
                .hasMessageContaining("invalid_client")
                .hasMessageNotContaining("rt-very-secret-initial")
                .hasMessageNotContaining(CLIENT_SECRET);
    }

    @Test
    void unreachableEndpointMessageHasNoSecrets() throws Exception {
        server = rotatingServer(3600);
        String base = server.baseUrl();
        server.close();
        server = null;
        RefreshTokenProvider p = new RefreshTokenProvider(new TokenEndpoint(java.net.http.HttpClient.newHttpClient(),
                base, Duration.ofSeconds(5)), CLIENT_ID, CLIENT_SECRET, "rt-very-secret-initial", null, null, clock);
        assertThatThrownBy(p::getAccessToken)
                .isInstanceOf(IOException.class)
                .hasMessageContaining("/authentication/v2/token")
                .hasMessageNotContaining("rt-very-secret-initial")
                .hasMessageNotContaining(CLIENT_SECRET);
    }

    @Test
    void aFailedSaveWithholdsTheTokenAndIsRetriedBeforeTheNextOneIsReturned() throws Exception {
        server = rotatingServer(3600);
        AtomicInteger failures = new AtomicInteger(1);
        List<String> saved = new ArrayList<>();
        RefreshTokenStore flaky = new RefreshTokenStore() {
            @Override
            public Optional<String> load() {
                return Optional.empty();
            }

            @Override
            public void save(String refreshToken) throws IOException {
                if (failures.getAndDecrement() > 0) {
                    throw new IOException("disk full");
                }
                saved.add(refreshToken);
            }
        };
        RefreshTokenProvider p = provider("rt-initial", flaky);
        assertThatThrownBy(p::getAccessToken)
                .isInstanceOf(IOException.class)
                .hasMessageContaining("could not be saved")
                .hasMessageNotContaining("rt-1")
                .hasMessageNotContaining("at-1");
        assertThat(p.getAccessToken()).isEqualTo("at-1");
        assertThat(saved).containsExactly("rt-1");
        assertThat(server.received()).hasSize(1);
    }

    @Test
    void toStringHasNoSecrets() throws Exception {
        server = rotatingServer(3600);
        RefreshTokenProvider p = provider("rt-very-secret-initial", new InMemoryRefreshTokenStore());
        p.getAccessToken();
        assertThat(p.toString()).doesNotContain("rt-very-secret-initial", "rt-1", "at-1", CLIENT_SECRET, CLIENT_ID);
        assertThat(new TokenResponse("at-secret", "Bearer", 3600, "rt-secret").toString())
                .doesNotContain("at-secret", "rt-secret");
    }

    @Test
    void staticTokenCannotBeRefreshed() {
        StaticTokenProvider p = new StaticTokenProvider("static-secret");
        assertThat(p.getAccessToken()).isEqualTo("static-secret");
        assertThat(p.invalidate("static-secret")).isFalse();
        assertThat(p.toString()).doesNotContain("static-secret");
    }
}
