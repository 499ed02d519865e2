package org.ecogov.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class ProcessSupportTest {

    @Test
    void aChosenPortIsBindableAndNeverOneTheKernelHandsToOutgoingConnections() throws Exception {
        Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
        int ephemeralStart = Files.exists(range) ? Integer.parseInt(Files.readString(range).strip().split("\\s+")[0]) : 0;
        for (int i = 0; i < 20; i++) {
            int port = ProcessSupport.freePort();
            if (ephemeralStart > 20100) {
                assertThat(port).isBetween(20000, ephemeralStart - 1);
            }
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            }
        }
    }
}
