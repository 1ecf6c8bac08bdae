package app.passkeybff.auth;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Native RSA (ACCP) is used where it loads and never needed: each case runs {@link NativeCryptoProbe} in
 * a fresh JVM (the provider list is per process), which installs it as the service does at start-up and
 * verifies an ID token through {@link CachingJwtParser}.
 */
class NativeCryptoTest {

    private static List<String> probe(String... jvmArgs) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java));
        command.addAll(List.of(jvmArgs));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), NativeCryptoProbe.class.getName()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), output);
        return output.lines().filter(line -> line.startsWith("probe ")).toList();
    }

    private static boolean linuxX64() {
        return System.getProperty("os.name").startsWith("Linux") && System.getProperty("os.arch").equals("amd64");
    }

    @Test
    void nativeRsaVerifiesIdTokensWhenItsLibraryCanBeUnpackedIntoTmp() throws Exception {
        assumeTrue(linuxX64(), "ACCP ships linux-x86_64 only");
        Path tmp = Files.createTempDirectory("accp-tmp");
        List<String> lines = probe("-Djava.io.tmpdir=" + tmp);
        assertEquals(List.of("probe provider AmazonCorrettoCryptoProvider", "probe verified true"), lines);
    }

    @Test
    void jdkVerifiesIdTokensWhenTheNativeLibraryCannotBeUnpacked() throws Exception {
        // A read-only file system without a writable tmp: nothing can be created under /proc, not even by root.
        String nowhere = "/proc/no-such-dir" + File.separator + "tmp";
        List<String> lines = probe("-Djava.io.tmpdir=" + nowhere, "-Dcom.amazon.corretto.crypto.provider.tmpdir=" + nowhere);
        assertEquals(List.of("probe provider SunRsaSign", "probe verified true"), lines);
    }

    @Test
    void jdkVerifiesIdTokensWhenNativeCryptoIsSwitchedOff() throws Exception {
        List<String> lines = probe("-Dprobe.native-crypto=false");
        assertEquals(List.of("probe provider SunRsaSign", "probe verified true"), lines);
    }
}
