package org.ecogov.gateway.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import org.ecogov.gateway.routing.Upstream;
import org.ecogov.runtime.time.Clock;
import org.junit.jupiter.api.Test;

import io.netty.channel.ConnectTimeoutException;
import io.vertx.core.impl.NoStackTraceTimeoutException;

class IdentityPartsTest {

    @Test
    void keysParseOnlyInTheirOwnShape() {
        ApiKeySecrets.Issued issued = ApiKeySecrets.issue();
        assertThat(issued.key()).matches("ecok_[a-z0-9]{10}_[A-Za-z0-9_-]{43}");
        ApiKeySecrets.Presented presented = ApiKeySecrets.parse(issued.key()).orElseThrow();
        assertThat(presented.id()).isEqualTo(issued.id());
        assertThat(ApiKeySecrets.matches(presented.secret(), issued.secretHash())).isTrue();
        assertThat(ApiKeySecrets.matches(presented.secret() + "x", issued.secretHash())).isFalse();
        assertThat(ApiKeySecrets.parse("ecok_ABCDEFGHIJ_" + "a".repeat(43))).isEmpty();
        assertThat(ApiKeySecrets.parse(null)).isEmpty();
        assertThat(ApiKeySecrets.parse(issued.key() + "=")).isEmpty();
        assertThat(presented.toString()).doesNotContain(presented.secret());
        assertThat(issued.toString()).doesNotContain(issued.key());
    }

    @Test
    void onlyAMissingAnswerIsATimeoutNotAMissingConnection() {
        assertThat(Upstream.isTimeout(new TimeoutException("deadline"))).isTrue();
        assertThat(Upstream.isTimeout(new NoStackTraceTimeoutException("idle"))).isTrue();
        // the service cannot be reached in connect-timeout: 503 unreachable, not 504
        assertThat(Upstream.isTimeout(new ConnectTimeoutException("connection timed out"))).isFalse();
        assertThat(Upstream.isTimeout(new java.net.ConnectException("refused"))).isFalse();
    }

