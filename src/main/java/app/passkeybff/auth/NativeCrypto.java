package app.passkeybff.auth;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.security.NoSuchAlgorithmException;
import java.security.Security;
import java.security.Signature;

/**
 * Amazon Corretto Crypto Provider (AWS-LC, native) as the JVM's first security provider, when
 * {@code auth.native-crypto} is on (default) and its native library loads: its RSA-2048 verify is about
 * twice as fast as the JDK's, and one RSA verify is most of what a distinct ID token costs. It also
 * serves the other algorithms it implements (digests, HMAC, AES-GCM, ECDSA, TLS key exchange) for every
 * client in the process. Fail-safe: the library is unpacked into {@code java.io.tmpdir} (the image's
 * writable /tmp; the root file system may be read-only); when it cannot be unpacked or loaded (no
 * writable tmp, a non-Linux or non-x86-64 machine) or fails its self-test, the JDK's providers stay and
 * the start-up log says so.
 */
@ApplicationScoped
public class NativeCrypto {

    private static final Logger LOG = Logger.getLogger(NativeCrypto.class);

    void onStart(@Observes StartupEvent event, AuthConfig config) {
        LOG.infof("ID-token signatures are verified by %s", install(config.nativeCrypto()));
    }

    /** Installs ACCP first when {@code enabled} and usable; the provider that now verifies RS256. */
    public static synchronized String install(boolean enabled) {
        if (enabled && Security.getProvider(AmazonCorrettoCryptoProvider.PROVIDER_NAME) == null) {
            try {
                Throwable loading = AmazonCorrettoCryptoProvider.INSTANCE.getLoadingError();
                if (loading != null) {
                    LOG.warnf("Native crypto unavailable, the JDK's providers stay: %s", loading);
                } else {
                    AmazonCorrettoCryptoProvider.INSTANCE.assertHealthy();
                    AmazonCorrettoCryptoProvider.install();
                }
            } catch (RuntimeException | LinkageError e) {
                Security.removeProvider(AmazonCorrettoCryptoProvider.PROVIDER_NAME);
                LOG.warnf("Native crypto unavailable, the JDK's providers stay: %s", e);
            }
        }
        try {
            return Signature.getInstance("SHA256withRSA").getProvider().getName();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
