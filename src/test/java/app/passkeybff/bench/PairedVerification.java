package app.passkeybff.bench;

import app.passkeybff.auth.CachingJwtParser;
import app.passkeybff.auth.IdTokenUser;
import app.passkeybff.auth.NativeCrypto;
import app.passkeybff.auth.PoolKeys;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The Java side of bench/token-verification.sh's paired slices: the service's full verification (what
 * IdTokenVerificationBenchmark.verifyFully measures) kept warm in one process, measuring only when told,
 * so the script can alternate one-second slices with aws-jwt-verify on the same core. Commands on stdin:
 * {@code run <seconds>} answers verifications per second; end of input ends it.
 * {@code java ... app.passkeybff.bench.PairedVerification <tokens.json>}
 */
public final class PairedVerification {

    public static void main(String[] args) throws Exception {
        NativeCrypto.install(!Boolean.getBoolean("bench.jdk-crypto"));
        BenchTokens pool = BenchTokens.read(Path.of(args[0]));
        String[] tokens = pool.tokens().toArray(String[]::new);
        CachingJwtParser parser = new CachingJwtParser(pool.issuer(), pool.clientId(),
                new PoolKeys(pool::jwks, Duration.ofHours(1)), 0, Duration.ofMinutes(5));
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        int next = 0;
        long sink = 0;
        for (String line; (line = in.readLine()) != null; ) {
            long end = System.nanoTime() + (long) (Double.parseDouble(line.split(" ")[1]) * 1e9);
            long start = System.nanoTime();
            long count = 0;
            long now;
            do {
                for (int i = 0; i < 64; i++) {
                    sink += IdTokenUser.from(parser.parse(tokens[next])).username().length();
                    next = next + 1 == tokens.length ? 0 : next + 1;
                }
                count += 64;
                now = System.nanoTime();
            } while (now < end);
            System.out.println(count / ((now - start) / 1e9));
            System.out.flush();
        }
        System.err.println("sink " + (sink > 0));
    }
}