    @Test
    void addressRangesMatchV4V6AndMappedAddresses() {
        assertThat(IpRange.parse("203.0.113.0/24").contains("203.0.113.77")).isTrue();
        assertThat(IpRange.parse("203.0.113.0/24").contains("203.0.114.1")).isFalse();
        assertThat(IpRange.parse("203.0.113.5").contains("203.0.113.5")).isTrue();
        assertThat(IpRange.parse("203.0.113.0/24").contains("::ffff:203.0.113.9")).isTrue();
        assertThat(IpRange.parse("2001:db8::/32").contains("2001:db8:1::1")).isTrue();
        assertThat(IpRange.parse("2001:db8::/32").contains("2001:db9::1")).isFalse();
        assertThat(IpRange.parse("0.0.0.0/0").contains("8.8.8.8")).isTrue();
        assertThat(IpRange.parse("10.0.0.0/8").contains("not-an-address")).isFalse();
        assertThatThrownBy(() -> IpRange.parse("10.0.0.0/33")).hasMessageContaining("prefix");
        assertThatThrownBy(() -> IpRange.parse("300.0.0.1")).hasMessageContaining("not an IPv4");
        assertThatThrownBy(() -> IpRange.parse("example.org")).hasMessageContaining("not an IPv4");
        assertThatThrownBy(() -> IpRange.parse("10.0.0.1/8/8")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rateLimitsCountFixedWindowsOfTheClockAndSayWhenTheyReset() {
        java.time.Clock source = java.time.Clock.fixed(Instant.ofEpochMilli(1_000_000_000_000L + 30_000), ZoneOffset.UTC);
        AtomicReference<java.time.Clock> clock = new AtomicReference<>(source);
        RateLimiter limiter = new RateLimiter(new RateCounters(), new Clock(new java.time.Clock() {
            @Override
            public Instant instant() {
                return clock.get().instant();
            }

            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public java.time.Clock withZone(java.time.ZoneId zone) {
                return this;
            }
        }));
        RateLimiter.Bucket k = new RateLimiter.Bucket("key:k", 2, 60);
        RateLimiter.Decision first = decided(limiter.acquire(k));
        assertThat(first.allowed()).isTrue();
        assertThat(first.remaining()).isEqualTo(1);
        assertThat(decided(limiter.acquire(k)).remaining()).isZero();
        assertThat(decided(limiter.exhausted(k))).isTrue();
        RateLimiter.Decision refused = decided(limiter.acquire(k));
        assertThat(refused.allowed()).isFalse();
        // the clock stands 10 s into a 60 s window (windows start at multiples of 60 s since the epoch)
        assertThat(refused.resetSeconds()).isEqualTo(50L);
        assertThat(decided(limiter.acquire(new RateLimiter.Bucket("key:other", 2, 60))).allowed()).isTrue();
        clock.set(java.time.Clock.offset(source, java.time.Duration.ofSeconds(refused.resetSeconds())));
        assertThat(decided(limiter.acquire(k)).allowed()).isTrue();
    }

    @Test
    void aRequestCountedInSeveralBucketsIsDecidedByTheMostConstrained() {
        RateLimiter limiter = new RateLimiter(new RateCounters(), new Clock(java.time.Clock.fixed(
                Instant.ofEpochSecond(1_800_000_000L), ZoneOffset.UTC)));
        RateLimiter.Bucket subject = new RateLimiter.Bucket("subject:s", 5, 60);
        RateLimiter.Bucket client = new RateLimiter.Bucket("client:c", 2, 3600);
        RateLimiter.Decision first = decided(limiter.acquire(subject, client));
        assertThat(first.allowed()).isTrue();
        assertThat(first.limit()).as("the client has fewer left").isEqualTo(2);
        assertThat(first.remaining()).isEqualTo(1);
        decided(limiter.acquire(subject, client));
        RateLimiter.Decision refused = decided(limiter.acquire(subject, client));
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.limit()).isEqualTo(2);
        assertThat(refused.resetSeconds()).isGreaterThan(60);
        // the subject counted every request, refused ones included
        assertThat(decided(limiter.acquire(subject)).remaining()).isEqualTo(1);
    }

    @Test
    void anIpv6AddressIsCountedByItsSlash64() {
        assertThat(Door.counted("2001:db8:1:2:aaaa::1")).isEqualTo(Door.counted("2001:db8:1:2:bbbb::9"))
                .isEqualTo("20010db800010002::/64");
        assertThat(Door.counted("2001:db8:1:3::1")).isNotEqualTo(Door.counted("2001:db8:1:2::1"));
        assertThat(Door.counted("203.0.113.7")).isEqualTo("203.0.113.7");
    }

    private static <T> T decided(io.vertx.core.Future<T> future) {
        assertThat(future.isComplete()).as("memory counters answer at once").isTrue();
        return future.result();
    }

    @Test
    void aRotatedKeyAcceptsItsOldSecretOnlyDuringTheGracePeriod() {
        ApiKeySecrets.Issued old = ApiKeySecrets.issue();
        ApiKeySecrets.Issued current = ApiKeySecrets.withId(old.id());
        Instant now = Instant.now();
        ApiKeyRecord key = new ApiKeyRecord(old.id(), "ORG", "Org", "k", Set.of("registry:read"), current.secretHash(),
                old.secretHash(), now.plusSeconds(60), now.plusSeconds(3600), 10, 60, List.of(), now, "admin",
                now, null, null, null, null, null);
        String oldSecret = ApiKeySecrets.parse(old.key()).orElseThrow().secret();
        String newSecret = ApiKeySecrets.parse(current.key()).orElseThrow().secret();
        assertThat(key.acceptsSecret(newSecret, now)).isTrue();
        assertThat(key.acceptsSecret(oldSecret, now)).isTrue();
        assertThat(key.acceptsSecret(oldSecret, now.plusSeconds(61))).isFalse();
        assertThat(key.acceptsSecret(newSecret, now.plusSeconds(61))).isTrue();
        assertThat(key.status(now)).isEqualTo(ApiKeyRecord.Status.ACTIVE);
        assertThat(key.status(now.plusSeconds(3600))).isEqualTo(ApiKeyRecord.Status.EXPIRED);
    }
}
