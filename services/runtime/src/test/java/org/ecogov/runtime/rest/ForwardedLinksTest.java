package org.ecogov.runtime.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URL;

import org.ecogov.testing.OidcTestKeyResource;
import org.ecogov.testing.RawHttp;
import org.ecogov.testing.RawHttp.Answer;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A service's links point where its caller called: at the gateway, whose X-Forwarded-Host and -Proto it honours
 * because the gateway calls from a trusted address (quarkus.http.proxy.trusted-proxies, 127.0.0.1 by default), and
 * never at a host a client names in those headers from any other address (here 127.0.0.2, another loopback address).
 */
@QuarkusTest
@QuarkusTestResource(OidcTestKeyResource.class)
class ForwardedLinksTest {

    private static final String CREATE = "POST /fixture/links HTTP/1.1\r\nHost: 127.0.0.1:8081\r\nContent-Length: 0\r\n";

    @TestHTTPResource("/")
    URL service;

    @Test
    void fromTheTrustedGatewayTheLocationIsTheForwardedHostAndScheme() throws IOException {
        Answer answer = RawHttp.send(service, CREATE
                + "X-Forwarded-Host: api.ecogov.example\r\nX-Forwarded-Proto: https\r\nX-Forwarded-For: 203.0.113.7\r\n\r\n",
                InetAddress.getByName("127.0.0.1"));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        assertThat(answer.header("Location")).isEqualTo("https://api.ecogov.example/fixture/links/1");
    }

    @Test
    void theGatewaysHostWithItsPortIsKept() throws IOException {
        Answer answer = RawHttp.send(service, CREATE
                + "X-Forwarded-Host: 127.0.0.1:8080\r\nX-Forwarded-Proto: http\r\n\r\n", InetAddress.getByName("127.0.0.1"));

        assertThat(answer.header("Location")).isEqualTo("http://127.0.0.1:8080/fixture/links/1");
    }

    @Test
    void fromAnyOtherAddressTheForwardingHeadersAreIgnored() throws IOException {
        Answer answer = RawHttp.send(service, CREATE
                + "X-Forwarded-Host: evil.example\r\nX-Forwarded-Proto: https\r\nX-Forwarded-Port: 6666\r\n\r\n",
                InetAddress.getByName("127.0.0.2"));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        assertThat(answer.header("Location")).isEqualTo("http://127.0.0.1:8081/fixture/links/1");
    }
}
