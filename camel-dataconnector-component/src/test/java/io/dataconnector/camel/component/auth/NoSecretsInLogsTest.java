package io.dataconnector.camel.component.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class NoSecretsInLogsTest {

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private Logger authLogger;
    private Level previous;
    private LocalTokenServer server;

    @BeforeEach
    void capture() {
        authLogger = (Logger) LoggerFactory.getLogger("io.dataconnector.camel.component.auth");
        previous = authLogger.getLevel();
        authLogger.setLevel(Level.TRACE);
        appender.start();
        authLogger.addAppender(appender);
    }

    @AfterEach
    void release() {
        authLogger.detachAppender(appender);
        authLogger.setLevel(previous);
        if (server != null) {
            server.close();
        }
    }

    @Test
    void refreshLifecycleLogsNoSecret() throws Exception {
        AtomicInteger n = new AtomicInteger();
        server = new LocalTokenServer(r -> n.incrementAndGet() < 3
                ? LocalTokenServer.Answer.token("secret-access-" + n.get(), 3600, "secret-refresh-" + n.get())
                : LocalTokenServer.Answer.error(400, "invalid_grant", "expired"));
        MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
        RefreshTokenProvider p = new RefreshTokenProvider(server.endpoint(), "client-id-zzz", "secret-client",
                "secret-refresh-0", new InMemoryRefreshTokenStore("secret-refresh-stored"), "data:read", clock);
        String token = p.getAccessToken();
        p.invalidate(token);
        p.getAccessToken();
        clock.advance(Duration.ofHours(2));
        catchThrowable(p::getAccessToken);

        assertThat(appender.list).isNotEmpty();
        assertThat(appender.list).extracting(ILoggingEvent::getFormattedMessage)
                .anySatisfy(m -> assertThat(m).contains("access token refreshed, expires in 3600 s"))
                .allSatisfy(m -> assertThat(m).doesNotContain("secret-", "client-id-zzz"));
    }
}
