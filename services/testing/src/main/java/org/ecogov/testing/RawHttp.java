package org.ecogov.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.x as bytes on a socket, for the requests no HTTP client will send: raw characters in the target, no Host,
 * a header name with a space, an unknown version. Reads one answer (its head, then a body of its Content-Length or
 * chunked) and whether the server closed the connection after it.
 */
public final class RawHttp {

    /** One answer: the status line, the headers (names in lower case, the last one of a name), the body. */
    public record Answer(String statusLine, int status, Map<String, String> headers, String body, boolean closed) {

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        @Override
        public String toString() {
            return statusLine + " " + headers + " " + body + (closed ? " (closed)" : "");
        }
    }

    private static final int PATIENCE_MILLIS = 10_000;
    /** How long an open connection is watched for the server closing it after its answer. */
    private static final int CLOSE_PATIENCE_MILLIS = 300;

    private RawHttp() {
    }

    /** Sends {@code request} as ISO-8859-1 bytes to the server at {@code base}'s host and port. */
    public static Answer send(URL base, String request) throws IOException {
        return send(base, request, null);
    }

    /** The same, from the given local address (e.g. 127.0.0.2, another loopback address than the server trusts). */
    public static Answer send(URL base, String request, InetAddress from) throws IOException {
        try (Socket socket = new Socket()) {
            if (from != null) {
                socket.bind(new InetSocketAddress(from, 0));
            }
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), PATIENCE_MILLIS);
            socket.setSoTimeout(PATIENCE_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return read(socket);
        }
    }

    private static Answer read(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        String head = readHead(in);
        if (head.isEmpty()) {
            return new Answer("", 0, Map.of(), "", true);
        }
        String[] lines = head.split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        byte[] body;
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = readChunked(in);
        } else if (headers.containsKey("content-length")) {
            body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
        } else {
            body = in.readAllBytes();
        }
        String[] status = lines[0].split(" ", 3);
        return new Answer(lines[0], status.length > 1 ? Integer.parseInt(status[1]) : 0, headers,
                new String(body, StandardCharsets.UTF_8), closedAfter(socket));
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            head.write(b);
            byte[] bytes = head.toByteArray();
            int n = bytes.length;
            if (n >= 4 && bytes[n - 4] == '\r' && bytes[n - 3] == '\n' && bytes[n - 2] == '\r' && bytes[n - 1] == '\n') {
                return new String(bytes, 0, n - 4, StandardCharsets.ISO_8859_1);
            }
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static byte[] readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = readLine(in);
            int length = Integer.parseInt(size.split(";")[0].trim(), 16);
            if (length == 0) {
                readLine(in);
                return body.toByteArray();
            }
            body.write(in.readNBytes(length));
            readLine(in);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    /** Whether the server closes the connection once the answer is read (it would otherwise wait for the next request). */
    private static boolean closedAfter(Socket socket) throws IOException {
        try {
            socket.setSoTimeout(CLOSE_PATIENCE_MILLIS);
            return socket.getInputStream().read() == -1;
        } catch (SocketTimeoutException keptOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }
}
