package app.passkeybff.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One keep-alive HTTP/1.1 connection on a raw socket, for what REST Assured hides: several requests
 * on the same connection, bodies the server never reads, the server closing. Every read has a timeout,
 * so a hung connection fails the test instead of hanging it; writes run beside the reads for the same
 * reason (a server that never reads could otherwise block the writer).
 */
public final class RawHttp implements AutoCloseable {

    /** A parsed response; {@code status} 0 means the server closed (or reset) the connection instead. */
    public record Response(int status, Map<String, String> headers, String body) {
        public boolean closed() {
            return status == 0;
        }

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** The server neither answered nor closed within the timeout: the connection hangs. */
    public static final class Hung extends AssertionError {
        Hung(String what) {
            super(what);
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public RawHttp(int port, int timeoutMillis) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(timeoutMillis);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** Writes a whole request (headers, then body) in the background; failures mean the server closed. */
    public CompletableFuture<Void> send(String head, byte[] body) {
        byte[] headBytes = head.getBytes(StandardCharsets.ISO_8859_1);
        return CompletableFuture.runAsync(() -> {
            try {
                out.write(headBytes);
                out.write(body);
                out.flush();
            } catch (IOException closed) {
                // The server answered early and closed: what the reader sees decides the test.
            }
        });
    }

    public static String request(String method, String path, Map<String, String> headers, int contentLength) {
        StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        if (contentLength >= 0) {
            head.append("Content-Length: ").append(contentLength).append("\r\n");
        }
        return head.append("\r\n").toString();
    }

    /** A JSON body of exactly {@code size} bytes. */
    public static byte[] jsonBody(int size) {
        String prefix = "{\"signedPasskeyData\":\"";
        String suffix = "\"}";
        return (prefix + "a".repeat(size - prefix.length() - suffix.length()) + suffix).getBytes(StandardCharsets.US_ASCII);
    }

    /** The next response, or a closed one; throws {@link Hung} when neither comes within the timeout. */
    public Response read(String what) throws IOException {
        try {
            String statusLine = line();
            if (statusLine == null) {
                return closedResponse();
            }
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line = line(); line != null && !line.isEmpty(); line = line()) {
                int colon = line.indexOf(':');
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
            byte[] body;
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                ByteArrayOutputStream all = new ByteArrayOutputStream();
                for (int size = Integer.parseInt(line().trim(), 16); size > 0; size = Integer.parseInt(line().trim(), 16)) {
                    all.write(in.readNBytes(size));
                    line();
                }
                line();
                body = all.toByteArray();
            } else {
                body = in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
            }
            return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
        } catch (SocketTimeoutException e) {
            throw new Hung(what + ": no answer and no close within " + socket.getSoTimeout() + " ms");
        } catch (SocketException reset) {
            return closedResponse();
        }
    }

    /** After an answer that closes: the server really closes (EOF or reset), it does not just say so. */
    public boolean closedByServer() throws IOException {
        try {
            return in.read() == -1;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException reset) {
            return true;
        }
    }

    private static Response closedResponse() {
        return new Response(0, Map.of(), "");
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    public void await(CompletableFuture<Void> sending) {
        try {
            sending.get(socket.getSoTimeout(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            // A writer still blocked is the server not reading: the read side reports the hang.
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
